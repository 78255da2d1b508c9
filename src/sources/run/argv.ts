import { maskSecretsIn, shortened, type Unknown } from '../../model/index.js';
import { FLAGS_BY_NAME, FLAGS_BY_SHORT, GLOBAL_FLAGS, type RunFlag } from './flags.js';
import { commandNameIndex, type ShellWord } from './shell.js';

/** One option as given on a run line. Offsets are 0-based in the file; `end` is exclusive. */
export interface RunOption {
  flag: RunFlag;
  /** As written: `--cap-add`, `-p` (one letter of `-dp`). */
  written: string;
  /** The value: `"true"` for a bare boolean, the text after `=`, or the next word. */
  value: string;
  /** `value` with run-time parts as written (`TOKEN=$TOKEN`). */
  rawValue: string;
  unknown?: Unknown;
  /** With a run-time part: the value as literal text and run-time parts, in order (ShellWord.parts). */
  parts?: (string | Unknown)[];
  /** Where the flag starts (the dash) and where its value ends. */
  start: number;
  end: number;
}

/** A problem with a run line's arguments, located at an offset of the file. */
export interface ArgvProblem {
  code: 'unknown-flag' | 'invalid-value';
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

/** A `docker run` / `docker create` invocation split the way the Docker CLI (pflag) splits it. */
export interface ParsedRun {
  /** `run` or `create`. */
  verb: 'run' | 'create';
  /** The `docker` word. */
  dockerWord: ShellWord;
  options: RunOption[];
  /** The first positional argument; absent when the line names no image. */
  image?: ShellWord;
  /** Words after the image: the container's command, left alone. */
  command: ShellWord[];
  /**
   * The unknown flag (`--db-password`) written right before the word taken for the image: that word may be the
   * flag's value (a secret, even) rather than the image, so it is never shown. Docker refuses such a line.
   */
  imageAfterUnknownFlag?: string;
  problems: ArgvProblem[];
  /** `--help` was given: Docker prints help and runs nothing. */
  help: boolean;
  /** Run-time words that may hold options (`$DOCKER_OPTS`, `--$FLAG`): what they set cannot be known. */
  opaque: ShellWord[];
  /** The container's name in findings when the line gives none of its own: a workflow's `jobs.<id>.container`. */
  subject?: string;
}

/** True when the word names the docker client (`docker`, `/usr/bin/docker`). */
function isDocker(w: ShellWord | undefined): boolean {
  return w !== undefined && !w.unknown && /(^|\/)docker$/.test(w.text);
}

/**
 * Finds a `docker [global options] run|create` or `docker [global options] container run|create` invocation
 * in a simple command (after assignments, `sudo`, `env`, `exec`...) and parses its options with pflag's
 * rules as the Docker CLI sets them (interspersed arguments off: the first positional is the image):
 * `--flag value`, `--flag=value`, booleans as `--flag` or `--flag=false`, combined shorthands (`-itd`,
 * `-dp 8080:80`, `-p8080:80`), `-e=X`, repeated flags, `--` ending the options.
 * @returns undefined when the command is not a docker run/create invocation
 */
export function parseDockerRun(words: readonly ShellWord[]): ParsedRun | undefined {
  let i = commandNameIndex(words);
  const dockerWord = words[i];
  if (!isDocker(dockerWord)) return undefined;
  i++;
  // Global options before the subcommand.
  while (i < words.length) {
    const t = (words[i] as ShellWord).text;
    if (!t.startsWith('-') || t === '-' || t === '--') break;
    const name = t.includes('=') ? t.slice(0, t.indexOf('=')) : t;
    const takes = GLOBAL_FLAGS.get(name);
    if (takes === undefined) return undefined; // docker --version, docker --help, ...
    i += takes && !t.includes('=') ? 2 : 1;
  }
  let verbWord = words[i];
  if (verbWord?.text === 'container') verbWord = words[++i];
  if (verbWord === undefined || verbWord.unknown || (verbWord.text !== 'run' && verbWord.text !== 'create')) return undefined;
  const verb = verbWord.text as 'run' | 'create';
  const out: ParsedRun = { verb, dockerWord: dockerWord as ShellWord, options: [], command: [], problems: [], help: false, opaque: [] };
  const read = readOptions(words, i + 1, out, false);
  i = read.next;
  out.image = words[i];
  if (out.image !== undefined && read.afterUnknownFlag !== undefined) out.imageAfterUnknownFlag = read.afterUnknownFlag;
  out.command = words.slice(i + 1);
  return out;
}

/**
 * The `docker create` that the GitHub Actions runner builds for a job container or a service container from
 * its `options:` (`jobs.<id>.container.options`, `jobs.<id>.services.<name>.options`): the options are the words
 * of `options`, the image is the container's `image:`. A run-time word (`${{ matrix.opts }}`) holds options.
 * The runner puts the image after the options, so a word that is no option would be taken for the image: it is
 * reported (a warning) and left out.
 * @param at stands for the `docker` word: where findings about something missing point (the `options` key)
 * @param subject the container's name in findings (`jobs.test.services.db`)
 */
export function parseCreateOptions(words: readonly ShellWord[], at: ShellWord, image: ShellWord | undefined, subject: string): ParsedRun {
  const out: ParsedRun = { verb: 'create', dockerWord: at, options: [], command: [], problems: [], help: false, opaque: [], subject };
  const read = readOptions(words, 0, out, true);
  for (let i = read.next; i < words.length; i++) {
    const w = words[i] as ShellWord;
    // Right after an unknown flag, the word may be that flag's value (a secret, even): it is not shown.
    const shown = i === read.next && read.afterUnknownFlag !== undefined ? `the word after unknown flag ${read.afterUnknownFlag}` : w.rawText;
    out.problems.push({
      code: 'unknown-flag',
      severity: 'warning',
      message: `${shown} is not an option; the runner would put it before the image, where it would be taken for the image`,
      start: w.start,
      end: w.end,
    });
  }
  if (image) out.image = image;
  return out;
}

/**
 * Reads options from `words[i]` on into `out`, until the first positional word (or `--`): returns its index, and,
 * when the word before it is an unknown `--flag` written without `=`, that flag (the positional word may be its
 * value). `onlyOptions`: every word is an option (a create-options block), so a run-time word always holds options.
 */
function readOptions(words: readonly ShellWord[], i: number, out: ParsedRun, onlyOptions: boolean): { next: number; afterUnknownFlag?: string } {
  const verb = out.verb;
  // The last unknown `--flag` without `=`, and the index of the word after it.
  let unknownFlag: { flag: string; next: number } | undefined;
  const known = (f: RunFlag | undefined): RunFlag | undefined => (f?.runOnly && verb === 'create' ? undefined : f);
  while (i < words.length) {
    const w = words[i] as ShellWord;
    const t = w.text;
    if (t === '--' && !w.unknown) {
      i++;
      break;
    }
    if (w.unknown && !t.startsWith('-')) {
      // A word that is entirely or partly expanded at run time where an option or the image may stand.
      if (!onlyOptions && !isOpaqueOptions(w, words[i + 1])) break;
      out.problems.push({
        code: 'unknown-flag',
        severity: 'warning',
        message: `${w.unknown.raw ?? 'a run-time value'} may hold options that cannot be read statically; the line is checked without them`,
        start: w.start,
        end: w.end,
      });
      out.opaque.push(w);
      i++;
      continue;
    }
    if (!t.startsWith('-') || t === '-') break;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq === -1 ? t.slice(2) : t.slice(2, eq);
      const flag = known(FLAGS_BY_NAME.get(name));
      if (!flag) {
        if (w.unknown) out.opaque.push(w);
        out.problems.push(
          w.unknown
            ? {
                code: 'unknown-flag',
                severity: 'warning',
                message: `${flagShown(`${t}${w.unknown.raw ?? ''}`)} is only known at run time; the line is checked without it`,
                start: w.start,
                end: w.end,
              }
            : { code: 'unknown-flag', severity: 'error', message: `unknown flag: ${flagShown(`--${name}`)}`, start: w.start, end: w.end },
        );
        i++;
        if (!w.unknown && eq === -1) unknownFlag = { flag: flagShown(`--${name}`), next: i };
        continue;
      }
      if (eq !== -1) {
        out.options.push(option(flag, `--${name}`, w, eq + 1, w.start, w.end));
        i++;
      } else if (flag.kind === 'bool') {
        out.options.push({ flag, written: t, value: 'true', rawValue: 'true', start: w.start, end: w.end });
        i++;
      } else {
        const v = words[i + 1];
        if (v === undefined) {
          out.problems.push({ code: 'invalid-value', severity: 'error', message: `flag needs an argument: --${name}`, start: w.start, end: w.end });
          i++;
          continue;
        }
        out.options.push(option(flag, t, v, 0, w.start, v.end));
        i += 2;
      }
      if (flag.name === 'help') out.help = true;
      continue;
    }
    // Shorthands: -itd, -dp 8080:80, -p8080:80, -e=X, -d=false.
    let k = 1;
    let consumedNext = false;
    while (k < t.length) {
      // One character, a pair of surrogates too (an emoji is no flag, but is named whole).
      const ch = String.fromCodePoint(t.codePointAt(k) as number);
      const flag = known(FLAGS_BY_SHORT.get(ch));
      // The first letter is located at the dash; later letters of a group (`p` in `-dp`) at themselves.
      const at = k === 1 ? w.start : (w.offsets[k] ?? w.start);
      if (!flag) {
        if (w.unknown) out.opaque.push(w);
        // The group as docker names it, or, when long, up to the unknown letter: the rest may be pasted text.
        const group = t.length <= FLAG_SHOWN_MAX ? t : `${t.slice(0, k + ch.length)}… (${[...t].length} characters)`;
        out.problems.push({
          code: 'unknown-flag',
          severity: 'error',
          message: `unknown shorthand flag: '${ch}' in ${maskSecretsIn(group)}`,
          start: at,
          end: w.end,
        });
        break;
      }
      const rest = t.slice(k + 1);
      if (flag.kind === 'bool') {
        if (rest.startsWith('=')) {
          out.options.push(option(flag, `-${ch}`, w, k + 2, at, w.end));
          break;
        }
        out.options.push({ flag, written: `-${ch}`, value: 'true', rawValue: 'true', start: at, end: (w.offsets[k] ?? w.end - 1) + 1 });
        k++;
        continue;
      }
      if (rest.length > 0) {
        out.options.push(option(flag, `-${ch}`, w, rest.startsWith('=') ? k + 2 : k + 1, at, w.end));
      } else {
        const v = words[i + 1];
        if (v === undefined)
          out.problems.push({ code: 'invalid-value', severity: 'error', message: `flag needs an argument: '${ch}' in -${ch}`, start: at, end: w.end });
        else {
          out.options.push(option(flag, `-${ch}`, v, 0, at, v.end));
          consumedNext = true;
        }
      }
      break;
    }
    i += consumedNext ? 2 : 1;
  }
  return unknownFlag?.next === i ? { next: i, afterUnknownFlag: unknownFlag.flag } : { next: i };
}

