/**
 * The site's RSS 2.0 feed, written by hand: a handful of elements, every text escaped.
 * Links are absolute when the build knows the site's origin (`--site`), else root-relative.
 */
import type { Site } from './site';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML, dropping characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
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
    const description = [record.statusLabel, record.summaryText ?? ''].filter(Boolean).join(': ');
    return [
      '    <item>',
      `      <title>${xmlEscape(site.multi ? `${log.title}: ${record.title}` : record.title)}</title>`,
      `      <link>${xmlEscape(link(record.url))}</link>`,
      `      <guid isPermaLink="${origin ? 'true' : 'false'}">${xmlEscape(link(record.url))}</guid>`,
      `      <description>${xmlEscape(description)}</description>`,
      record.category ? `      <category>${xmlEscape(record.category)}</category>` : null,
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
    `    <title>${xmlEscape(site.title)}</title>`,
    `    <link>${xmlEscape(link(site.base))}</link>`,
    `    <description>${xmlEscape(`Decisions recorded in ${site.logs.map((l) => l.source).join(', ') || 'this log'}`)}</description>`,
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
