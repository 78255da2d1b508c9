import { describeStage, isUnknown } from '../../model/index.js';
import { dockerfileRule, programOf, runScript, runsOf, type SimpleCommand, shippedStages, simpleCommands } from './util.js';

function hasWord(c: SimpleCommand, ...words: string[]): boolean {
  return c.words.some((w) => words.some((x) => w === x || w.startsWith(`${x}=`)));
}

/**
 * `/rm\s+(?:-\w+\s+)*\/var\/cache\/apk/.test(text)` in linear time: `/var/cache/apk` can only follow where the option
 * words after an `rm` end (it starts with no `-`), and an `rm` inside an option word (`rm -rm -rm ...`) ends where
 * that word's command does: each end is found once and kept for every position of its run of options.
 */
function removesApkCache(text: string): boolean {
  const rm = /rm\s+/g;
  const option = /-\w+\s+/y;
  const ends = new Map<number, number>();
  for (let m = rm.exec(text); m !== null; m = rm.exec(text)) {
    const walked: number[] = [];
    let o = m.index + m[0].length;
    let end = ends.get(o);
    while (end === undefined) {
      walked.push(o);
      option.lastIndex = o;
      const w = option.exec(text);
      if (w === null) end = o;
      else {
        o += w[0].length;
        end = ends.get(o);
      }
    }
    for (const at of walked) ends.set(at, end);
    if (text.startsWith('/var/cache/apk', end)) return true;
  }
  return false;
}

/** BW2011: package installs that leave caches and extras in the shipped image (CIS 4.3; seed §14 "Images & build"). */
export const requirePackageManagerHygiene = dockerfileRule({
  meta: {
    id: 'BW2011',
    name: 'require-package-manager-hygiene',
    scope: 'dockerfile',
    severity: 'low',
    title: 'Package installs keep the image minimal',
    rationale:
      'Recommended packages, package indexes and download caches add files nobody asked for to the shipped image: more to scan and patch, more tools for an intruder, larger pulls. Build stages that do not reach the final image are not checked.',
    remediation:
      'Use `apt-get install --no-install-recommends` and end the same RUN with `rm -rf /var/lib/apt/lists/*`; `pip install --no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`); `apk add --no-cache`. A BuildKit cache mount (`RUN --mount=type=cache,target=/var/cache/apt ...`) also keeps caches out of the layer.',
    references: {
      seed: '§14',
      cis: { version: '1.6.0', items: ['4.3'] },
      docs: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      aptRecommends: 'A RUN in {stage} runs {tool} install without --no-install-recommends.',
      aptLists: 'A RUN in {stage} runs apt-get update without removing /var/lib/apt/lists afterwards.',
      pipCache: 'A RUN in {stage} runs pip install without --no-cache-dir, which keeps its download cache.',
      apkCache: 'A RUN in {stage} runs apk add without --no-cache, which keeps its package index.',
    },
  },
  check(spec, ctx) {
    const shipped = shippedStages(spec);
    const pipEnv = shipped.some((s) =>
      s.env.some((e) => !isUnknown(e.value) && e.value.name === 'PIP_NO_CACHE_DIR' && /^(?:1|true|yes|on|off|0|false)$/i.test(e.value.value ?? '')),
    );
    for (const { stage, run } of runsOf([...shipped].reverse())) {
      const script = runScript(run);
      const text = script.text;
      const cacheTargets = run.mounts.map((m) =>
        isUnknown(m.value) ? '' : m.value.type === 'cache' || m.value.type === 'tmpfs' ? (m.value.target ?? '') : '',
      );
      const cached = (re: RegExp): boolean => cacheTargets.some((t) => re.test(t));
      const stageName = describeStage(stage);
      const cmds = simpleCommands(text);
      let aptUpdate: SimpleCommand | undefined;
      /** Read once per RUN, when an `apk add` needs it (it was read again for each one: 50,000 of them took 12 s). */
      let apkCacheRemoved: boolean | undefined;
      for (const c of cmds) {
        const prog = programOf(c);
        const sub = c.words[1];
        if ((prog === 'apt-get' || prog === 'apt') && c.words.includes('update')) aptUpdate ??= c;
        if ((prog === 'apt-get' || prog === 'apt') && c.words.includes('install')) {
          const ok =
            hasWord(c, '--no-install-recommends') ||
            c.words.some((w, k) => /APT::Install-Recommends=(?:"?false"?|0)/i.test(w) && (c.words[k - 1] === '-o' || w.startsWith('-o')));
          if (!ok) ctx.report({ messageId: 'aptRecommends', at: script.locate(c.starts[0] as number, prog.length), data: { tool: prog, stage: stageName } });
        }
        const pip = /^pip[0-9.]*$/.test(prog) ? 1 : /^python[0-9.]*$/.test(prog) && c.words[1] === '-m' && /^pip[0-9.]*$/.test(c.words[2] ?? '') ? 3 : 0;
        if (pip > 0 && c.words[pip] === 'install' && !pipEnv && !hasWord(c, '--no-cache-dir', '--no-cache') && !cached(/\.cache(?:\/pip)?\/?$/)) {
          ctx.report({ messageId: 'pipCache', at: script.locate(c.starts[0] as number, prog.length), data: { stage: stageName } });
        }
        if (
          prog === 'apk' &&
          sub === 'add' &&
          !hasWord(c, '--no-cache') &&
          !cached(/\/var\/cache\/apk|\/etc\/apk\/cache/) &&
          !(apkCacheRemoved ??= removesApkCache(text))
        ) {
          ctx.report({ messageId: 'apkCache', at: script.locate(c.starts[0] as number, prog.length), data: { stage: stageName } });
        }
      }
      if (aptUpdate && !/\/var\/lib\/apt\/lists/.test(text.replace(/apt-get\s+update/g, '')) && !cached(/\/var\/lib\/apt/)) {
        ctx.report({ messageId: 'aptLists', at: script.locate(aptUpdate.starts[0] as number, programOf(aptUpdate).length), data: { stage: stageName } });
      }
    }
  },
});