/** An option whose value is `word.text` from index `from` on. */
function option(flag: RunFlag, written: string, word: ShellWord, from: number, start: number, end: number): RunOption {
  const prefix = word.text.slice(0, from);
  const rawValue = word.rawText.startsWith(prefix) ? word.rawText.slice(from) : word.rawText;
  const o: RunOption = { flag, written, value: word.text.slice(from), rawValue, start, end };
  if (word.unknown) o.unknown = word.unknown;
  if (word.parts) o.parts = dropLiteral(word.parts, from);
  return o;
}

/** The parts of a word without its first `n` literal characters (the `--flag=` before a value). */
export function dropLiteral(parts: readonly (string | Unknown)[], n: number): (string | Unknown)[] {
  const out: (string | Unknown)[] = [];
  let left = n;
  for (const p of parts) {
    if (typeof p !== 'string' || left === 0) out.push(p);
    else if (p.length <= left) left -= p.length;
    else {
      out.push(p.slice(left));
      left = 0;
    }
  }
  return out;
}

const OPTION_NAMES = /OPT|ARG|FLAG|PARAM|EXTRA/i;
const IMAGE_NAMES = /IMAGE|IMG|REF|TAG|REPO|DIGEST/i;

/**
 * Decides whether a run-time word in option position holds options (`$DOCKER_OPTS`) rather than the image
 * (`$IMAGE`): a quoted whole value or an image-like name is the image; an options-like name, or a next word
 * that is itself an option, means options.
 */
