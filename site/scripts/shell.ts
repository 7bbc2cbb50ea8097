/**
 * What every page does with JavaScript (it reads completely without): the sidebar drawer on a
 * phone, the sidebar's filter, the theme toggle (remembered), and search in a dialog that
 * Ctrl+K and "/" open. Text is only ever set with textContent.
 */
import { searchInput, startSearch } from './search';

const root = document.documentElement;

// Theme: system (no attribute), light, dark; the choice is kept in localStorage.
const THEMES = ['auto', 'light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
const THEME_WORDS: Record<Theme, string> = { auto: 'as the system', light: 'light', dark: 'dark' };
function currentTheme(): Theme {
  const value = root.getAttribute('data-theme');
  return value === 'light' || value === 'dark' ? value : 'auto';
}
function showTheme(button: HTMLElement): void {
  const theme = currentTheme();
  const next = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
  button.dataset.current = theme;
  const label = button.querySelector<HTMLElement>('[data-theme-label]');
  if (label) label.textContent = `Theme: ${THEME_WORDS[theme]} (switch to ${THEME_WORDS[next]})`;
  button.title = `Theme: ${THEME_WORDS[theme]}`;
}
for (const button of document.querySelectorAll<HTMLElement>('[data-theme-toggle]')) {
  showTheme(button);
  button.addEventListener('click', () => {
    const next = THEMES[(THEMES.indexOf(currentTheme()) + 1) % THEMES.length];
    if (next === 'auto') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', next);
    try {
      if (next === 'auto') localStorage.removeItem('adr-theme');
      else localStorage.setItem('adr-theme', next);
    } catch {
      // Storage blocked: the choice lasts for this page only.
    }
    showTheme(button);
    document.dispatchEvent(new Event('adr-theme'));
  });
}

// The sidebar: a drawer on narrow screens.
const sidebar = document.querySelector<HTMLElement>('[data-sidebar]');
const menu = document.querySelector<HTMLButtonElement>('[data-menu]');
const scrim = document.querySelector<HTMLElement>('[data-scrim]');
function setDrawer(open: boolean, focus = true): void {
  if (!sidebar || !menu) return;
  root.classList.toggle('drawer-open', open);
  menu.setAttribute('aria-expanded', String(open));
  if (scrim) scrim.hidden = !open;
  if (open && focus) (sidebar.querySelector<HTMLElement>('[aria-current="page"]') ?? sidebar.querySelector<HTMLElement>('a, input'))?.focus();
  if (!open && focus) menu.focus();
}
menu?.addEventListener('click', () => setDrawer(!root.classList.contains('drawer-open')));
scrim?.addEventListener('click', () => setDrawer(false));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && root.classList.contains('drawer-open')) setDrawer(false);
});

// The current record in view inside the sidebar (the sidebar scrolls on its own).
const inner = sidebar?.querySelector<HTMLElement>('.sidebar-inner');
const here = sidebar?.querySelector<HTMLElement>('.side-link[aria-current="page"]');
if (inner && here && inner.scrollHeight > inner.clientHeight) {
  inner.scrollTop = Math.max(0, here.offsetTop - inner.clientHeight / 2);
}

// The sidebar's filter.
const filter = sidebar?.querySelector<HTMLInputElement>('[data-sidebar-filter]');
filter?.addEventListener('input', () => {
  const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
  for (const group of sidebar!.querySelectorAll<HTMLElement>('.side-group')) {
    let shown = 0;
    for (const link of group.querySelectorAll<HTMLElement>('.side-link')) {
      const text = link.dataset.filterText ?? '';
      const ok = words.every((w) => text.includes(w));
      link.parentElement!.hidden = !ok;
      if (ok) shown++;
    }
    const empty = group.querySelector<HTMLElement>('[data-sidebar-empty]');
    if (empty) empty.hidden = shown > 0;
  }
});

// Search: the dialog (or, on the search page, the page's own field).
const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]');
const mount = dialog?.querySelector<HTMLElement>('[data-search-mount]');
async function openSearch(): Promise<void> {
  const pageMount = document.querySelector<HTMLElement>('[data-search-page]');
  if (pageMount) {
    searchInput(pageMount)?.focus();
    return;
  }
  if (!dialog || !mount) return;
  if (root.classList.contains('drawer-open')) setDrawer(false, false);
  if (!dialog.open) dialog.showModal();
  await startSearch(mount);
  const input = searchInput(mount);
  input?.focus();
  input?.select();
}
for (const trigger of document.querySelectorAll<HTMLElement>('[data-search-open]')) {
  trigger.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void openSearch();
  });
}
dialog?.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
dialog?.addEventListener('click', (event) => {
  // A click on the backdrop (outside the dialog's box) closes it.
  if (event.target === dialog) dialog.close();
});
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  const typing = !!target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
    event.preventDefault();
    void openSearch();
  } else if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    void openSearch();
  }
});
