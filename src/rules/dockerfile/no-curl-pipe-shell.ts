import { describeStage } from '../../model/index.js';
import { insideQuotes } from './shell-scan.js';
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
function runsInlineProgram(interpreter: string, rest: string): boolean {
  const name = interpreter.replace(/^.*\//, '');
  const kind = INLINE_PROGRAM.find((k) => k.program.test(name));
  if (!kind) return false;
  for (const w of rest.trimStart().split(/\s+/)) {
    if (!w.startsWith('-') || w === '-' || w === '--') return false;
    if (kind.option.test(w)) return true;
  }
  return false;
}

/** `sh -c "$(curl …)"`, `bash <(curl …)`. */
const SUBST = new RegExp(`(?:^|[\\s;&|(])(?:${SHELL})\\s+(?:-\\S+\\s+)*(?:"?\\$\\(|<\\()\\s*(curl|wget)\\b`, 'g');
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

/** The file name a URL is saved under by `curl -O` and `wget`: its last path segment, without query or fragment. */
function remoteName(url: string): string {
  return url
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/^.*\//, '');
}

/** Checks that count as verifying a downloaded file before it runs. */
const VERIFY = /\b(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|gpgv?|cosign|minisign|openssl\s+dgst|rpm\s+-K|--checksum)\b/;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/**
 * True when `file`, downloaded by the match at `index`, is run later in the same script (by an interpreter or as
 * a command) with no checksum or signature check in between.
 */
function runsDownloadUnverified(text: string, index: number, matchLength: number, file: string): boolean {
  // A download written inside a quoted string is text (`echo "To update: curl -o f URL && sh f" > /etc/motd`).
  if (insideQuotes(text, index)) return false;
  // A name longer than any path is no file to look for (and would make too large a pattern).
  if (file.length > 1024) return false;
  const after = text.slice(index + matchLength);
  const name = escapeRegExp(file);
  const base = escapeRegExp(file.replace(/^.*\//, ''));
  const run = new RegExp(
    `(?:^|[;&|(]\\s*|\\n\\s*)(?:sudo\\s+(?:-\\S+\\s+)*)?(?:(?:${SHELL})\\s+(?:-\\S+\\s+)*(["']?)(?:${name}|\\./${base})\\1|(["']?)(?:${file.includes('/') ? name : `\\./${base}`})\\2)(?=\\s|$|;|&|\\))`,
  );
  const r = run.exec(after);
  return r !== null && !VERIFY.test(after.slice(0, r.index));
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
    },
  },
  check(spec, ctx) {
    for (const { stage, run } of runsOf(spec.stages)) {
      const script = runScript(run);
      const text = script.text.replace(/\\\n/g, '  ');
      const seen = new Set<number>();
      for (const re of [PIPE, SUBST, EVAL]) {
        for (const m of text.matchAll(re)) {
          const tool = m[1] as string;
          // A quote before the interpreter must close after it (`| "sh"`): `echo "… | sh"` is text, not a pipe.
          if (re === PIPE && runsInlineProgram(m[3] as string, text.slice((m.index ?? 0) + (m[0] as string).length))) continue;
          const idx = (m.index ?? 0) + (m[0] as string).lastIndexOf(tool, re === PIPE ? tool.length : undefined);
          if (seen.has(idx)) continue;
          seen.add(idx);
          ctx.report({ messageId: 'pipeToShell', at: script.locate(idx, tool.length), data: { stage: describeStage(stage), tool } });
        }
      }
      for (const [re, fileOf] of [
        [TO_FILE, savedFile],
        [REMOTE_NAME, remoteSavedFile],
      ] as const) {
        for (const m of text.matchAll(re)) {
          const idx = m.index ?? 0;
          const file = fileOf(m);
          if (file === undefined || seen.has(idx) || !runsDownloadUnverified(text, idx, (m[0] as string).length, file)) continue;
          seen.add(idx);
          const tool = m[1] as string;
          ctx.report({ messageId: 'runsDownload', at: script.locate(idx, tool.length), data: { stage: describeStage(stage), tool, file } });
        }
      }
    }
  },
});
