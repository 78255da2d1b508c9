import { type CopyInstruction, compileIgnorePattern, type IgnorePattern, isContainerfileName, isCopy, isIgnored, isUnknown } from '../../model/index.js';
import { dockerfileRule } from './util.js';

/**
 * What a `.dockerignore` must keep out of the context: each entry names a kind of file and, per pattern, a
 * sample path that must be excluded. A message names only the patterns whose sample is not excluded.
 */
const MUST_EXCLUDE: { what: string; samples: { pattern: string; path: string }[] }[] = [
  { what: '.git', samples: [{ pattern: '.git', path: '.git/config' }] },
  { what: '.env', samples: [{ pattern: '.env', path: '.env' }] },
  {
    what: 'private keys',
    samples: [
      { pattern: '*.pem', path: 'private.pem' },
      { pattern: '*.key', path: 'private.key' },
    ],
  },
];

/** A URL source (`ADD https://…`): not read from the build context. */
const URL_SOURCE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True for a COPY/ADD source read from the build context (not a heredoc, not a URL). */
function fromContext(s: CopyInstruction['sources'][number]): boolean {
  return !isUnknown(s.value) && !s.value.startsWith('<<') && !URL_SOURCE.test(s.value);
}

/** Sources that send the whole build context (`COPY . /app`, `COPY ./ .`, `COPY * ./`). */
const WHOLE_CONTEXT = /^(?:\.\/?|\.\/\*|\*)$/;

/** BW2012: the build context is filtered by a `.dockerignore` that keeps out VCS data, .env and keys (seed §14). */
export const requireDockerignore = dockerfileRule({
  meta: {
    id: 'BW2012',
    name: 'require-dockerignore',
    scope: 'dockerfile',
    severity: 'low',
    title: 'A .dockerignore keeps secrets and VCS data out of the build context',
    rationale:
      'Without a `.dockerignore`, `COPY . .` sends and copies everything in the folder: the `.git` history, `.env` files, local keys and credentials end up in the builder and in the image layers. The check runs when the Dockerfile copies from the context.',
    remediation:
      'Add a `.dockerignore` at the root of the build context (or `<Dockerfile name>.dockerignore` beside the Dockerfile, which BuildKit prefers) that excludes at least `.git`, `.env` and `*.pem`/`*.key`; an allow-list (`*` then `!src`, `!package*.json`) is safest.',
    references: {
      seed: '§14',
      docs: ['https://docs.docker.com/build/concepts/context/#dockerignore-files'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      missing: 'The {kind} copies from build context "{context}", which has no {ignoreFile}.',
      notExcluded: 'The {kind} copies from build context "{context}", and {file} does not exclude {what}.',
    },
  },
  check(spec, ctx) {
    if (!spec.context) return;
    // Point at the instruction that copies the context wholesale, else at the first one that copies from it.
    let first: CopyInstruction | undefined;
    let whole: CopyInstruction['sources'][number] | undefined;
    stages: for (const stage of spec.stages) {
      for (const i of stage.instructions) {
        if (!isCopy(i) || i.from || !i.sources.some(fromContext)) continue;
        first ??= i;
        whole = i.sources.find((s) => !isUnknown(s.value) && WHOLE_CONTEXT.test(s.value));
        if (whole) break stages;
      }
    }
    if (!first) return;
    const at = whole ?? first.sources[0] ?? first.args.at;
    const ignore = spec.context.dockerignore;
    // Podman and Buildah, which build Containerfiles, also read a .containerignore (readBuildContext).
    const containerfile = isContainerfileName(spec.name.replace(/^.*[/\\]/, ''));
    const kind = containerfile ? 'Containerfile' : 'Dockerfile';
    if (!ignore) {
      const ignoreFile = containerfile ? '.containerignore or .dockerignore' : '.dockerignore';
      return ctx.report({ messageId: 'missing', at, data: { kind, context: spec.context.folder, ignoreFile } });
    }
    const patterns = ignore.patterns.map((p) => (isUnknown(p.value) ? undefined : compileIgnorePattern(p.value))).filter((p): p is IgnorePattern => !!p);
    const missing: string[] = [];
    for (const m of MUST_EXCLUDE) {
      const left = m.samples.filter((x) => !isIgnored(patterns, x.path)).map((x) => x.pattern);
      if (left.length === 0) continue;
      missing.push(m.samples.length === 1 ? m.what : `${m.what} (${left.join(', ')})`);
    }
    if (missing.length > 0)
      ctx.report({ messageId: 'notExcluded', at, data: { kind, context: spec.context.folder, file: ignore.name, what: missing.join(', ') } });
  },
});
