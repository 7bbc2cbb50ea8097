/**
 * `adr completion bash|zsh|fish`: prints a shell script that completes adr's commands, their
 * options, option values (formats, rule ids, statuses, folders) and record REFs.
 *
 * The script asks adr itself on every Tab (`adr completion --complete -- WORDS…`), so the
 * completions are never out of step with the installed version: commands come from the registry,
 * each command's options from its own --help text, REFs from the log found from the current
 * folder (or --dir). The answer is a directive line (`:plain`, `:dirs`, `:files`) followed by one
 * candidate per line, `value<TAB>description` where there is one.
 */
import { UsageError, type Command, type CommandContext } from './context.js';
import { COMMANDS, SUMMARIES } from './commands.js';

const HELP = `Usage: adr completion <bash|zsh|fish>

Examples:
  adr completion bash > /etc/bash_completion.d/adr
  adr completion zsh > ~/.adr-completion.zsh      (source it from ~/.zshrc, after compinit)
  adr completion fish > ~/.config/fish/completions/adr.fish

Print a completion script for your shell: commands, options, option values (report formats,
rule ids, statuses, folders) and record REFs from the log, asked of adr on each Tab.

Install:
  bash   add to ~/.bashrc:                 eval "$(adr completion bash)"
  zsh    add to ~/.zshrc (after compinit):  eval "$(adr completion zsh)"
  fish   run once:                         adr completion fish > ~/.config/fish/completions/adr.fish
`;

/** The shells a script exists for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** One option as a command's --help lists it. */
export interface HelpOption {
  names: string[];
  /** The value placeholder (`DIR`, `NAME`), or null for a flag. */
  value: string | null;
  description: string;
}

/**
 * The options a --help text lists: lines such as `  -d, --dir DIR   the log folder` and
 * `      --color, --no-color  force colour on or off`.
 */
export function helpOptions(help: string): HelpOption[] {
  const options: HelpOption[] = [];
  for (const line of help.split('\n')) {
    const m = /^\s+(-[A-Za-z0-9](?=[,\s])|--[a-z][\w-]*)((?:,\s*--?[A-Za-z0-9][\w-]*)*)(?:[ =]([A-Z][\w:|.]*))?(?:\s{2,}(.*))?$/.exec(line);
    if (!m) continue;
    const names = [m[1], ...(m[2] ? m[2].split(',').map((s) => s.trim()).filter(Boolean) : [])];
    options.push({ names, value: m[3] ?? null, description: (m[4] ?? '').trim() });
  }
  return options;
}

/** Where a positional argument's candidates come from. */
type Positional = 'ref' | 'status' | 'kind' | 'files' | 'dirs' | 'command' | 'shell' | 'site' | 'none';

/**
 * The positional arguments of each command, in order (the last one repeats for `check FILE…`).
 * A command missing here still gets its options completed.
 */
const POSITIONALS: Record<string, Positional[]> = {
  abort: ['ref', 'none'],
  status: ['ref', 'status', 'none'],
  accept: ['ref', 'none'],
  reject: ['ref', 'none'],
  deprecate: ['ref', 'none'],
  postpone: ['ref', 'none'],
  supersede: ['ref', 'ref', 'none'],
  link: ['ref', 'kind', 'ref', 'none'],
  check: ['files'],
  init: ['dirs', 'none'],
  site: ['site', 'none'],
  completion: ['shell', 'none'],
  help: ['command', 'none'],
  new: ['none'],
  list: ['none'],
  todo: ['none'],
  overview: ['none'],
};

/** What the status shortcuts (registered without a line of their own in `adr --help`) do. */
const SHORTCUTS: Record<string, string> = {
  accept: 'mark a record accepted (adr status REF accepted)',
  reject: 'mark a record rejected',
  deprecate: 'mark a record deprecated',
  postpone: 'mark a record postponed',
};

const SITE_SUBCOMMANDS: Array<[string, string]> = [
  ['build', 'build the site into a folder'],
  ['dev', 'development server that reloads on changes'],
  ['serve', 'serve a built site on 127.0.0.1'],
];

/** Candidates and what the shell should do with them. */
export interface Completion {
  directive: 'plain' | 'dirs' | 'files';
  candidates: Array<{ value: string; description?: string }>;
}

function plain(candidates: Completion['candidates']): Completion {
  return { directive: 'plain', candidates };
}

function values(list: readonly string[]): Completion['candidates'] {
  return list.map((value) => ({ value }));
}

/** Keeps the candidates that start with `current` (case-insensitively, as the shells do). */
function matching(candidates: Completion['candidates'], current: string): Completion['candidates'] {
  const lower = current.toLowerCase();
  return candidates.filter((c) => c.value.toLowerCase().startsWith(lower));
}

/** Completes one item of a comma-separated list (`--status accepted,pro`). */
function listItem(list: readonly string[], current: string): Completion {
  const cut = current.lastIndexOf(',') + 1;
  const head = current.slice(0, cut);
  const taken = new Set(head.split(',').map((w) => w.toLowerCase()));
  return plain(matching(values(list.filter((v) => !taken.has(v)).map((v) => head + v)), current));
}

