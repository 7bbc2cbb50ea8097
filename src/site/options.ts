/**
 * The settings of one site build, as the CLI hands them to Astro's process and the content
 * loader reads them back (through one environment variable, since Astro runs the loader
 * inside its own module graph).
 */

/** Settings of a site build or dev server. */
export interface SiteOptions {
  /** Folder relative paths are resolved from (the user's working directory). */
  cwd: string;
  /** Log folders (`--dir`, repeatable). Empty: the log `adr` finds from `cwd`. */
  dirs: string[];
  /** URL path the site is served under, with leading and trailing slash (`/`, `/decisions/`). */
  base: string;
  /** Absolute origin of the published site (`https://example.org`), for the feed's links, or null. */
  site: string | null;
  /** Site title (default: the log's configured title, else "Decisions"). */
  title: string | null;
  /** File keeping rendered record bodies between builds (in the work folder), or null for none. */
  cacheFile?: string | null;
  /** Copy the images records show into Astro's public folder (the CLI's work folder; never a repository's own). */
  copyAssets?: boolean;
  /** Pages for `adr site dev` (a looser style policy for Vite's injected styles), not a build. */
  dev?: boolean;
}

/** The environment variable that carries {@link SiteOptions} as JSON. */
export const SITE_OPTIONS_ENV = 'ADR_SITE_OPTIONS';

/** Puts `/` at both ends of a base path (`docs` gives `/docs/`). */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** Reads the options from the environment, or the defaults for `cwd` (a plain `astro build` in a repository). */
export function optionsFromEnv(env: Record<string, string | undefined>, cwd: string): SiteOptions {
  const raw = env[SITE_OPTIONS_ENV];
  if (!raw) return { cwd, dirs: [], base: '/', site: null, title: null };
  const parsed = JSON.parse(raw) as Partial<SiteOptions>;
  return {
    cwd: parsed.cwd ?? cwd,
    dirs: Array.isArray(parsed.dirs) ? parsed.dirs : [],
    base: normaliseBase(parsed.base),
    site: parsed.site ?? null,
    title: parsed.title ?? null,
    cacheFile: typeof parsed.cacheFile === 'string' ? parsed.cacheFile : null,
    copyAssets: parsed.copyAssets === true,
    dev: parsed.dev === true,
  };
}
