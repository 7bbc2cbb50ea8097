/**
 * The questions `adr new` asks on a terminal when no title is given: the title (required), then
 * the priority and the category where the record has a place for them. Everything is asked
 * before anything is written, so Ctrl-C or Ctrl-D at any of them leaves the log as it was.
 */
import type { Priority } from '../model/index.js';
import { CATEGORY_EMOJI, cleanTitle, SUMMARY_PRIORITY } from '../edit/templates.js';
import { canonicalCategory, canonicalPriority } from '../parse/vocab.js';
import type { CommandContext } from './context.js';
import { ask, choose, type Choice } from './prompt.js';

const PRIORITY_ORDER: readonly Priority[] = ['urgent', 'important', 'planning', 'none'];

/** The priority choices as the summary format labels them (`🔴 Urgent (this week)`). */
export const PRIORITY_CHOICES: ReadonlyArray<Choice<Priority>> = PRIORITY_ORDER.map((value) => ({ value, label: SUMMARY_PRIORITY[value].footer }));

/**
 * The priority a whole answer names: a canonical word or one of the format's synonyms, in full
 * (`high`, `medium`, `low`, `no deadline`), else null. The vocabulary reads a value that *starts*
 * with one of its phrases (`high (this week)`); an answer is a phrase in full when it stops reading
 * as soon as anything is added to it, so `hi` and `urgent-ish` are not priorities here.
 */
export function priorityAnswer(answer: string): Priority | null {
  const a = answer.trim().toLowerCase();
  if (!/^[\p{L}\p{N}/ -]+$/u.test(a)) return null;
  const priority = canonicalPriority(a);
  return priority !== null && canonicalPriority(`${a}x`) === null ? priority : null;
}

/** The categories the format knows, in the order it lists them. */
const CATEGORIES = Object.keys(CATEGORY_EMOJI);

/**
 * The category an answer names: a known one or its short name (`infra`, `biz`, `docs`), the
 * unique start of a known one (`infr`), or the person's own words. `{ ambiguous }` when the
 * answer starts several known ones (`do`: Domain or Documentation).
 */
export function categoryAnswer(answer: string): { category: string | null } | { ambiguous: string[] } {
  const a = answer.trim();
  if (!a) return { category: null };
  const canonical = canonicalCategory(a);
  if (canonical && CATEGORIES.includes(canonical)) return { category: canonical };
  const starts = CATEGORIES.filter((c) => c.toLowerCase().startsWith(a.toLowerCase()));
  if (starts.length === 1) return { category: starts[0] };
  if (starts.length > 1) return { ambiguous: starts };
  return { category: canonical };
}

/** What was asked. */
export interface AskedFacts {
  title: string;
  priority: Priority | null;
  category: string | null;
}

/**
 * Asks for the title, then (when `ask` says the record has a place for them and no flag gave them)
 * the priority and the category. Ctrl-C and Ctrl-D reject with PromptCancelled.
 */
export async function askRecordFacts(
  ctx: CommandContext,
  given: { priority: Priority | null; category: string | null },
  wanted: { priority: boolean; category: boolean },
): Promise<AskedFacts> {
  let title = '';
  while (!title) title = cleanTitle(await ask(ctx, 'Title', { required: 'a title is required (Ctrl-C cancels)' }));
  let { priority, category } = given;
  if (wanted.priority) {
    priority = await choose(ctx, 'Priority', PRIORITY_CHOICES, { optional: true, read: priorityAnswer });
  }
  if (wanted.category) {
    const known = CATEGORIES.join(', ');
    for (;;) {
      const answer = categoryAnswer(await ask(ctx, `Category (${known}, or your own words; Enter skips)`));
      if ('category' in answer) {
        category = answer.category;
        break;
      }
      ctx.stderr.write(`that could be ${answer.ambiguous.join(' or ')}; type more of it\n`);
    }
  }
  return { title, priority, category };
}
