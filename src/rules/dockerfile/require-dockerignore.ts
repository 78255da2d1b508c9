import { isCopy, isUnknown } from '../../model/index.js';
import { compileIgnorePattern, type IgnorePattern, isIgnored } from './dockerignore-match.js';
import { dockerfileRule } from './util.js';

/** What a `.dockerignore` must keep out of the context, with sample paths that must all be excluded. */
const MUST_EXCLUDE: { what: string; paths: string[] }[] = [
  { what: '.git', paths: ['.git/config'] },
  { what: '.env', paths: ['.env'] },
  { what: 'private keys (*.pem, *.key)', paths: ['private.pem', 'private.key'] },
];

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
      missing: 'The Dockerfile copies from build context "{context}", which has no .dockerignore.',
      notExcluded: 'The Dockerfile copies from build context "{context}", and {file} does not exclude {what}.',
    },
  },
  check(spec, ctx) {
    if (!spec.context) return;
    const copy = spec.stages
      .flatMap((s) => s.instructions)
      .filter(isCopy)
      .find((i) => !i.from && i.sources.some((s) => !isUnknown(s.value) && !s.value.startsWith('<<') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.value)));
    if (!copy) return;
    const at = copy.sources[0] ?? copy.args.at;
    const ignore = spec.context.dockerignore;
    if (!ignore) return ctx.report({ messageId: 'missing', at, data: { context: spec.context.folder } });
    const patterns = ignore.patterns.map((p) => (isUnknown(p.value) ? undefined : compileIgnorePattern(p.value))).filter((p): p is IgnorePattern => !!p);
    const missing = MUST_EXCLUDE.filter((m) => !m.paths.every((p) => isIgnored(patterns, p))).map((m) => m.what);
    if (missing.length > 0) ctx.report({ messageId: 'notExcluded', at, data: { context: spec.context.folder, file: ignore.name, what: missing.join(', ') } });
  },
});
