import { describeStage, isCopy, isUnknown, maskSecretsIn } from '../../model/index.js';
import { dockerfileRule } from './util.js';

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst)$/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** A remote source that is a Git repository for BuildKit: `git@host:…`, `git://…`, or a URL whose path ends in `.git`. */
const GIT = /^(?:git@|git:\/\/)|^[^#?]*\.git(?:[#?/]|$)/i;
/** A full commit hash (SHA-1, or SHA-256 for repositories using it). */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * True when a Git source names a full commit, which Git's own hashes verify: the fragment `#<commit>` or
 * `#<commit>:<subdir>`, or the query form `?commit=<commit>` (Dockerfile syntax 1.x query parameters).
 */
export function gitPinnedToCommit(source: string): boolean {
  const hash = source.indexOf('#');
  if (hash !== -1 && COMMIT.test(source.slice(hash + 1).split(':')[0] as string)) return true;
  const q = source.indexOf('?');
  if (q === -1) return false;
  const query = source.slice(q + 1, hash > q ? hash : undefined);
  return new URLSearchParams(query).getAll('commit').some((c) => COMMIT.test(c));
}

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
      'Use COPY for local files. For a Git repository, pin a full commit hash, which Git verifies: `ADD https://github.com/org/repo.git#<40-hex commit> /src` (or `?commit=<40-hex commit>`); a branch or tag can move. For a download, use `ADD --checksum=sha256:<digest> URL dest`, or `RUN curl -fsSLo file URL && echo "<sha256>  file" | sha256sum -c -`. For an archive, COPY it and unpack it in a RUN whose command shows what happens.',
    references: {
      seed: '§14',
      cis: { version: '1.6.0', items: ['4.9'] },
      docs: ['https://docs.docker.com/build/building/best-practices/#add-or-copy'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      remote: 'ADD in {stage} downloads {source} without a --checksum.',
      gitUnpinned: 'ADD in {stage} clones Git repository {source} without pinning a full commit hash.',
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
          if (REMOTE.test(s.value) && GIT.test(s.value)) {
            if (!i.checksum && !gitPinnedToCommit(s.value))
              ctx.report({ messageId: 'gitUnpinned', at: s, data: { stage: stageName, source: maskSecretsIn(s.value) } });
            continue instructions;
          }
          if (REMOTE.test(s.value)) {
            // A URL may hold a password (BW2002 reports it): the message shows it masked.
            if (!i.checksum) ctx.report({ messageId: 'remote', at: s, data: { stage: stageName, source: maskSecretsIn(s.value) } });
            continue instructions;
          }
          if (ARCHIVE.test(s.value)) {
            ctx.report({ messageId: 'archive', at: s, data: { stage: stageName, source: s.value } });
            continue instructions;
          }
        }
        if (!isUnknown(first.value) && !first.value.startsWith('<<')) {
          ctx.report({ messageId: 'useCopy', at: first, data: { stage: stageName, source: maskSecretsIn(i.sources.map((s) => s.value).join(' ')) } });
        }
      }
    }
  },
});
