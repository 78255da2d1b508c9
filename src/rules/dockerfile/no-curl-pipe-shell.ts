import { describeStage } from '../../model/index.js';
import { dockerfileRule, runScript, runsOf } from './util.js';

const SHELL = '(?:/(?:usr/)?(?:local/)?bin/)?(?:ba|da|z|k|a)?sh|(?:/(?:usr/)?bin/)?(?:python[0-9.]*|perl|ruby|node)';
/** `curl … | sh`, `wget -O- … | sudo bash -s --`. */
const PIPE = new RegExp(`\\b(curl|wget)\\b[^|;&\\n]*\\|\\s*(?:sudo\\s+(?:-\\S+\\s+)*)?(?:env\\s+)?(?:${SHELL})(?=\\s|$|;|&|\\))`, 'g');
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
          const idx = (m.index ?? 0) + (m[0] as string).lastIndexOf(tool, re === PIPE ? tool.length : undefined);
          if (seen.has(idx)) continue;
          seen.add(idx);
          ctx.report({ messageId: 'pipeToShell', at: script.locate(idx, tool.length), data: { stage: describeStage(stage), tool } });
        }
      }
    }
  },
});
