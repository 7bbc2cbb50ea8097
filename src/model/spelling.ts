/**
 * How a log spells "superseded": adr-tools writes `Superceded`, and a fix or an edit that adds the
 * word writes it the log's way. One rule for `adr supersede`, `adr link`, `adr new -s` and the
 * reciprocal-link fix of `adr check`.
 */
import type { Decision } from './decision.js';
import type { Config } from './log.js';

/** The config's `supersededSpelling`, else the spelling most of the log's link labels use (a tie: `Superseded`). */
export function supersededSpelling(config: Config, decisions: readonly Decision[]): 'Superseded' | 'Superceded' {
  if (config.supersededSpelling) return config.supersededSpelling;
  let seded = 0;
  let ceded = 0;
  for (const d of decisions) {
    for (const l of d.links) {
      if (!l.label) continue;
      if (/superceded/i.test(l.label)) ceded++;
      else if (/superseded/i.test(l.label)) seded++;
    }
  }
  return ceded > seded ? 'Superceded' : 'Superseded';
}
