import { describeStage } from '../../model/index.js';
import { quotingScanner } from './shell-scan.js';
import { dockerfileRule, runScript, runsOf } from './util.js';

const SHELL = '(?:/(?:usr/)?(?:local/)?bin/)?(?:ba|da|z|k|a)?sh|(?:/(?:usr/)?bin/)?(?:python[0-9.]*|perl|ruby|node)';
/**
 * A character of the same simple command: not a separator (`|`, `;`, `&`, a line break), except the `&` of a
 * redirection (`2>&1`, `<&-`, `&>/dev/null`), which does not end the command.
 */
const IN_COMMAND = '(?:[<>]&|(?<![<>])&>|[^|;&\\n])';
/**
 * One more stage of a pipeline (`| tee f`, `| gunzip`): a `|` that is not half of `||`. No `\s*` after the `|`:
 * IN_COMMAND takes blanks too, and two ways to read each stage's blanks made a long pipeline exponential.
 */
const STAGE = `\\|(?!\\|)${IN_COMMAND}*`;
/** `curl … | sh`, `wget -O- … | sudo bash -s --`, `curl … | tee f | "sh"`: a download flowing into an interpreter. */
const PIPE = new RegExp(
  `\\b(curl|wget)\\b${IN_COMMAND}*(?:${STAGE})*?\\|(?!\\|)\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:env\\s+)?(["']?)(${SHELL})\\2(?=\\s|$|;|&|\\))`,
  'g',
);
/**
 * Options that make an interpreter run a program given on its command line, so that piped data is only its
 * input (`curl URL | python3 -c "import json,sys; …"`, `| python3 -m json.tool`, `| perl -ne '…'`,
 * `| sh -c 'cat > f'`). Per interpreter, since `sh -e` (errexit) still runs the script read from stdin.
 * A short-option cluster counts when it holds the letter (`-ec`, `-lne`, `-pe`).
 */
const INLINE_PROGRAM: { program: RegExp; option: RegExp }[] = [
  { program: /^(?:ba|da|z|k|a)?sh$/, option: /^-[a-zA-Z]*c[a-zA-Z]*$/ },
  { program: /^python[0-9.]*$/, option: /^-[a-zA-Z]*[cm]/ },
  { program: /^(?:perl|ruby)$/, option: /^-[a-zA-Z0-9]*[eE]/ },
  { program: /^node$/, option: /^(?:-[a-zA-Z]*[ep][a-zA-Z]*|--eval|--print)(?:=|$)/ },
];

/**
 * True when the interpreter a download is piped into runs an inline program or a module (`-c`, `-e`, `-m`...)
 * instead of reading its script from stdin: the options after the interpreter are read up to the first
 * operand (`-` and `--` are operands: stdin).
 */
