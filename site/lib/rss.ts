/**
 * The site's RSS 2.0 feed, written by hand: a handful of elements, every value escaped for
 * what a feed reader does with it. Links are absolute when the build knows the site's origin
 * (`--site`), else root-relative.
 *
 * Feed readers render an item's description as HTML, and many treat its title as HTML too.
 * So the description carries only HTML our renderer made (the record's decision and reason,
 * sanitised: nothing from a record is ever raw markup there) in a CDATA section, and the title
 * and category have `<` and `>` escaped twice: a reader that decodes them once still shows text.
 */
import type { Site, SiteRecord } from './site';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Drops characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/FFFF). */
function xmlChars(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** Escapes text for XML, dropping characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** Plain text for an element a reader may show as HTML: markup characters stay text after one decoding. */
export function feedText(text: string): string {
  return xmlEscape(text.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** HTML made by our renderer, as a CDATA section (a `]]>` inside is split across two sections). */
export function cdata(html: string): string {
  return `<![CDATA[${xmlChars(html).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 date for a `YYYY-MM-DD` day (midnight UTC). */
export function rfc822(date: string): string | null {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} 00:00:00 +0000`;
}

/** Escapes text for HTML inside the description. */
function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/** The description of an item: status, decision and reason, as safe HTML. */
function description(record: SiteRecord): string {
  const parts = [`<p><strong>${html(record.statusLabel)}</strong>${record.date ? ` · ${html(record.date)}` : ''}${record.category ? ` · ${html(record.category)}` : ''}</p>`];
  if (record.decisionHtml) parts.push(`<p>${record.decisionHtml}</p>`);
  if (record.reasonHtml) parts.push(`<p>${html(record.status === 'accepted' ? 'Why' : record.statusLabel)}: ${record.reasonHtml}</p>`);
  return parts.join('');
}

/** The feed document. */
export function rssXml(site: Site): string {
  const origin = site.site ? site.site.replace(/\/+$/, '') : '';
  const link = (path: string) => `${origin}${path}`;
  const records = site.logs
    .flatMap((log) => log.records.map((record) => ({ record, log })))
    .sort((a, b) => {
      const x = a.record.date ?? '';
      const y = b.record.date ?? '';
      return x === y ? a.record.url.localeCompare(b.record.url) : x < y ? 1 : -1;
    })
    .slice(0, 200);
  const newest = records.find((r) => r.record.date)?.record.date ?? null;
  const items = records.map(({ record, log }) => {
    const pub = record.date ? rfc822(record.date) : null;
    return [
      '    <item>',
      `      <title>${feedText(site.multi ? `${log.title}: ${record.title}` : record.title)}</title>`,
      `      <link>${xmlEscape(link(record.url))}</link>`,
      `      <guid isPermaLink="${origin ? 'true' : 'false'}">${xmlEscape(link(record.url))}</guid>`,
      `      <description>${cdata(description(record))}</description>`,
      record.category ? `      <category>${feedText(record.category)}</category>` : null,
      pub ? `      <pubDate>${pub}</pubDate>` : null,
      '    </item>',
    ]
      .filter((line) => line !== null)
      .join('\n');
  });
  const lastBuild = newest ? rfc822(newest) : null;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${feedText(site.title)}</title>`,
    `    <link>${xmlEscape(link(site.base))}</link>`,
    `    <description>${feedText(`Decisions recorded in ${site.logs.map((l) => l.source).join(', ') || 'this log'}`)}</description>`,
    '    <generator>adr</generator>',
    lastBuild ? `    <lastBuildDate>${lastBuild}</lastBuildDate>` : null,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ]
    .filter((line) => line !== null)
    .join('\n');
}
