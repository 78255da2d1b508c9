import { runtimeRule } from '../types.js';

/** BW1026: deploy by digest (seed §8.4 "promotion par digest", §11 `image@sha256:`, §14). */
export const requireImageDigest = runtimeRule({
  meta: {
    id: 'BW1026',
    name: 'require-image-digest',
    scope: 'runtime',
    severity: 'low',
    title: 'Images are pinned by digest',
    rationale:
      'A tag can be moved to other content at any time by anyone who can push to the repository. A digest names exactly one image, so what was scanned and signed is what runs.',
    remediation:
      'Append the digest the tag resolves to: `image: registry.example.com/team/app:1.4.2@sha256:<digest>` (`docker buildx imagetools inspect IMAGE` prints it), and update it through your dependency bot.',
    references: {
      seed: '§8.4',
      docs: ['https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier'],
    },
    checklist: 'registry-deploy',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      notPinned: '{target} uses image {image}, which is not pinned by digest.',
    },
  },
  check(c, ctx) {
    const img = c.image;
    // A service that builds its image runs a local build, which has no registry digest to pin.
    if (!img || c.build || typeof img.value !== 'object' || 'kind' in img.value) return;
    if (!img.value.digest) ctx.report({ messageId: 'notPinned', at: img, data: { image: img.value.raw } });
  },
});
