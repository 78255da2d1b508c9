import { describeStage } from '../../model/index.js';
import { dockerfileRule, runScript, runsOf } from './util.js';

const SHELL = '(?:/(?:usr/)?(?:local/)?bin/)?(?:ba|da|z|k|a)?sh|(?:/(?:usr/)?bin/)?(?:python[0-9.]*|perl|ruby|node)';
/** `curl … | sh`, `wget -O- … | sudo bash -s --`. */
const PIPE = new RegExp(`\\b(curl|wget)\\b[^|;&\\n]*\\|\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:env\\s+)?(${SHELL})(?=\\s|$|;|&|\\))`, 'g');
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
    },
  },
  check(spec, ctx) {
    for (const { stage, run } of runsOf(spec.stages)) {
      const script = runScript(run);
      const text = script.text.replace(/\\\n/g, '  ');
      const seen = new Set<number>();
      for (const re of [PIPE, SUBST]) {
        for (const m of text.matchAll(re)) {
          const tool = m[1] as string;
          if (re === PIPE && runsInlineProgram(m[2] as string, text.slice((m.index ?? 0) + (m[0] as string).length))) continue;
          const idx = (m.index ?? 0) + (m[0] as string).lastIndexOf(tool, re === PIPE ? tool.length : undefined);
          if (seen.has(idx)) continue;
          seen.add(idx);
          ctx.report({ messageId: 'pipeToShell', at: script.locate(idx, tool.length), data: { stage: describeStage(stage), tool } });
        }
      }
    }
  },
});
