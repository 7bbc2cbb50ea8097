/** One collection: one entry per decision log, filled by our loader. */
import { defineCollection } from 'astro:content';
import { adrLoader } from './loader';

export const collections = {
  logs: defineCollection({ loader: adrLoader() }),
};
