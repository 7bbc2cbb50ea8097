/** The RSS 2.0 feed of every log's decisions, newest first (hand-written XML, every value escaped). */
import type { APIRoute } from 'astro';
import { loadSite } from '../lib/site';
import { rssXml } from '../lib/rss';

export const GET: APIRoute = async () => {
  const site = await loadSite();
  return new Response(rssXml(site), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
