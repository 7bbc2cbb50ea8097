/**
 * Zoom for the relation graph: the SVG keeps its drawing and only its displayed size changes
 * (width and height attributes), so the frame scrolls around it. On a narrow screen a graph
 * that would be tiny when fitted starts at a readable size instead.
 */
for (const frame of document.querySelectorAll<HTMLElement>('[data-graph]')) {
  const svg = frame.querySelector<SVGSVGElement>('svg.relation-graph');
  if (!svg) continue;
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  let scale = 1;
  const set = (next: number): void => {
    scale = Math.min(2.5, Math.max(0.25, next));
    svg.setAttribute('width', String(Math.round(width * scale)));
    svg.setAttribute('height', String(Math.round(height * scale)));
  };
  const fit = (): number => Math.min(1, (frame.clientWidth - 2) / width);
  // Fit when that keeps the titles readable (at least 70 %), else natural size and scroll.
  if (fit() >= 0.7) set(fit());
  document.querySelector('[data-zoom="in"]')?.addEventListener('click', () => set(scale * 1.25));
  document.querySelector('[data-zoom="out"]')?.addEventListener('click', () => set(scale / 1.25));
  document.querySelector('[data-zoom="fit"]')?.addEventListener('click', () => set(fit()));
}