function runsInlineProgram(interpreter: string, text: string, from: number): boolean {
  const name = interpreter.replace(/^.*\//, '');
  const kind = INLINE_PROGRAM.find((k) => k.program.test(name));
  if (!kind) return false;
  // The words after `from` are read one at a time up to the first operand: splitting the whole rest of the text
  // for each match was quadratic on a RUN of thousands of `curl … | sh`. No word left reads as an operand, as the
  // empty word that splitting gave.
  const word = /\S+/g;
  word.lastIndex = from;
  for (let m = word.exec(text); ; m = word.exec(text)) {
    const w = m === null ? '' : m[0];
    if (!w.startsWith('-') || w === '-' || w === '--') return false;
    if (kind.option.test(w)) return true;
  }
}

/** `sh -c "$(curl …)"`, `bash <(curl …)`. */
const SUBST = new RegExp(`(?:^|[\\s;&|(])(?:${SHELL})\\s+(?:-\\S+\\s+)*(?:"?\\$\\(|<\\()\\s*(curl|wget)\\b`, 'g');
/**
 * True when PIPE would read sudo's option words too many times: PIPE reads them (`-\S+`) after each `| sudo`; they
 * end before the next `|` unless one holds it (`| sudo -a|sudo -a|…`), and then each `|` inside them reads the
 * rest of them again, quadratic inside one match. The words each `| sudo` reads are counted, up to 4 per character
 * of the text; past that the RUN is not read with PIPE (the rule says so). Only a RUN with a curl or wget is read.
 */
function sudoOptionsTooLong(text: string): boolean {
  if (!new RegExp(TOOL.source).test(text)) return false;
  const start = /\|(?!\|)\s*sudo\s+/g;
  let budget = 4 * text.length + 4096;
  for (let m = start.exec(text); m !== null; m = start.exec(text)) {
    for (let o = m.index + m[0].length; text[o] === '-'; ) {
      OPTION.lastIndex = o;
      const w = OPTION.exec(text);
      if (w === null) break;
      budget -= w[0].length;
      if (budget < 0) return true;
      o += w[0].length;
    }
  }
  return false;
}

/** SUBST tried at one index only, and where it may start: a shell word and its blanks (see substMatches). */
const SUBST_AT = new RegExp(SUBST.source, 'y');
const SUBST_START = new RegExp(`(?:^|[\\s;&|(])(?:${SHELL})\\s+`, 'g');
/** One option word of SUBST and its blanks. */
const OPTION = /-\S+\s+/y;

/**
 * The matches of SUBST in `text`, the same as `text.matchAll(SUBST)`, in linear time. SUBST reads a shell's option
 * words (`-\S+`), which may hold separators and shells (`sh -a;sh -a;sh …`): each of those shells read the rest of
 * the options again, quadratic (20,000 of them: 3 s). Its tail (`"$(`, `<(`) starts with no `-`, so it can only
 * match where the option words end; every shell inside them reads a suffix of the same words and ends there too. So
 * when the match fails at one shell, every start before the word that ends its options is skipped.
 */
function* substMatches(text: string): Generator<RegExpExecArray> {
  yield* skippingMatches(text, SUBST_START, SUBST_AT, (s) => {
    // The word after the options starts a new candidate at the blank before it.
    let end = s.index + s[0].length;
    for (OPTION.lastIndex = end; OPTION.exec(text) !== null; OPTION.lastIndex = end) end = OPTION.lastIndex;
    return end - 1;
  });
}

/** `eval "$(curl …)"`, ``eval `curl …` ``, `source <(curl …)`, `. <(wget -qO- …)`. */
const EVAL = /(?:^|[\s;&|(])(?:eval\s+(?:"?\$\(|`)|(?:source|\.)\s+<\()\s*(curl|wget)\b/g;

/**
 * A download written to a file: `curl -fsSLo FILE`, `curl --output FILE`, `wget -qO FILE`,
 * `wget --output-document=FILE` (group 1 the tool, group 3 the file; `-` is standard output).
 */
const TO_FILE = new RegExp(
  `\\b(curl|wget)\\b${IN_COMMAND}*?\\s(--output-document|--output|-[a-zA-Z]*o|-[a-zA-Z]*O)(?=[=\\s"'/.$\\w])(?:=|\\s*)(?:["']?)([^\\s'";&|)]+)`,
  'g',
);
/**
 * A download saved under the URL's own file name: `curl -fsSLO URL`, `curl --remote-name URL`, or `wget URL`
 * without -O (group 1 the tool, group 2 the URL).
 */
const REMOTE_NAME = new RegExp(`\\b(curl|wget)\\b(${IN_COMMAND}*?)\\s["']?(https?:\\/\\/[^\\s'";&|)]+)`, 'g');

/** PIPE, TO_FILE and REMOTE_NAME tried at one index only (sticky): see toolMatches. */
const PIPE_AT = new RegExp(PIPE.source, 'y');
const TO_FILE_AT = new RegExp(TO_FILE.source, 'y');
const REMOTE_NAME_AT = new RegExp(REMOTE_NAME.source, 'y');
/** Where PIPE, TO_FILE and REMOTE_NAME can start. */
const TOOL = /\b(?:curl|wget)\b/g;

/**
 * The index where the characters a match from `from` may read end: IN_COMMAND read as the regex reads it (`<&`
 * and `>&` as pairs, `&>` unless after `<` or `>`), and with `pipes` the `|` of STAGE (not half of `||`). The
 * first index that neither reads: a separator, or the text's end.
 */
function chainEnd(text: string, from: number, pipes: boolean): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if ((c === '<' || c === '>') && next === '&') i += 2;
    else if (c === '&' && next === '>' && text[i - 1] !== '<' && text[i - 1] !== '>') i += 2;
    else if (c === '|' ? pipes && next !== '|' : c !== ';' && c !== '&' && c !== '\n') i++;
    else return i;
  }
  return text.length;
}

/**
 * The matches of PIPE (`sticky` PIPE_AT, `pipes` true), TO_FILE or REMOTE_NAME (their sticky copies) in `text`:
 * the same as `text.matchAll`, in linear time. The global regex tried every `curl` and `wget` up to the end of its
 * command (or pipeline) before failing, and then the next one: quadratic on `RUN curl curl curl …` (750 KB: more
 * than 579 s). A match may start only at `\b(curl|wget)\b` and reads IN_COMMAND (and STAGE) characters up to the
 * `\s` or `|` where its tail is tried, and each tail is read from where it starts whatever came before. So when
 * the match fails at one `curl`, it fails at every later one before chainEnd (the tails it may try are a subset),
 * and those are skipped.
 */
function* toolMatches(text: string, sticky: RegExp, pipes: boolean): Generator<RegExpExecArray> {
  yield* skippingMatches(text, TOOL, sticky, (t) => chainEnd(text, t.index, pipes));
}

/**
 * The matches of a global regex, the same as `text.matchAll`, found by trying its `sticky` copy at each match of
 * `starts` (where it can start) in turn; after a failure at one start, the starts before `skip(start)` are passed
 * over (each caller says why they cannot match either), then the search resumes there.
 */
function* skippingMatches(text: string, starts: RegExp, sticky: RegExp, skip: (start: RegExpExecArray) => number): Generator<RegExpExecArray> {
  const start = new RegExp(starts.source, 'g');
  for (let s = start.exec(text); s !== null; s = start.exec(text)) {
    sticky.lastIndex = s.index;
    const m = sticky.exec(text);
    if (m !== null) {
      start.lastIndex = m.index + m[0].length;
      yield m;
    } else start.lastIndex = Math.max(s.index + 1, skip(s));
  }
}

/** The file name a URL is saved under by `curl -O` and `wget`: its last path segment, without query or fragment. */
function remoteName(url: string): string {
  return url
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/^.*\//, '');
}

/** Checks that count as verifying a downloaded file before it runs. */
const VERIFY = /\b(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|gpgv?|cosign|minisign|openssl\s+dgst|rpm\s+-K|--checksum)\b/;

/**
 * `curl -o f URL && sh f` (or `chmod +x f && ./f`): where the download of `FILE` (a TO_FILE match) is run later
 * in the same script, by an interpreter or as a command, with no checksum or signature check in between.
 */
function savedFile(m: RegExpMatchArray): string | undefined {
  const tool = m[1] as string;
  const option = m[2] as string;
  const file = m[3] as string;
  if (file === '-' || file.startsWith('-')) return undefined;
  // curl writes a file with -o/--output, wget with -O/--output-document (curl -O takes no file name).
  if (tool === 'curl' ? !/^(?:-[a-zA-Z]*o|--output)$/.test(option) : !/^(?:-[a-zA-Z]*O|--output-document)$/.test(option)) return undefined;
  return file;
}

/**
 * The file a REMOTE_NAME match saves under the URL's name: curl with -O or --remote-name (and no -o), wget with
 * no -O; undefined otherwise (curl to standard output, or a name the options give).
 */
function remoteSavedFile(m: RegExpMatchArray): string | undefined {
  const tool = m[1] as string;
  const options = m[2] as string;
  const saves =
    tool === 'curl'
      ? /\s(?:-[a-zA-Z]*O[a-zA-Z]*|--remote-name)(?=\s|$)/.test(options) && !/\s(?:-[a-zA-Z]*o|--output)(?=[=\s]|$)/.test(options)
      : !/\s(?:-[a-zA-Z]*O|--output-document)/.test(options);
  const name = saves ? remoteName(m[3] as string) : '';
  return name === '' ? undefined : name;
}

/** The shell names of SHELL, as a whole word. */
const SHELL_WORD = new RegExp(`^(?:${SHELL})$`);
/** The characters a run target cannot hold (TO_FILE's and REMOTE_NAME's file names hold none of them). */
const NOT_TARGET = /[\s'";&|)]/;
const BLANK = /\s/;
const VERIFY_ALL = new RegExp(VERIFY.source, 'g');

/**
 * Where each file a script may run is run, read once per script (runTargets): what the per-download regex
 * `(?:^|[;&|(]\s*|\n\s*)(?:sudo\s+(?:-\S+\s+)*)?(?:SHELL\s+(?:-\S+\s+)*(["']?)(?:NAME|\./BASE)\1|(["']?)PATH\2)(?=\s|$|;|&|\))`
 * found by searching the rest of the script once per download (quadratic on thousands of `curl -o fN URL`).
 * A match starts at a separator; after its blanks, an optional `sudo` with its options, comes the "body": a path
 * (`./f`, `/opt/f`), or an interpreter, its options, and an operand. NAME and PATH hold no NOT_TARGET character
 * and must be followed by one of `\s;&)` (or their quote): so a body names exactly the target word that runs to
 * the next NOT_TARGET character, and a file matches when its name is that word.
 */
interface RunTargets {
  /** The separators (indexes in the text), increasing. */
  separators: number[];
  /** For each body (by the index where it starts): the range [first, last] of its separators in `separators`. */
  groups: Map<number, [number, number]>;
  /** The bodies whose command is the target word itself (`./f`), by target word, increasing. */
  plain: Map<string, number[]>;
  /** The bodies whose interpreter takes the target word as an operand or option (`sh -e f`), by word, increasing. */
  operand: Map<string, number[]>;
  /** [start, end) of the VERIFY matches, increasing. */
  verify: [number, number][];
  /** True when the script was too convoluted to read in linear time (see runTargets): nothing is known. */
  gaveUp: boolean;
}

/**
 * The end of the run of characters from `i` that are not blanks (`blank`) or not NOT_TARGET, found once per run:
 * every `(` of `./a((((…` is a separator whose body starts inside the same word, which was read again each time.
 */
function runEnds(text: string): { word(i: number): number; target(i: number): number } {
  const cache = (stop: (c: string) => boolean) => {
    let from = -1;
    let to = -1;
    return (i: number): number => {
      if (i >= from && i <= to) return to;
      let j = i;
      while (j < text.length && !stop(text[j] as string)) j++;
      from = i;
      to = j;
      return j;
    };
  };
  return { word: cache((c) => BLANK.test(c)), target: cache((c) => NOT_TARGET.test(c)) };
}

/**
 * The target word at `r`, quoted or not (`"./f"`), when it is followed by one of `\s;&)` or the end of the text,
 * else undefined. `end` gives where a run of target characters ends (runEnds).
 */
function targetAt(text: string, r: number, end: (i: number) => number): string | undefined {
  let i = r;
  const q = text[i] === '"' || text[i] === "'" ? text[i] : '';
  if (q !== '') i++;
  let j = end(i);
  if (j === i) return undefined;
  const word = text.slice(i, j);
  if (q !== '') {
    if (text[j] !== q) return undefined;
    j++;
  }
  const next = text[j];
  return next === undefined || next === ';' || next === '&' || next === ')' || BLANK.test(next) ? word : undefined;
}

function push(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [at]);
  else if (list[list.length - 1] !== at) list.push(at);
}

/**
 * Reads the run targets of a script in one pass. Bodies are read once each (bodies after several separators,
 * `;\n\n ./f`, are shared). The options of an interpreter or of sudo may hold separators (`sh -a;sh -a;…`), whose
 * bodies read the same options again: past 4 characters read per character of the text, the script is given up
 * (`gaveUp`) rather than read in quadratic time.
 */
function runTargets(text: string): RunTargets {
  const t: RunTargets = { separators: [], groups: new Map(), plain: new Map(), operand: new Map(), verify: [], gaveUp: false };
  for (const m of text.matchAll(VERIFY_ALL)) t.verify.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  let budget = 4 * text.length + 256;
  const ends = runEnds(text);
  /** The end of the last run of blanks read: a separator inside it has the same body. */
  let blanksFrom = -1;
  let blanksTo = -1;
  /** `-\S+\s+` words from `o`: the index after them, and each word's start (undefined when over budget). */
  const options = (o: number, starts?: number[]): number | undefined => {
    for (;;) {
      if (text[o] !== '-') return o;
      const j = ends.word(o);
      if (j === o + 1) return o;
      let k = j;
      while (k < text.length && BLANK.test(text[k] as string)) k++;
      if (k === j) return o;
      budget -= k - o;
      if (budget < 0) return undefined;
      o = k;
      starts?.push(o);
    }
  };
  for (let s = 0; s < text.length && !t.gaveUp; s++) {
    const c = text[s];
    if (c !== ';' && c !== '&' && c !== '|' && c !== '(' && c !== '\n') continue;
    let q = s + 1;
    if (q > blanksFrom && q <= blanksTo) q = blanksTo;
    else {
      blanksFrom = q;
      while (q < text.length && BLANK.test(text[q] as string)) q++;
      blanksTo = q;
    }
    t.separators.push(s);
    const group = t.groups.get(q);
    if (group !== undefined) {
      group[1] = t.separators.length - 1;
      continue;
    }
    t.groups.set(q, [t.separators.length - 1, t.separators.length - 1]);
    // `sudo` and its options (read as the regex reads them: an option never ends where a target or shell starts).
    let r = q;
    if (text.startsWith('sudo', q) && BLANK.test(text[q + 4] ?? '')) {
      let k = q + 4;
      while (k < text.length && BLANK.test(text[k] as string)) k++;
      budget -= k - q;
      const o = options(k);
      if (o === undefined) {
        t.gaveUp = true;
        break;
      }
      r = o;
    }
    const plain = targetAt(text, r, ends.target);
    if (plain !== undefined) push(t.plain, plain, q);
    // An interpreter: every place its option loop may stop holds an operand (`sh -x f`; `-x` itself when backtracked).
    const w = ends.word(r);
    if (w === r || w === text.length || !SHELL_WORD.test(text.slice(r, w))) continue;
    budget -= w - r;
    let o = w;
    while (o < text.length && BLANK.test(text[o] as string)) o++;
    const starts = [o];
    if (options(o, starts) === undefined) {
      t.gaveUp = true;
      break;
    }
    for (const at of starts) {
      const operand = targetAt(text, at, ends.target);
      if (operand !== undefined) push(t.operand, operand, q);
    }
  }
  return t;
}

/** The first body in `list` (increasing) that has a separator at or after `p`: that separator, or -1. */
function firstRun(t: RunTargets, list: readonly number[] | undefined, p: number): number {
  if (list === undefined) return -1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const g = t.groups.get(list[mid] as number) as [number, number];
    if ((t.separators[g[1]] as number) < p) lo = mid + 1;
    else hi = mid;
  }
  if (lo === list.length) return -1;
  const [first, last] = t.groups.get(list[lo] as number) as [number, number];
  for (let k = first; k <= last; k++) if ((t.separators[k] as number) >= p) return t.separators[k] as number;
  return -1;
}

/** True when a VERIFY match lies in [from, to) (matches are found once: see runTargets). */
function verifiedBetween(t: RunTargets, from: number, to: number): boolean {
  let lo = 0;
  let hi = t.verify.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.verify[mid] as [number, number])[0] < from) lo = mid + 1;
    else hi = mid;
  }
  const v = t.verify[lo];
  return v !== undefined && v[1] <= to;
}