function isOpaqueOptions(w: ShellWord, next: ShellWord | undefined): boolean {
  const raw = w.unknown?.raw ?? '';
  if (w.text !== '') return false;
  if (IMAGE_NAMES.test(raw)) return false;
  if (OPTION_NAMES.test(raw)) return true;
  return next?.text.startsWith('-') === true && !next.unknown;
}

/**
 * Longest flag a message names whole, as docker does (`unknown flag: --frobnicate`). Unknown flags are typos of
 * known ones, which are at most 23 characters (`--health-start-interval`); a longer word is not a flag someone meant,
 * and may be pasted text: an AWS access key glued to two letters (`--ab` + 20 characters) is 24 long.
 */
const FLAG_SHOWN_MAX = 22;
/** Code points of a longer flag that a message shows, before `…` and its length. */
const FLAG_SHOWN_HEAD = 16;

/**
 * A flag (or a group of short flags) as a message names it: as written up to FLAG_SHOWN_MAX characters, like
 * docker's `unknown flag: --frobnicate`; past that, its first FLAG_SHOWN_HEAD code points, `…` and its length
 * (`--zzzzzzzzzzzzzz… (3002 characters)`), so that a pasted blob, or a token glued to letters, which the secret
 * shapes cannot tell apart from the letters before it, is not printed. A secret shape that stands apart is masked
 * first (maskSecretsIn), as in every message.
 */
function flagShown(flag: string): string {
  return shortened(flag, FLAG_SHOWN_MAX, FLAG_SHOWN_HEAD);
}
