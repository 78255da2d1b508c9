import { commandStart } from '../../model/command-wrappers.js';
import {
  type CommandText,
  commandLocation,
  type DockerfileSpec,
  type DockerfileStage,
  finalStage,
  isRun,
  type Location,
  type RunInstruction,
  stageChain,
} from '../../model/index.js';
import type { Rule } from '../types.js';
import { closingQuote } from './shell-scan.js';

/** A rule over a whole Dockerfile (DockerfileSpec). */
export type DockerfileRule<M extends string = string> = Rule<DockerfileSpec, M>;

/** Declares a Dockerfile rule with its message ids inferred. */
export function dockerfileRule<M extends string>(rule: DockerfileRule<M>): DockerfileRule<M> {
  return rule;
}

/** The shell script a RUN executes, with a way back to file positions. */
export interface RunScript {
  /** Shell text: the command line, plus heredoc bodies that a shell runs. */
  text: string;
  /**
   * The RUN as the image history keeps it, heredoc bodies of every kind included, with the same indexes as `text`
   * (which blanks the data bodies). Exec form: the same as `text`.
   */
  raw: string;
  /**
   * Heredoc bodies that are data for a program rather than a shell script ([start, end) in `raw`), with the file
   * the command holding the marker writes, when it names one (`cat <<EOF > /a`, `cat <<EOF | tee /a`), and where
   * the marker's name is written in the first line (`marker`; none for a body without a marker).
   */
  dataBodies: { start: number; end: number; file?: string; marker?: number }[];
  /** Location of `text[index]`, `length` characters long. */
  locate(index: number, length: number): Location;
}

const SHELLS = /^(?:\/(?:usr\/(?:local\/)?)?bin\/)?(?:ba|da|z|k|a)?sh$/;

/**
 * The shell script of a RUN. Shell form: the command text. Heredoc form: the command line and the bodies,
 * unless the body goes to another interpreter (`RUN python3 <<EOF`, or a `#!` line that is not a shell).
 * Exec form: `sh -c SCRIPT` gives SCRIPT; other programs give their argv joined by spaces (located at the
 * array, since JSON escapes make exact columns unreliable).
 */
export function runScript(run: RunInstruction): RunScript {
  let s = scripts.get(run);
  if (!s) scripts.set(run, (s = scriptOf(run)));
  return s;
}

/** Memo of runScript and simpleCommands per RUN: several rules read the same RUN (a pure cache, no state). */
const scripts = new WeakMap<RunInstruction, RunScript>();
const commandLists = new Map<string, SimpleCommand[]>();

/**
 * The position of the last of `items` (sorted by `start`) whose `start` is at or before `index`, by a binary search;
 * -1 when none is.
 */
export function lastStartingAtOrBefore(items: readonly { start: number }[], index: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as { start: number }).start <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * `commandLocation(cmd, i, n)` with the segment found by a binary search: commandLocation reads the segments (one
 * per line of the RUN) from the first for each call, quadratic for thousands of findings in a RUN of thousands of
 * lines. Segments come in text order; commandLocation itself is used when they do not.
 */
function locator(cmd: CommandText): (i: number, n: number) => Location {
  const segs = cmd.segments;
  if (!segs.every((s, k) => k === 0 || (segs[k - 1] as { start: number }).start <= s.start)) return (i, n) => commandLocation(cmd, i, n);
  return (i, n) => {
    // The last segment that starts at or before `i` (commandLocation falls back to the first).
    const seg = segs[Math.max(0, lastStartingAtOrBefore(segs, i))];
    return seg === undefined ? commandLocation(cmd, i, n) : commandLocation({ ...cmd, segments: [seg] }, i, n);
  };
}

/**
 * Locations in the text an exec-form array runs: `elements` joined by spaces (or the one script of `sh -c`), each
 * written in `cmd.text` at its span (RunInstruction.execSpans). An index inside an element written without JSON
 * escapes (its span as long as it) is located at its character; anything else at the whole array.
 */
function execLocator(cmd: CommandText, elements: readonly string[], spans: readonly { start: number; end: number }[] | undefined): RunScript['locate'] {
  if (spans === undefined || spans.length !== elements.length) return () => cmd.at;
  return (index, length) => {
    let from = 0;
    for (let k = 0; k < elements.length; k++) {
      const e = elements[k] as string;
      const span = spans[k] as { start: number; end: number };
      if (index < from + e.length) {
        const exact = span.end - span.start === e.length && index - from + length <= e.length;
        return exact ? commandLocation(cmd, span.start + index - from, length) : cmd.at;
      }
      from += e.length + 1;
    }
    return cmd.at;
  };
}

