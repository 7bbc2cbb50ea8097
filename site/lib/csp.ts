/**
 * The Content-Security-Policy every page carries (as a `<meta http-equiv>`, so it travels with the
 * static files to any host). It is the second line of defence behind the escaping and sanitising
 * done at build time: even if markup from a record reached a page, the browser would run no
 * script and apply no style that is not a file of the site itself.
 *
 * - `script-src 'self' 'wasm-unsafe-eval'`: our bundled scripts and Pagefind's; Pagefind's search
 *   runs as WebAssembly, which browsers only compile with `wasm-unsafe-eval` (it allows no `eval`
 *   of JavaScript).
 * - `style-src 'self'`: the stylesheets; no `style` attributes, no `<style>` elements (scripts
 *   that need to place things set styles through the CSSOM, which the policy does not govern).
 * - `img-src 'self' https: data:`: the site's images, the https images records link to, and the
 *   `data:` icons of Pagefind's stylesheet (an image cannot run script, whatever its source).
 * - `worker-src 'self'`: Pagefind searches in a worker loaded from the site.
 * - `frame-src 'self'`: only the diagram renderer's sandboxed page (site/mermaid/frame.html),
 *   which runs mermaid away from the page because mermaid draws with inline styles.
 * - no plugins, form posts elsewhere, or `<base>` that would redirect relative URLs.
 * `frame-ancestors` cannot be set by a meta element; a host that wants it sets the header.
 */
export const CONTENT_SECURITY_POLICY = policy("style-src 'self'");

/**
 * The policy of `adr site dev`'s pages: the same, except that styles may be inline, because
 * Vite's dev server injects the stylesheet as a `<style>` element (and swaps it on every save).
 * It serves on 127.0.0.1 for the author only; a built site never carries this.
 */
export const DEV_CONTENT_SECURITY_POLICY = policy("style-src 'self' 'unsafe-inline'");

function policy(styles: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    styles,
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}
