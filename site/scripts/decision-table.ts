/**
 * The overview's table, with JavaScript: the status chips filter (one status at a time; the
 * chip of the shown status is pressed), the priority, category and text filters narrow further,
 * header buttons sort. Filters are kept in the URL (`?status=accepted&text=cache`), so a
 * filtered view can be linked.
 */
const STATUS_ORDER = ['draft', 'proposed', 'accepted', 'postponed', 'rejected', 'aborted', 'deprecated', 'superseded', 'none'];
const PRIORITY_ORDER = ['urgent', 'important', 'planning', 'none', 'none-set'];
type Key = 'ref' | 'title' | 'date' | 'priority' | 'status' | 'progress';

function compare(key: Key, a: HTMLElement, b: HTMLElement): number {
  const x = a.dataset[key] ?? '';
  const y = b.dataset[key] ?? '';
  if (key === 'status') return STATUS_ORDER.indexOf(x) - STATUS_ORDER.indexOf(y);
  if (key === 'priority') return PRIORITY_ORDER.indexOf(x) - PRIORITY_ORDER.indexOf(y);
  if (key === 'progress' || key === 'ref') return (x === '' ? -1 : Number(x)) - (y === '' ? -1 : Number(y));
  if (key === 'date') return x === y ? 0 : x === '' ? 1 : y === '' ? -1 : x < y ? -1 : 1;
  return x.localeCompare(y, undefined, { sensitivity: 'base', numeric: true });
}

for (const root of document.querySelectorAll<HTMLElement>('[data-decision-table]')) {
  const form = root.querySelector<HTMLFormElement>('[data-filters]')!;
  const tbody = root.querySelector('tbody')!;
  const rows = [...tbody.querySelectorAll<HTMLTableRowElement>('tr')];
  const count = root.querySelector<HTMLElement>('[data-count]')!;
  const empty = root.querySelector<HTMLElement>('[data-empty]')!;
  const field = (name: string): HTMLInputElement | HTMLSelectElement | null => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const names = ['status', 'priority', 'category', 'text'] as const;
  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());

  // The status counts above the table become toggle buttons.
  const chips: HTMLButtonElement[] = [];
  for (const item of document.querySelectorAll<HTMLElement>('[data-status-count]')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = item.className;
    button.dataset.status = item.dataset.statusCount;
    button.setAttribute('aria-pressed', 'false');
    button.append(...item.childNodes);
    item.replaceWith(button);
    chips.push(button);
    button.addEventListener('click', () => {
      const status = field('status')!;
      status.value = status.value === button.dataset.status ? '' : (button.dataset.status ?? '');
      apply();
    });
  }

  function apply(): void {
    const status = field('status')?.value ?? '';
    const priority = field('priority')?.value ?? '';
    const category = field('category')?.value ?? '';
    const words = (field('text')?.value ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const ok =
        (!status || row.dataset.status === status) &&
        (!priority || row.dataset.priority === priority) &&
        (!category || row.dataset.category === category) &&
        words.every((w) => (row.dataset.text ?? '').includes(w));
      row.hidden = !ok;
      if (ok) shown++;
    }
    for (const chip of chips) chip.setAttribute('aria-pressed', String(chip.dataset.status === status));
    count.textContent = shown === rows.length ? `${rows.length} ${rows.length === 1 ? 'decision' : 'decisions'}` : `Showing ${shown} of ${rows.length} decisions`;
    empty.hidden = shown > 0;
    const params = new URLSearchParams(location.search);
    for (const name of names) {
      const value = field(name)?.value ?? '';
      if (value) params.set(name, value);
      else params.delete(name);
    }
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }

  // Filters can be linked: ?status=accepted&priority=urgent
  const initial = new URLSearchParams(location.search);
  for (const name of names) {
    const value = initial.get(name);
    const input = field(name);
    if (value && input) input.value = value;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('reset', () => setTimeout(apply, 0));
  root.querySelector('[data-clear]')?.addEventListener('click', () => form.reset());
  apply();

  // Sorting: the header text becomes a button; aria-sort tells the state.
  const headers = [...root.querySelectorAll<HTMLTableCellElement>('th[data-sort]')];
  for (const th of headers) {
    const key = th.dataset.sort as Key;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.textContent = th.textContent;
    button.setAttribute('aria-label', `Sort by ${th.textContent}`);
    th.textContent = '';
    th.append(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const sorted = [...rows].sort((a, b) => compare(key, a, b) * (ascending ? 1 : -1) || compare('title', a, b));
      tbody.append(...sorted);
    });
  }
}