/** Record REFs of the log (file stems), matching what is typed: a prefix, else a number, else a part. */
async function refs(ctx: CommandContext, dir: string | undefined, current: string): Promise<Completion> {
  try {
    const { findLog } = await import('../store/find-log.js');
    const { walkLog } = await import('../store/walk.js');
    const walk = await walkLog(await findLog({ cwd: ctx.cwd, dir }));
    const stems = walk.listed.files.map((f) => (f.file.split('/').pop() ?? f.file).replace(/\.(md|markdown)$/i, '')).sort();
    const lower = current.toLowerCase();
    let hits = stems.filter((s) => s.toLowerCase().startsWith(lower));
    const number = /^(?:adr[-_]?|#)?0*(\d+)$/i.exec(current);
    if (hits.length === 0 && number) hits = stems.filter((s) => /^(?:adr[-_]?)?0*(\d+)[-_]/i.exec(s)?.[1].startsWith(number[1]));
    if (hits.length === 0 && current) hits = stems.filter((s) => s.toLowerCase().includes(lower));
    return plain(values(hits));
  } catch {
    // No log here (or an unreadable config): nothing to offer, and nothing to print on a Tab.
    return plain([]);
  }
}

/** Values of an option, by its long name (and command), or by its placeholder. */
async function optionValues(command: string, option: HelpOption, ctx: CommandContext, dir: string | undefined, current: string): Promise<Completion> {
  const long = option.names.find((n) => n.startsWith('--'))?.slice(2) ?? '';
  const model = await import('../model/index.js');
  switch (long) {
    case 'format':
      if (command === 'check') return plain(matching(values(Object.keys((await import('../lint/formats.js')).FORMATS)), current));
      break;
    case 'rule': {
      const { RULES } = await import('../rules/index.js');
      return listItem([...RULES.map((r) => r.id), 'parse'], current);
    }
    case 'status':
      return command === 'list' ? listItem([...model.STATUSES, 'none'], current) : plain(matching(values(model.STATUSES), current));
    case 'priority':
      return command === 'list' ? listItem(model.PRIORITIES, current) : plain(matching(values(model.PRIORITIES), current));
    case 'dialect': {
      const { WRITABLE_DIALECTS } = await import('../store/naming.js');
      return plain(matching(values(WRITABLE_DIALECTS), current));
    }
    case 'naming':
      return plain(matching(values(['date', 'number']), current));
    case 'supersedes':
    case 'link':
      return refs(ctx, dir, current);
  }
  const placeholder = option.value ?? '';
  if (placeholder === 'DIR') return { directive: 'dirs', candidates: [] };
  if (placeholder === 'FILE') return { directive: 'files', candidates: [] };
  if (placeholder.startsWith('REF')) return refs(ctx, dir, current);
  return plain([]);
}

/**
 * The completions for a command line: `line` holds the words after `adr`, the last one being the
 * word under the cursor (empty after a space).
 */
export async function complete(line: readonly string[], ctx: CommandContext): Promise<Completion> {
  // bash splits `--format=json` at the `=` into three words: join earlier ones back; when the
  // cursor is on the value (or right after the `=`), complete it as the option's value.
  const words = [...line];
  let current = words.pop() ?? '';
  if (current === '=' && words[words.length - 1]?.startsWith('--')) current = '';
  else if (words[words.length - 1] === '=' && words[words.length - 2]?.startsWith('--')) words.pop();
  const argv: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '=' && argv.length > 0 && argv[argv.length - 1].startsWith('--') && i + 1 < words.length) argv[argv.length - 1] += `=${words[++i]}`;
    else argv.push(words[i]);
  }
  if (argv.length === 0) {
    if (current.startsWith('-')) return plain(matching([{ value: '--help', description: 'show the help' }, { value: '--version', description: 'print the version' }], current));
    const all = [...Object.keys(COMMANDS), 'help'].map((value) => ({ value, description: value === 'help' ? 'help for a command' : (SUMMARIES[value] ?? SHORTCUTS[value]) }));
    return plain(matching(all, current));
  }
  const name = argv[0];
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : name === 'help' ? null : undefined;
  if (load === undefined) return plain([]);
  const help = load ? (await load()).help : '';
  const options = [...helpOptions(help)];
  if (!options.some((o) => o.names.includes('--help'))) options.push({ names: ['-h', '--help'], value: null, description: 'show this help' });
  const byName = new Map<string, HelpOption>();
  for (const o of options) for (const n of o.names) byName.set(n, o);

  // Walk the words typed so far: options (and the values they take), positionals, --dir.
  let positionals = 0;
  let dir: string | undefined;
  let pending: HelpOption | null = null;
  let endOfOptions = false;
  for (const word of argv.slice(1)) {
    if (pending) {
      if (pending.names.includes('--dir')) dir = word;
      pending = null;
    } else if (!endOfOptions && word === '--') endOfOptions = true;
    else if (!endOfOptions && word.startsWith('-') && word.length > 1) {
      const [flag, value] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
      const option = byName.get(flag);
      if (option?.names.includes('--dir') && value !== undefined) dir = value;
      if (option?.value && value === undefined) pending = option;
    } else positionals++;
  }

  if (pending) return optionValues(name, pending, ctx, dir, current);
  if (!endOfOptions && current.startsWith('--') && current.includes('=')) {
    const flag = current.slice(0, current.indexOf('='));
    const option = byName.get(flag);
    if (!option?.value) return plain([]);
    const answer = await optionValues(name, option, ctx, dir, current.slice(flag.length + 1));
    return { directive: answer.directive, candidates: answer.candidates.map((c) => ({ ...c, value: `${flag}=${c.value}` })) };
  }
  if (!endOfOptions && current.startsWith('-')) {
    const candidates = options.flatMap((o) => o.names.filter((n) => n.startsWith('--') || o.names.length === 1).map((value) => ({ value, description: o.description })));
    return plain(matching(candidates, current));
  }
  const kinds = POSITIONALS[name] ?? ['none'];
  const kind = kinds[Math.min(positionals, kinds.length - 1)];
  const model = await import('../model/index.js');
  switch (kind) {
    case 'ref':
      return refs(ctx, dir, current);
    case 'status':
      return plain(matching(values(model.STATUSES), current));
    case 'kind':
      return plain(matching(values(model.LINK_KINDS), current));
    case 'files':
      return { directive: 'files', candidates: [] };
    case 'dirs':
      return { directive: 'dirs', candidates: [] };
    case 'command':
      return plain(matching(values(Object.keys(COMMANDS)), current));
    case 'shell':
      return plain(matching(values(SHELLS), current));
    case 'site':
      return plain(matching(SITE_SUBCOMMANDS.map(([value, description]) => ({ value, description })), current));
    default:
      return plain([]);
  }
}