/**
 * True when `file`, downloaded by the match that ends at `after`, is run later in the same script (by an interpreter
 * or as a command) with no checksum or signature check in between. `quoting` tells how the download's index is
 * quoted (quotingScanner: matches come in order). Undefined when the script was given up (runTargets).
 */
function runsDownloadUnverified(
  text: string,
  targets: RunTargets,
  quoting: ReturnType<typeof quotingScanner>,
  index: number,
  after: number,
  file: string,
): boolean | undefined {
  // A download written inside a quoted string is text (`echo "To update: curl -o f URL && sh f" > /etc/motd`).
  if (quoting(index).quote !== undefined) return false;
  // A name longer than any path is no file to look for.
  if (file.length > 1024) return false;
  const base = `./${file.replace(/^.*\//, '')}`;
  const path = file.includes('/') ? file : base;
  // Right after the download, with no separator: only a quoted path can follow (`curl -o f"./f"`).
  if ((text[after] === '"' || text[after] === "'") && targetAt(text, after, runEnds(text).target) === path) return true;
  if (targets.gaveUp) return undefined;
  const runs = [firstRun(targets, targets.plain.get(path), after), firstRun(targets, targets.operand.get(file), after)];
  if (base !== file) runs.push(firstRun(targets, targets.operand.get(base), after));
  const found = runs.filter((r) => r !== -1);
  if (found.length === 0) return false;
  return !verifiedBetween(targets, after, Math.min(...found));
}

