// A bare Astro 5 content collection over a log folder, with Astro's own glob loader and no
// schema: the yardstick `adr site build` is compared with (the goal: ≤ 1.2× this build).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = process.env.BARE_ASTRO_BASE;
if (!base) throw new Error('BARE_ASTRO_BASE must name the markdown folder');

export const collections = {
  decisions: defineCollection({ loader: glob({ pattern: '**/*.md', base }) }),
};