/** The answer the scripts read: the directive, then `value<TAB>description` lines. */
export function formatCompletion(completion: Completion): string {
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  const lines = completion.candidates.map((c) => (c.description ? `${clean(c.value)}\t${clean(c.description)}` : clean(c.value)));
  return `:${completion.directive}\n${lines.map((l) => `${l}\n`).join('')}`;
}

const BASH = `# bash completion for adr (the adrkit package). Load it with: eval "$(adr completion bash)"
_adr_completion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" IFS=$'\\n'
  local -a reply
  reply=($("\${COMP_WORDS[0]}" completion --complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)) || return 0
  [[ "$cur" == "=" ]] && cur=""
  case "\${reply[0]}" in
    :dirs) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
    :files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    *) COMPREPLY=("\${reply[@]:1}"); COMPREPLY=("\${COMPREPLY[@]%%$'\\t'*}") ;;
  esac
}
complete -F _adr_completion adr adrkit
`;

const ZSH = `#compdef adr adrkit
# zsh completion for adr (the adrkit package). Load it with: eval "$(adr completion zsh)" (after compinit)
_adr() {
  local -a reply values shown
  local line
  reply=("\${(@f)$("\${words[1]}" completion --complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  case "\${reply[1]}" in
    :dirs) _files -/ ;;
    :files) _files ;;
    *)
      for line in "\${(@)reply[2,-1]}"; do
        [[ -z "$line" ]] && continue
        values+=("\${line%%$'\\t'*}")
        if [[ "$line" == *$'\\t'* ]]; then shown+=("\${line%%$'\\t'*}  -- \${line#*$'\\t'}"); else shown+=("$line"); fi
      done
      (( \${#values} )) && compadd -U -l -d shown -- "\${values[@]}"
      ;;
  esac
}
if (( $+functions[compdef] )); then compdef _adr adr adrkit; fi
`;

const FISH = `# fish completion for adr (the adrkit package). Install: adr completion fish > ~/.config/fish/completions/adr.fish
function __adr_complete
    set -l tokens (commandline -opc) (commandline -ct)
    set -l reply ($tokens[1] completion --complete -- $tokens[2..-1] 2>/dev/null)
    switch "$reply[1]"
        case :dirs
            __fish_complete_directories (commandline -ct)
        case :files
            __fish_complete_path (commandline -ct)
        case '*'
            printf '%s\\n' $reply[2..-1]
    end
end
complete -c adr -f -a '(__adr_complete)'
complete -c adrkit -f -a '(__adr_complete)'
`;

/** The completion script of a shell. */
export function completionScript(shell: (typeof SHELLS)[number]): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  if (argv[0] === '--complete') {
    const line = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
    ctx.stdout.write(formatCompletion(await complete(line.length > 0 ? line : [''], ctx)));
    return 0;
  }
  const shell = argv[0];
  if (argv.length > 1) throw new UsageError(`unexpected argument '${argv[1]}'`, 'completion');
  if (!shell) throw new UsageError('which shell: bash, zsh or fish?', 'completion');
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`no completion for '${shell}' (bash, zsh or fish)`, 'completion');
  ctx.stdout.write(completionScript(shell as (typeof SHELLS)[number]));
  return 0;
}

/** `adr completion`. */
export const command: Command = {
  summary: 'print a shell completion script (bash, zsh, fish)',
  help: HELP,
  run,
};