function scriptOf(run: RunInstruction): RunScript {
  const cmd = run.args;
  const locate = locator(cmd);
  if (run.form === 'exec' && run.exec) {
    const [p0, p1, p2] = run.exec;
    const script = p0 !== undefined && SHELLS.test(p0) && p1 === '-c' && p2 !== undefined;
    const text = script ? p2 : run.exec.join(' ');
    return { text, raw: text, dataBodies: [], locate: execLocator(cmd, script ? [p2] : run.exec, script ? run.execSpans?.slice(2, 3) : run.execSpans) };
  }
  if (run.form === 'heredoc') {
    const nl = cmd.text.indexOf('\n');
    const head = nl === -1 ? cmd.text : cmd.text.slice(0, nl);
    const bodies = run.heredocs ?? (nl === -1 ? [] : [{ name: '', nameAt: -1, start: nl + 1, end: cmd.text.length }]);
    // A body that is data for another program (`cat > f`, `python3`) is blanked, keeping every index in place.
    // Bodies follow their markers' order in the first line: body k belongs to marker k.
    const separators = separatorsOf(head);
    // Markers of one simple command share its program (`cat <<A <<B`): it is found once per command.
    const programs = new Map<number, string | undefined>();
    const consumer = (nameAt: number): string | undefined => {
      const command = commandAround(separators, nameAt, head.length);
      if (!programs.has(command.from)) programs.set(command.from, consumerOf(head, command));
      return programs.get(command.from);
    };
    // So is the file it writes: `cat <<E1 <<E2 … > /f` read the command's words once per body (20,000 bodies: > 60 s).
    const files = new Map<number, string | undefined>();
    const fileOf = (nameAt: number): string | undefined => {
      const command = commandAround(separators, nameAt, head.length);
      if (!files.has(command.from)) files.set(command.from, writtenFile(head, command));
      return files.get(command.from);
    };
    const blank: { start: number; end: number; file?: string; marker?: number }[] = [];
    for (const b of bodies) {
      if (isShellBody(b.nameAt === -1 ? undefined : consumer(b.nameAt), cmd.text.slice(b.start, b.end))) continue;
      const file = b.nameAt === -1 ? undefined : fileOf(b.nameAt);
      const body: { start: number; end: number; file?: string; marker?: number } = { start: b.start, end: b.end };
      if (file !== undefined) body.file = file;
      if (b.nameAt !== -1) body.marker = b.nameAt;
      blank.push(body);
    }
    if (blank.length === 0) return { text: cmd.text, raw: cmd.text, dataBodies: [], locate };
    let text = '';
    let at = 0;
    for (const b of blank) {
      text += cmd.text.slice(at, b.start) + cmd.text.slice(b.start, b.end).replace(/[^\n]/g, ' ');
      at = b.end;
    }
    text += cmd.text.slice(at);
    return { text, raw: cmd.text, dataBodies: blank, locate };
  }
  return { text: cmd.text, raw: cmd.text, dataBodies: [], locate };
}

