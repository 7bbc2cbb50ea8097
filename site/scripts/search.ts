/**
 * Pagefind's default search UI, started on demand (in the header's search dialog, or on the
 * search page). It shows titles, headings and meta as text and escapes its excerpts; the filter
 * values it inserts as HTML are escaped in the index at build time (src/site/records.ts).
 */

interface PagefindUIOptions {
  element: HTMLElement;
  bundlePath: string;
  showSubResults: boolean;
  showImages: boolean;
  resetStyles: boolean;
  autofocus: boolean;
  translations: Record<string, string>;
}
type PagefindUIConstructor = new (options: PagefindUIOptions) => { triggerSearch(query: string): void };

let loading: Promise<PagefindUIConstructor | null> | null = null;

/** Loads Pagefind's UI script and stylesheet once (files of the site, as the CSP wants). */
function loadUi(bundle: string): Promise<PagefindUIConstructor | null> {
  loading ??= new Promise((resolve) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${bundle}pagefind-ui.css`;
    document.head.append(css);
    const script = document.createElement('script');
    script.src = `${bundle}pagefind-ui.js`;
    script.onload = () => resolve((window as unknown as { PagefindUI?: PagefindUIConstructor }).PagefindUI ?? null);
    script.onerror = () => resolve(null);
    document.head.append(script);
  });
  return loading;
}

/**
 * Starts the search UI in `mount` (once). Resolves to the UI, or null when the index is missing
 * (the dev server writes none); the element with `data-search-missing` next to it is shown then.
 */
export async function startSearch(mount: HTMLElement, query?: string | null): Promise<{ triggerSearch(query: string): void } | null> {
  const holder = mount as HTMLElement & { adrSearch?: Promise<{ triggerSearch(query: string): void } | null> };
  holder.adrSearch ??= start(mount, query);
  return holder.adrSearch;
}

/**
 * Loads and mounts the UI. While it loads, the mount is marked busy (a "Loading search…" line
 * shows), and what the reader types meanwhile is kept and put into the field once it is there:
 * Ctrl+K followed at once by a word finds that word rather than its last few letters.
 */
async function start(mount: HTMLElement, query?: string | null): Promise<{ triggerSearch(query: string): void } | null> {
  const bundle = mount.dataset.bundle ?? '/pagefind/';
  mount.setAttribute('aria-busy', 'true');
  const loadingLine = document.createElement('p');
  loadingLine.className = 'search-loading';
  loadingLine.setAttribute('role', 'status');
  loadingLine.textContent = 'Loading search…';
  mount.append(loadingLine);
  let typed = '';
  const keep = (event: KeyboardEvent): void => {
    if (!mount.isConnected || mount.offsetParent === null || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length === 1) typed += event.key;
    else if (event.key === 'Backspace') typed = typed.slice(0, -1);
    else return;
    event.preventDefault();
  };
  document.addEventListener('keydown', keep);
  const PagefindUI = await loadUi(bundle);
  document.removeEventListener('keydown', keep);
  loadingLine.remove();
  if (!PagefindUI) {
    mount.setAttribute('aria-busy', 'false');
    const missing = mount.parentElement?.querySelector<HTMLElement>('[data-search-missing]');
    if (missing) missing.hidden = false;
    return null;
  }
  const ui = new PagefindUI({
    element: mount,
    bundlePath: bundle,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
    translations: { placeholder: 'Search decisions', zero_results: 'No decision mentions [SEARCH_TERM]' },
  });
  const term = typed || query;
  if (term) ui.triggerSearch(term);
  // Ready: the field is there and takes what is typed (the index itself loads on the first search).
  mount.setAttribute('aria-busy', 'false');
  return ui;
}

/** The text field of a started search UI. */
export function searchInput(mount: HTMLElement): HTMLInputElement | null {
  return mount.querySelector<HTMLInputElement>('input[type="text"], input[type="search"]');
}
