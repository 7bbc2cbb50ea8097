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
  const existing = (mount as HTMLElement & { adrSearch?: { triggerSearch(query: string): void } }).adrSearch;
  if (existing) return existing;
  const bundle = mount.dataset.bundle ?? '/pagefind/';
  const PagefindUI = await loadUi(bundle);
  if (!PagefindUI) {
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
  (mount as HTMLElement & { adrSearch?: typeof ui }).adrSearch = ui;
  if (query) ui.triggerSearch(query);
  return ui;
}

/** The text field of a started search UI. */
export function searchInput(mount: HTMLElement): HTMLInputElement | null {
  return mount.querySelector<HTMLInputElement>('input[type="text"], input[type="search"]');
}