/** Words of a simple command of a RUN's first line, split at blanks, the quotes around each removed. */
function headWords(command: string): string[] {
  return command
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^["']|["']$/g, ''));
}

/**
 * The file a simple command of `head` writes its input to: the target of its `>`/`>>` redirection, or the file of
 * `tee` (the command itself, or the one its output is piped into). Undefined when it names none (`cat <<EOF`).
 */
function writtenFile(head: string, command: Command): string | undefined {
  const own = redirectTarget(headWords(head.slice(command.from, command.to)));
  if (own !== undefined) return own;
  if (head[command.to] !== '|' || head[command.to + 1] === '|') return undefined;
  const rest = head.slice(command.to + 1, command.to + 1 + 4096);
  return redirectTarget(headWords(rest.slice(0, rest.search(/[;&|()]|$/))));
}

/** The output file of a command's words: `> f`, `>f`, `1>> f`, or `tee [-a] f` (after wrappers: `sudo tee f`). */
function redirectTarget(words: readonly string[]): string | undefined {
  for (let k = 0; k < words.length; k++) {
    const r = /^1?>[>|]?(.*)$/.exec(words[k] as string);
    const target = r ? (r[1] !== '' ? r[1] : words[k + 1]) : undefined;
    // `>&2` duplicates a descriptor: no file.
    if (target !== undefined && !target.startsWith('&')) return target;
  }
  const { program } = commandStart(words, { redirections: true });
  if (words[program]?.replace(/^.*\//, '') !== 'tee') return undefined;
  return words.slice(program + 1).find((w) => !w.startsWith('-'));
}

/**
 * True when a heredoc body is run as a shell script: `program`, the command that holds its `<<NAME` marker (see
 * consumerOf), is a shell, or there is none (`RUN <<EOF`: the builder runs the body), and a `#!` line, if any,
 * names a shell.
 * `RUN <<A cat > /a.txt && <<B sh`: body A is data for cat, body B a script.
 */
function isShellBody(program: string | undefined, body: string): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
  const interpreter = shebang ? (shebang[1]?.endsWith('/env') ? (shebang[2] ?? '') : (shebang[1] ?? '')) : undefined;
  if (interpreter !== undefined && !SHELLS.test(interpreter.replace(/^.*\//, ''))) return false;
  return program === undefined || SHELLS.test(program);
}

/** A simple command of a RUN's first line: [from, to) in it. */
interface Command {
  from: number;
  to: number;
}

/**
 * The indexes of the unquoted separators of simple commands (`&&`, `||`, `;`, `|`, `&`, parentheses) in `head`
 * (quoting as in shell-scan.ts); the `&` of a redirection (`2>&1`, `&>file`) is none (isRedirectionAmpersand, as splitCommands).
 */
function separatorsOf(head: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < head.length; i++) {
    const c = head[i] as string;
    if (c === '\\') i++;
    else if (c === '"' || c === "'") i = closingQuote(head, i);
    else if (';&|()'.includes(c) && !(c === '&' && isRedirectionAmpersand(head, i))) out.push(i);
  }
  return out;
}

/** The simple command that holds index `at`, between the separators around it (a binary search). */
function commandAround(separators: readonly number[], at: number, length: number): Command {
  let lo = 0;
  let hi = separators.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((separators[mid] as number) < at) lo = mid + 1;
    else hi = mid;
  }
  return { from: lo > 0 ? (separators[lo - 1] as number) + 1 : 0, to: lo < separators.length ? (separators[lo] as number) : length };
}

/** The program of a simple command of `head`, or the shell its output is piped into. */
function consumerOf(head: string, command: Command): string | undefined {
  const program = commandProgram(head.slice(command.from, command.to));
  if (program !== undefined && SHELLS.test(program)) return program;
  // `cat <<EOF | sh`: the body flows down the pipeline into a shell.
  const to = command.to;
  if (head[to] === '|' && head[to + 1] !== '|') {
    const rest = head.slice(to + 1, to + 1 + 4096);
    const next = commandProgram(rest.slice(0, rest.search(/[;&|()]|$/)));
    if (next !== undefined && SHELLS.test(next)) return next;
  }
  return program;
}

/**
 * The program a simple command of a RUN's first line runs: redirections, heredoc markers, assignments, keywords and
 * wrappers skipped (command-wrappers.ts). Words are split at blanks, with the quotes around a word removed.
 */
function commandProgram(command: string): string | undefined {
  const words = headWords(command);
  return words[commandStart(words, { redirections: true }).program];
}

/** One simple command of a script: its words (quotes removed) and where each starts in the script. */
export interface SimpleCommand {
  words: string[];
  starts: number[];
  /**
   * The wrappers and keywords before the program (`sudo`, `env`, `then`; see command-wrappers.ts), by name
   * without folder, where their word starts in the script and its length. Their options are not listed.
   */
  wrappers: { name: string; start: number; length: number }[];
  /** The command reads the output of the one before it through a pipe (`echo x | docker login --password-stdin`). */
  piped: boolean;
}

/**
 * Splits shell text into simple commands at unquoted `&&`, `||`, `;`, `|`, `&`, newlines, parentheses and
 * braces, dropping comments, and strips from each the words before its program: redirections, `VAR=value`
 * assignments, keywords and wrappers with their options (`sudo -u app`, `env -u X`, `nice -n 5`, `timeout 5`;
 * command-wrappers.ts), which stay listed in `wrappers`. A small tokenizer, not a shell: enough to find which program a command runs.
 */
export function simpleCommands(script: string): SimpleCommand[] {
  let cached = commandLists.get(script);
  if (!cached) {
    if (commandLists.size > 512) commandLists.clear();
    commandLists.set(script, (cached = splitCommands(script)));
  }
  return cached;
}

/** 1 for the characters with a meaning for splitCommands inside a word (quotes, backslash, blanks, operators). */
const BREAKS_WORD_RUN = new Uint8Array(128);
for (const c of '\'"\\ \t\r\n;|&()`') BREAKS_WORD_RUN[c.charCodeAt(0)] = 1;

function splitCommands(script: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: string[] = [];
  let starts: number[] = [];
  let word = '';
  let start = -1;
  const endWord = (): void => {
    if (start !== -1) {
      words.push(word);
      starts.push(start);
    }
    word = '';
    start = -1;
  };
  // Whether the next command reads the output of the last one: set at a `|` (not `||`), kept across a line
  // break after it, cleared by any other separator.
  let pipedIn = false;
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) {
      out.push(strip({ words, starts }, pipedIn));
      pipedIn = false;
    }
    words = [];
    starts = [];
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i] as string;
    if (c === "'" || c === '"') {
      const end = closingQuote(script, i);
      if (start === -1) start = i;
      word += script.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (start === -1) start = i;
      word += script[i + 1];
      i += 2;
      continue;
    }
    if (c === '#' && start === -1) {
      const nl = script.indexOf('\n', i);
      i = nl === -1 ? script.length : nl;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '|' && script[i + 1] !== '|') {
      // A pipe (`|`, or `|&` that pipes standard error too).
      endCommand();
      pipedIn = true;
      i += script[i + 1] === '&' ? 2 : 1;
      continue;
    }
    if (c === '&' && isRedirectionAmpersand(script, i)) {
      // `2>&1`, `<&3`, `&>/dev/null`, `&>>log`: part of a redirection word, not a command in the background.
      if (start === -1) start = i;
      word += c;
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '`') {
      endCommand();
      if (c !== '\n') pipedIn = false;
      i += c === '|' ? 2 : 1;
      continue;
    }
    if ((c === '{' || c === '}') && start === -1 && /[\s;]/.test(script[i + 1] ?? ' ')) {
      endCommand();
      pipedIn = false;
      i++;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      endCommand();
      pipedIn = false;
      i += 2;
      continue;
    }
    // A plain character: take it and the plain characters after it in one slice (inside a word, `#`, `{` and
    // `}` are plain; `$` is plain unless `(` follows).
    if (start === -1) start = i;
    let j = i + 1;
    for (; j < script.length; j++) {
      const d = script.charCodeAt(j);
      if ((d < 128 && BREAKS_WORD_RUN[d] === 1) || (d === 36 && script.charCodeAt(j + 1) === 40)) break;
    }
    word += script.slice(i, j);
    i = j;
  }
  endCommand();
  return out;
}

