/**
 * Which word of a simple command names the program it runs, past the words before it: variable assignments
 * (`A=1 sh`), shell keywords (`then sh`, `! sh`), and wrappers that run the command given after them with their
 * own options and operands (`sudo -u app sh`, `env -u X NAME=v sh`, `nice -n 5 sh`, `timeout -s KILL 5 sh`,
 * `time -f FMT sh`, `nohup sh`, `exec -a NAME sh`, `command sh`). One table for every reader of shell words:
 * the Dockerfile RUN rules (src/rules/dockerfile/util.ts) and the run-line source (src/sources/run/shell.ts), so
 * both find the same program. It lives in the model because both may import the model and neither may import
 * the other (.dependency-cruiser.cjs).
 *
 * Options are read the way each program's getopt reads them: options come before the command (`+` mode), a
 * short option that takes a value takes the rest of its word (`-uapp`) or the next word (`-u app`), a long one
 * the text after `=` or the next word, and `--` ends the options.
 */

/** How one wrapper reads the words after it. */
interface Wrapper {
  /** Recognised by name only in command position of the shell (a keyword or a builtin): `sudo if` runs a program named `if`. */
  shell?: boolean;
  /** Short options that take a value. */
  valueLetters?: string;
  /** Long options (without `--`) that take a value. */
  valueLong?: readonly string[];
  /** Short and long options after which the wrapper runs no command: `command -v sh` only prints a path. */
  stopLetters?: string;
  stopLong?: readonly string[];
  /** Words the wrapper reads after its options and before the command: timeout's DURATION. */
  operands?: number;
  /** `VAR=value` words may follow it (env and sudo set them; after a keyword the shell reads them). */
  assignments?: boolean;
  /** A lone `-` is one of its options (env: the same as `-i`) rather than the command. */
  dashOption?: boolean;
}

const KEYWORD: Wrapper = { shell: true, assignments: true };

/**
 * The wrappers, by program name. Programs (sudo, env...) are also recognised by an absolute path (`/usr/bin/env`); keywords
 * and builtins only as written. Sources: sudo(8) 1.9 (`+Aa:BbC:c:D:Eeg:Hh::iKklNnPp:R:r:SsT:t:U:u:Vv`), doas(1),
 * GNU coreutils and BusyBox env, nice, timeout and nohup, GNU time(1), bash(1) for exec, command, builtin, time and
 * the keywords.
 */
const WRAPPERS: ReadonlyMap<string, Wrapper> = new Map<string, Wrapper>([
  [
    'sudo',
    {
      valueLetters: 'aCcDgpRrTtUu',
      valueLong: ['user', 'group', 'prompt', 'close-from', 'login-class', 'chdir', 'chroot', 'role', 'type', 'command-timeout', 'other-user', 'host'],
      // -e edits files, -l lists, -v/-K/-V/-h (help; its `-hHOST` form is rare) run nothing given after them.
      stopLetters: 'elvKVh',
      stopLong: ['edit', 'list', 'validate', 'remove-timestamp', 'version', 'help'],
      assignments: true,
    },
  ],
  ['doas', { valueLetters: 'au', stopLetters: 'CL' }],
  [
    'env',
    {
      valueLetters: 'uCP',
      valueLong: ['unset', 'chdir'],
      // -S STRING holds the command and its arguments in one word: not read.
      stopLetters: 'S',
      stopLong: ['split-string', 'help', 'version'],
      assignments: true,
      dashOption: true,
    },
  ],
  ['nice', { valueLetters: 'n', valueLong: ['adjustment'], stopLong: ['help', 'version'] }],
  ['timeout', { valueLetters: 'ks', valueLong: ['kill-after', 'signal'], stopLong: ['help', 'version'], operands: 1 }],
  // The bash keyword (`time -p`) and GNU time (`-f FORMAT`, `-o FILE`).
  ['time', { valueLetters: 'fo', valueLong: ['format', 'output'], stopLong: ['help', 'version'], assignments: true }],
  ['nohup', { stopLong: ['help', 'version'] }],
  ['exec', { shell: true, valueLetters: 'a' }],
  ['command', { shell: true, stopLetters: 'vV' }],
  ['builtin', { shell: true }],
  ['if', KEYWORD],
  ['then', KEYWORD],
  ['else', KEYWORD],
  ['elif', KEYWORD],
  ['do', KEYWORD],
  ['while', KEYWORD],
  ['until', KEYWORD],
  ['!', KEYWORD],
  ['{', KEYWORD],
]);

