import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/** BW1025: images without a tag, or tagged latest (seed §8.4 "refuser latest"; CIS 5.28). */
export const noLatestImageTag = runtimeRule({
  meta: {
    id: 'BW1025',
    name: 'no-latest-image-tag',
    scope: 'runtime',
    severity: 'medium',
    title: 'Images name a version, not latest',
    rationale:
      '`latest` (or no tag, which means latest) is whatever was pushed last: two hosts can run different code under one name, a rollback has nothing to return to, and a compromised push is picked up silently.',
    remediation: 'Name an explicit version tag (`nginx:1.27.3`), and better, pin the digest it resolves to (`nginx:1.27.3@sha256:<digest>`).',
    references: {
      seed: '§8.4',
      cis: { version: '1.6.0', items: ['5.28'] },
      docs: ['https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier'],
    },
    checklist: 'registry-deploy',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      noTag: '{target} uses image {image} without a tag (latest).',
      latest: '{target} uses image {image} tagged latest.',
      unknown: 'The image of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const img = c.image;
    if (!img || c.build || reportIfUnknown(ctx, img, 'unknown')) return;
    if (typeof img.value !== 'object' || 'kind' in img.value) return;
    const ref = img.value;
    if (ref.digest) return;
    if (ref.tag === undefined) ctx.report({ messageId: 'noTag', at: img, data: { image: ref.raw } });
    else if (ref.tag === 'latest') ctx.report({ messageId: 'latest', at: img, data: { image: ref.raw } });
  },
});
