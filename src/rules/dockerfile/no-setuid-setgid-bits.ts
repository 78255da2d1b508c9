import { describeStage, isCopy, isUnknown } from '../../model/index.js';
import { chmodModes, dockerfileRule, octalMode, programOf, runScript, runsOf, type SimpleCommand, simpleCommands } from './util.js';

/** True when a chmod mode adds the setuid or setgid bit. */
export function addsSetidBit(mode: string): boolean {
  const n = octalMode(mode);
  if (n !== undefined) return (n & 0o6000) !== 0;
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    return !!m && m[3]?.includes('s') && !(m[1] === 'o');
  });
}

/**
 * True when a chmod mode adds the setgid bit and not the setuid bit: octal `2xxx`, symbolic `g+s`
 * (`+s` and `a+s` with no `g`-only who set setuid too).
 */
export function addsSetgidOnly(mode: string): boolean {
  const n = octalMode(mode);
  if (n !== undefined) return (n & 0o4000) === 0 && (n & 0o2000) !== 0;
  let setgid = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!m || m[2] === '-' || !m[3]?.includes('s')) continue;
    const who = m[1] ?? '';
    if (who === '' || who.includes('a') || who.includes('u')) return false;
    if (who.includes('g')) setgid = true;
  }
  return setgid;
}

/** Folder paths a RUN script creates with `mkdir` (operands, without trailing slashes). */
function mkdirPaths(commands: readonly SimpleCommand[]): Set<string> {
  const out = new Set<string>();
  for (const c of commands) {
    if (programOf(c) !== 'mkdir') continue;
    for (let k = 1; k < c.words.length; k++) {
      const w = c.words[k] as string;
      if (w === '-m' || w === '--mode') k++;
      else if (!w.startsWith('-')) out.add(w.replace(/(?<=.)\/+$/, ''));
    }
  }
  return out;
}

/**
 * True when every path a non-recursive chmod changes is a folder: created by `mkdir` in the same RUN, or
 * written with a trailing `/`. Setgid on a folder only makes new files in it inherit its group (the usual
 * shared-folder set-up), which grants no privilege.
 */
function onlyFolders(c: SimpleCommand, modeIndex: number, folders: ReadonlySet<string>): boolean {
  if (c.words.some((w, k) => k < modeIndex && (w === '--recursive' || /^-[a-zA-Z]*R/.test(w)))) return false;
  const paths = c.words.slice(modeIndex + 1).filter((w) => !w.startsWith('-'));
  return paths.length > 0 && paths.every((p) => p.endsWith('/') || folders.has(p));
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
      "A setuid or setgid program runs with its owner's or group's rights whatever user starts it: a setuid-root binary in the image is a path from the container's unprivileged user back to root, unless every container runs with no-new-privileges. Setgid on a folder (made by `mkdir` in the same RUN, or written with a trailing `/`) only makes new files inherit its group and is not reported.",
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
      const commands = simpleCommands(script.text);
      const folders = mkdirPaths(commands);
      for (const c of commands) {
        if (programOf(c) !== 'chmod') continue;
        for (const { mode, index } of chmodModes(c)) {
          if (addsSetidBit(mode) && !(addsSetgidOnly(mode) && onlyFolders(c, index, folders)))
            ctx.report({ messageId: 'chmod', at: script.locate(c.starts[index] as number, mode.length), data: { stage: describeStage(stage), mode } });
        }
      }
    }
  },
});