/** `NAME=value`, `NAME+=value`, `NAME[i]=value`: an assignment before the command. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

/**
 * A redirection or heredoc marker written as a word (`>/a`, `2>&1`, `<<EOF`, `<<-"EOF"`, `<<<`): group 1 is its
 * target, empty when the operator stands alone and the next word is the target (`> /a`).
 */
const REDIRECTION = /^(?:\d+|&)?(?:<<<|<<-?|>>|>\||<>|[<>]&?)([\s\S]*)$/;

/** Where a simple command's program is. */
export interface CommandStart {
  /** Index of the word that names the program run; `words.length` when none is given (`sudo -i`, `env`). */
  program: number;
  /**
   * Indexes of the wrapper and keyword words passed on the way (`sudo`, `env`, `then`), in order; their options,
   * operands and the assignments are not listed. A wrapper that runs nothing (`command -v x`, `sudo -l`) is the
   * program itself, not a wrapper.
   */
  wrappers: number[];
}

/**
 * The wrapper a word names in that position, if any: a program by name or absolute path (`/usr/bin/env`; `./env`
 * is some other file), a keyword or builtin as written.
 */
function wrapperOf(word: string, shellLevel: boolean): Wrapper | undefined {
  const w = WRAPPERS.get(word);
  if (w) return w.shell && !shellLevel ? undefined : w;
  const slash = word.lastIndexOf('/');
  if (!word.startsWith('/')) return undefined;
  const byPath = WRAPPERS.get(word.slice(slash + 1));
  return byPath && !byPath.shell ? byPath : undefined;
}

/** The index after a wrapper's options and operands, from `k` (the word after the wrapper); -1 when it runs nothing. */
function afterOptions(words: readonly string[], k: number, w: Wrapper): number {
  while (k < words.length) {
    const t = words[k] as string;
    if (t === '--') {
      k++;
      break;
    }
    if (!t.startsWith('-') || (t === '-' && !w.dashOption)) break;
    k++;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = t.slice(2, eq === -1 ? undefined : eq);
      if (w.stopLong?.includes(name)) return -1;
      if (eq === -1 && w.valueLong?.includes(name)) k++;
      continue;
    }
    for (let i = 1; i < t.length; i++) {
      const letter = t[i] as string;
      if (w.stopLetters?.includes(letter)) return -1;
      if (w.valueLetters?.includes(letter)) {
        // The rest of the word is the value (`-uapp`), or else the next word is (`-u app`).
        if (i === t.length - 1) k++;
        break;
      }
    }
  }
  return Math.min(k + (w.operands ?? 0), words.length);
}

/**
 * Finds the program of a simple command given as its words (quotes removed), past assignments, keywords and
 * wrappers with their options. `redirections`: the words may hold redirections and heredoc markers (`<<EOF cat >
 * /a`), which are passed over with their targets; readers whose lexer removed them leave it off, so that a word
 * such as `<b>` is never taken for one.
 */
export function commandStart(words: readonly string[], options: { redirections?: boolean } = {}): CommandStart {
  const wrappers: number[] = [];
  let assignments = true;
  let shellLevel = true;
  let k = 0;
  while (k < words.length) {
    const t = words[k] as string;
    const r = options.redirections ? REDIRECTION.exec(t) : null;
    if (r) {
      k += r[1] === '' ? 2 : 1;
      continue;
    }
    if (assignments && ASSIGNMENT.test(t)) {
      k++;
      continue;
    }
    const w = wrapperOf(t, shellLevel);
    if (!w) break;
    const next = afterOptions(words, k + 1, w);
    if (next === -1) break;
    wrappers.push(k);
    if (w !== KEYWORD) shellLevel = false;
    assignments = w.assignments === true;
    k = next;
  }
  return { program: Math.min(k, words.length), wrappers };
}