/** BW2007: scripts downloaded and run in one go, unverified (seed §8; CIS 4.11). */
export const noCurlPipeShell = dockerfileRule({
  meta: {
    id: 'BW2007',
    name: 'no-curl-pipe-shell',
    scope: 'dockerfile',
    severity: 'high',
    title: 'Downloaded scripts are verified before they run',
    rationale:
      "Piping a download straight into a shell runs whatever the server (or anyone between it and the builder) sends at build time, with the build's privileges, and leaves nothing to review: a compromised install script becomes part of the image without a trace.",
    remediation:
      'Download to a file, check it against a known digest, then run it: `RUN curl -fsSLo /tmp/install.sh URL && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`. Better, install from the distribution\'s signed packages or copy a pinned binary from an image by digest.',
    references: {
      seed: '§8.1',
      cis: { version: '1.6.0', items: ['4.11'] },
      docs: ['https://docs.docker.com/build/building/best-practices/#run'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      pipeToShell: 'A RUN in {stage} pipes a {tool} download into an interpreter without verifying it.',
      runsDownload: 'A RUN in {stage} runs {file}, downloaded with {tool}, without verifying it.',
      unchecked: 'Whether a RUN in {stage} runs downloaded code unverified cannot be known: {reason}.',
    },
  },
  check(spec, ctx) {
    for (const { stage, run } of runsOf(spec.stages)) {
      const script = runScript(run);
      const text = script.text.replace(/\\\n/g, '  ');
      const seen = new Set<number>();
      const pipeUnread = sudoOptionsTooLong(text);
      if (pipeUnread) {
        const reason = 'the option words of sudo in its pipelines hold `|` too many times to read';
        ctx.report({ messageId: 'unchecked', status: 'unknown', at: run.at, data: { stage: describeStage(stage), reason } });
      }
      for (const re of [PIPE, SUBST, EVAL]) {
        if (re === PIPE && pipeUnread) continue;
        // EVAL reads no options: linear as it is.
        for (const m of re === PIPE ? toolMatches(text, PIPE_AT, true) : re === SUBST ? substMatches(text) : text.matchAll(re)) {
          const tool = m[1] as string;
          // A quote before the interpreter must close after it (`| "sh"`): `echo "… | sh"` is text, not a pipe.
          if (re === PIPE && runsInlineProgram(m[3] as string, text, (m.index ?? 0) + (m[0] as string).length)) continue;
          const idx = (m.index ?? 0) + (m[0] as string).lastIndexOf(tool, re === PIPE ? tool.length : undefined);
          if (seen.has(idx)) continue;
          seen.add(idx);
          ctx.report({ messageId: 'pipeToShell', at: script.locate(idx, tool.length), data: { stage: describeStage(stage), tool } });
        }
      }
      let targets: RunTargets | undefined;
      let gaveUp = false;
      for (const [re, fileOf] of [
        [TO_FILE_AT, savedFile],
        [REMOTE_NAME_AT, remoteSavedFile],
      ] as const) {
        const quoting = quotingScanner(text);
        for (const m of toolMatches(text, re, false)) {
          const idx = m.index ?? 0;
          const file = fileOf(m);
          if (file === undefined || seen.has(idx)) continue;
          targets ??= runTargets(text);
          const runs = runsDownloadUnverified(text, targets, quoting, idx, idx + (m[0] as string).length, file);
          gaveUp ||= runs === undefined;
          if (runs !== true) continue;
          seen.add(idx);
          const tool = m[1] as string;
          ctx.report({ messageId: 'runsDownload', at: script.locate(idx, tool.length), data: { stage: describeStage(stage), tool, file } });
        }
      }
      if (gaveUp) {
        const reason = 'its interpreter and sudo options hold separators too many times to read';
        ctx.report({ messageId: 'unchecked', status: 'unknown', at: run.at, data: { stage: describeStage(stage), reason } });
      }
    }
  },
});
