/**
 * Draws the record's ```mermaid code blocks as diagrams. Without JavaScript, or when a diagram
 * cannot be drawn, the code stays as it is (with a note saying why).
 *
 * mermaid (its own browser build, served by the site itself: no CDN) runs in a sandboxed frame
 * (site/mermaid/frame.html): it draws with inline styles while it measures, which this page's
 * CSP forbids, and a frame with an origin of its own keeps a large third-party parser of record
 * text away from the page. It runs at its `strict` security level (labels sanitised, no click
 * callbacks, no diagram may lower that) with HTML labels off.
 *
 * The SVG text that comes back is parsed into an inert document and checked before it joins the
 * page: no script, no foreignObject, no event-handler attribute, no link that is not a fragment.
 * Its styles (a `<style>` element and `style` attributes) are applied through the CSSOM (a
 * constructed stylesheet and `element.style`), which the CSP does not govern, so nothing
 * inline is ever parsed as markup here.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

let frame: Promise<HTMLIFrameElement | null> | null = null;
let counter = 0;
/** What the renderer answers: the SVG without its styles, the styles as data, or why it failed. */
interface Answer {
  svg?: string;
  css?: string;
  inline?: Array<[number, string]>;
  error?: string;
}
const waiting = new Map<string, (answer: Answer) => void>();

function dark(): boolean {
  const theme = document.documentElement.getAttribute('data-theme');
  return theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
}

/** The renderer frame, started once; null when it does not answer (the renderer is not in the site). */
function renderer(): Promise<HTMLIFrameElement | null> {
  frame ??= new Promise((resolve) => {
    const iframe = document.createElement('iframe');
    iframe.className = 'mermaid-frame';
    iframe.title = 'Diagram renderer';
    iframe.tabIndex = -1;
    iframe.setAttribute('aria-hidden', 'true');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.src = `${document.body.dataset.base ?? '/'}mermaid/frame.html`;
    const timer = setTimeout(() => resolve(null), 20000);
    window.addEventListener('message', (event) => {
      if (event.source !== iframe.contentWindow || !event.data || typeof event.data !== 'object') return;
      const data = event.data as { ready?: boolean; id?: string } & Answer;
      if ('ready' in data) {
        clearTimeout(timer);
        resolve(data.ready ? iframe : null);
      } else if (typeof data.id === 'string') {
        const inline = Array.isArray(data.inline) ? data.inline.filter((e): e is [number, string] => Array.isArray(e) && typeof e[0] === 'number' && typeof e[1] === 'string') : [];
        waiting.get(data.id)?.({
          svg: typeof data.svg === 'string' ? data.svg : undefined,
          css: typeof data.css === 'string' ? data.css : '',
          inline,
          error: typeof data.error === 'string' ? data.error : undefined,
        });
        waiting.delete(data.id);
      }
    });
    document.body.append(iframe);
  });
  return frame;
}

function render(iframe: HTMLIFrameElement, code: string): Promise<{ id: string } & Answer> {
  const id = `adr-mermaid-${++counter}`;
  return new Promise((resolve) => {
    waiting.set(id, (answer) => resolve({ id, ...answer }));
    iframe.contentWindow?.postMessage({ id, code, theme: dark() ? 'dark' : 'default', fontFamily: getComputedStyle(document.body).fontFamily }, '*');
  });
}

/**
 * Removes what must never reach the page from a parsed SVG. The renderer already took the
 * styles off; a style left over (which the page's CSP refuses anyway) goes too.
 */
function disarm(svg: Element): void {
  for (const el of [...svg.querySelectorAll('*')]) {
    if (['style', 'script', 'foreignobject', 'iframe', 'object', 'embed'].includes(el.localName.toLowerCase())) el.remove();
  }
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'style') el.removeAttribute(attr.name);
      else if ((name === 'href' || name.endsWith(':href')) && !attr.value.trim().startsWith('#')) el.removeAttribute(attr.name);
    }
  }
}

const sheets = new Map<Element, CSSStyleSheet>();

/** Puts one drawn SVG in place of (or over the earlier drawing of) a code block. */
function place(block: HTMLElement, id: string, answer: Answer): void {
  const parsed = new DOMParser().parseFromString(answer.svg ?? '', 'image/svg+xml');
  const element = parsed.documentElement;
  if (element.namespaceURI !== SVG_NS || element.localName !== 'svg') throw new Error('the renderer did not return an SVG drawing');
  // Styles by element, before disarming (which may take elements out and shift positions).
  const before = [element, ...element.querySelectorAll('*')];
  const styles = new Map<Element, string>();
  for (const [index, style] of answer.inline ?? []) if (before[index]) styles.set(before[index], style);
  disarm(element);
  const survivors = [element, ...element.querySelectorAll('*')];
  const svg = document.importNode(element, true);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Diagram (its source follows)');
  const copies = [svg, ...svg.querySelectorAll('*')] as Array<SVGElement>;
  survivors.forEach((original, index) => {
    const style = styles.get(original);
    if (style !== undefined && copies[index]) copies[index].style.cssText = style;
  });
  const css = answer.css ?? '';
  const drawing = document.createElement('div');
  drawing.className = 'mermaid-drawing';
  drawing.append(svg);

  let figure = block.closest<HTMLElement>('figure.mermaid');
  if (!figure) {
    figure = document.createElement('figure');
    figure.className = 'mermaid';
    block.replaceWith(figure);
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Diagram source';
    details.append(summary, block);
    figure.append(drawing, details);
  } else {
    figure.querySelector('.mermaid-drawing')?.replaceWith(drawing);
  }
  figure.querySelector('.mermaid-error')?.remove();
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const old = sheets.get(figure);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets.filter((s) => s !== old), sheet];
  sheets.set(figure, sheet);
  svg.id = id;
}

function fail(block: HTMLElement, reason: string): void {
  const holder = block.closest<HTMLElement>('figure.mermaid') ?? block;
  let note = holder.previousElementSibling?.classList.contains('mermaid-error') ? (holder.previousElementSibling as HTMLElement) : null;
  if (!note) {
    note = document.createElement('p');
    note.className = 'mermaid-error';
    holder.before(note);
  }
  note.textContent = `This diagram could not be drawn: ${reason}`;
}

async function drawAll(): Promise<void> {
  const blocks = [...document.querySelectorAll<HTMLElement>('pre > code.language-mermaid')].map((code) => code.parentElement as HTMLElement);
  if (blocks.length === 0) return;
  const iframe = await renderer();
  if (!iframe) return;
  for (const block of blocks) {
    const code = block.querySelector('code')?.textContent ?? '';
    const answer = await render(iframe, code);
    try {
      if (answer.svg) place(block, answer.id, answer);
      else fail(block, answer.error ?? 'no drawing came back');
    } catch (error) {
      fail(block, error instanceof Error ? error.message : String(error));
    }
  }
}

void drawAll();
// Redraw in the other theme's colours when the reader switches theme.
document.addEventListener('adr-theme', () => void drawAll());
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void drawAll());
