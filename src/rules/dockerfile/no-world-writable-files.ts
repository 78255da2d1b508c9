import { describeStage, isCopy, isUnknown } from '../../model/index.js';
import { chmodModes, dockerfileRule, octalMode, programOf, runScript, runsOf, simpleCommands } from './util.js';

/** True when a chmod mode gives write permission to others (sticky folders such as `1777 /tmp` excepted). */
export function isWorldWritableMode(mode: string): boolean {
  const n = octalMode(mode);
  if (n !== undefined) return (n & 0o002) !== 0 && (n & 0o1000) === 0;
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    return !!m && (m[1]?.includes('o') || m[1]?.includes('a')) && m[3]?.includes('w') && !m[3]?.includes('t');
  });
}

/** BW2009: files and folders made writable by every user (seed §5.5 read-only filesystem, §14). */
export const noWorldWritableFiles = dockerfileRule({
  meta: {
    id: 'BW2009',
    name: 'no-world-writable-files',
    scope: 'dockerfile',
    severity: 'medium',
    title: 'Images hold no world-writable files',
    rationale:
      'A file or folder writable by every user (`chmod 777`, `o+w`) lets any process in the container, whatever its uid, replace programs, configuration or libraries that others run, which turns a small foothold into control of the service.',
    remediation:
      'Give ownership to the user that writes (`COPY --chown=10001:10001`, `chown 10001:10001 /data`) and use modes such as 755 for folders and 644 for files; for shared scratch folders use the sticky bit (`1777`), or better a tmpfs at run time.',
    references: {
      seed: '§5.5',
      docs: ['https://docs.docker.com/reference/dockerfile/#copy---chmod'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      chmod: 'A RUN in {stage} makes files world-writable (chmod {mode}).',
      copyChmod: '{keyword} in {stage} makes files world-writable (--chmod={mode}).',
    },
  },
  check(spec, ctx) {
    for (const stage of spec.stages) {
      for (const i of stage.instructions) {
        if (!isCopy(i) || !i.chmod || isUnknown(i.chmod.value)) continue;
        if (isWorldWritableMode(i.chmod.value))
          ctx.report({ messageId: 'copyChmod', at: i.chmod, data: { keyword: i.keyword, stage: describeStage(stage), mode: i.chmod.value } });
      }
    }
    for (const { stage, run } of runsOf(spec.stages)) {
      const script = runScript(run);
      for (const c of simpleCommands(script.text)) {
        if (programOf(c) !== 'chmod') continue;
        for (const { mode, index } of chmodModes(c)) {
          if (isWorldWritableMode(mode))
            ctx.report({ messageId: 'chmod', at: script.locate(c.starts[index] as number, mode.length), data: { stage: describeStage(stage), mode } });
        }
      }
    }
  },
});
