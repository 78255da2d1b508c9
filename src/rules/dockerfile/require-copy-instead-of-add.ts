import { describeStage, isCopy, isUnknown } from '../../model/index.js';
import { dockerfileRule } from './util.js';

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst)$/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** BW2006: ADD only where its extra behaviour is wanted; COPY everywhere else (seed §6, §14; CIS 4.9). */
export const requireCopyInsteadOfAdd = dockerfileRule({
  meta: {
    id: 'BW2006',
    name: 'require-copy-instead-of-add',
    scope: 'dockerfile',
    severity: 'medium',
    title: 'COPY is used instead of ADD',
    rationale:
      'ADD does more than copy: it downloads URLs (unverified unless `--checksum` is given, and over whatever the network serves at build time) and silently unpacks local archives (a crafted archive can write anywhere in the image). COPY copies exactly the files named, which is what a reviewer expects.',
    remediation:
      'Use COPY for local files. For a download, use `ADD --checksum=sha256:<digest> URL dest`, or `RUN curl -fsSLo file URL && echo "<sha256>  file" | sha256sum -c -`. For an archive, COPY it and unpack it in a RUN whose command shows what happens.',
    references: {
      seed: '§14',
      cis: { version: '1.6.0', items: ['4.9'] },
      docs: ['https://docs.docker.com/build/building/best-practices/#add-or-copy'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      remote: 'ADD in {stage} downloads {source} without a --checksum.',
      archive: 'ADD in {stage} unpacks archive {source} implicitly.',
      useCopy: 'ADD in {stage} copies local {source}; COPY does the same without the extra behaviour.',
    },
  },
  check(spec, ctx) {
    for (const stage of spec.stages) {
      instructions: for (const i of stage.instructions) {
        if (!isCopy(i) || i.keyword !== 'ADD') continue;
        const first = i.sources[0];
        if (!first) continue;
        const stageName = describeStage(stage);
        for (const s of i.sources) {
          if (isUnknown(s.value) || s.value.startsWith('<<')) continue;
          if (REMOTE.test(s.value)) {
            if (!i.checksum) ctx.report({ messageId: 'remote', at: s, data: { stage: stageName, source: s.value } });
            continue instructions;
          }
          if (ARCHIVE.test(s.value)) {
            ctx.report({ messageId: 'archive', at: s, data: { stage: stageName, source: s.value } });
            continue instructions;
          }
        }
        if (!isUnknown(first.value) && !first.value.startsWith('<<')) {
          ctx.report({ messageId: 'useCopy', at: first, data: { stage: stageName, source: i.sources.map((s) => s.value).join(' ') } });
        }
      }
    }
  },
});