/**
 * True when the `&` at `i` belongs to a redirection operator (POSIX `>&` and `<&` duplicate a descriptor; bash's
 * `&>` and `&>>` send standard output and error to a file) rather than ending a command (`&`, `&&`). The
 * character before it is taken as written: `2>&1` is one word, `2> &1` is not a redirection in any shell.
 */
function isRedirectionAmpersand(script: string, i: number): boolean {
  const before = script[i - 1];
  if (before === '>' || before === '<') return true;
  return script[i + 1] === '>' && before !== '&';
}

/** Drops the words before the program (command-wrappers.ts), keeping the wrappers among them. */
function strip(c: { words: string[]; starts: number[] }, piped: boolean): SimpleCommand {
  const { program, wrappers } = commandStart(c.words, { redirections: true });
  return {
    words: c.words.slice(program),
    starts: c.starts.slice(program),
    wrappers: wrappers.map((k) => ({ name: (c.words[k] as string).replace(/^.*\//, ''), start: c.starts[k] as number, length: (c.words[k] as string).length })),
    piped,
  };
}

/** The program name a command runs, without its folder (`/usr/bin/apt-get` gives `apt-get`). */
export function programOf(c: SimpleCommand): string {
  return (c.words[0] ?? '').replace(/^.*\//, '');
}

/** Every RUN of a list of stages, with its stage. */
export function runsOf(stages: readonly DockerfileStage[]): { stage: DockerfileStage; run: RunInstruction }[] {
  const out: { stage: DockerfileStage; run: RunInstruction }[] = [];
  for (const stage of stages) for (const i of stage.instructions) if (isRun(i)) out.push({ stage, run: i });
  return out;
}

/** The stages whose instructions end up in the final image: the final stage and the stages it builds on. */
export function shippedStages(spec: DockerfileSpec): DockerfileStage[] {
  const f = finalStage(spec);
  return f ? stageChain(spec, f) : [];
}

/** A file mode from `chmod` or `--chmod`: numeric octal modes only (`755`, `0644`, `4755`). */
export function octalMode(mode: string): number | undefined {
  return /^[0-7]{3,4}$/.test(mode) ? Number.parseInt(mode, 8) : undefined;
}

/** The mode arguments of a `chmod` command (every word that is not an option or a path). */
export function chmodModes(c: SimpleCommand): { mode: string; index: number }[] {
  const out: { mode: string; index: number }[] = [];
  let seenMode = false;
  for (let k = 1; k < c.words.length; k++) {
    const w = c.words[k] as string;
    if (w.startsWith('--reference')) return out;
    if (w.startsWith('-') && !/^-[rwxXst]+$/.test(w)) continue;
    if (seenMode) break;
    if (/^[0-7]{3,4}$/.test(w) || /^[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*$/.test(w)) out.push({ mode: w, index: k });
    seenMode = true;
  }
  return out;
}
