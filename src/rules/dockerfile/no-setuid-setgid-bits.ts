import { describeStage, isCopy, isUnknown } from '../../model/index.js';
import { chmodModes, dockerfileRule, octalMode, programOf, runScript, runsOf, simpleCommands } from './util.js';

/** True when a chmod mode adds the setuid or setgid bit. */
export function addsSetidBit(mode: string): boolean {
  const n = octalMode(mode);
  if (n !== undefined) return (n & 0o6000) !== 0;
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    return !!m && m[3]?.includes('s') && !(m[1] === 'o');
  });
}

/** BW2010: setuid and setgid bits added in the image (CIS 4.8). */
export const noSetuidSetgidBits = dockerfileRule({
  meta: {
    id: 'BW2010',
    name: 'no-setuid-setgid-bits',
    scope: 'dockerfile',
    severity: 'medium',
    title: 'No setuid or setgid bits are added',
    rationale:
      "A setuid or setgid program runs with its owner's or group's rights whatever user starts it: a setuid-root binary in the image is a path from the container's unprivileged user back to root, unless every container runs with no-new-privileges.",
    remediation:
      'Do not add setuid/setgid bits; grant the single capability the program needs at run time instead (`cap_add: [NET_BIND_SERVICE]`). Remove the bits the base image ships where not needed: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`.',
    references: {
      seed: '§5.6',
      cis: { version: '1.6.0', items: ['4.8'] },
      docs: ['https://docs.docker.com/build/building/best-practices/'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      chmod: 'A RUN in {stage} adds a setuid or setgid bit (chmod {mode}).',
      copyChmod: '{keyword} in {stage} adds a setuid or setgid bit (--chmod={mode}).',
    },
  },
  check(spec, ctx) {
    for (const stage of spec.stages) {
      for (const i of stage.instructions) {
        if (!isCopy(i) || !i.chmod || isUnknown(i.chmod.value)) continue;
        if (addsSetidBit(i.chmod.value))
          ctx.report({ messageId: 'copyChmod', at: i.chmod, data: { keyword: i.keyword, stage: describeStage(stage), mode: i.chmod.value } });
      }
    }
    for (const { stage, run } of runsOf(spec.stages)) {
      const script = runScript(run);
      for (const c of simpleCommands(script.text)) {
        if (programOf(c) !== 'chmod') continue;
        for (const { mode, index } of chmodModes(c)) {
          if (addsSetidBit(mode))
            ctx.report({ messageId: 'chmod', at: script.locate(c.starts[index] as number, mode.length), data: { stage: describeStage(stage), mode } });
        }
      }
    }
  },
});
