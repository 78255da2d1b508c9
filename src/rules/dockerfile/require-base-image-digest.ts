import { describeStage, isUnknown } from '../../model/index.js';
import { dockerfileRule } from './util.js';

/** BW2005: base images pinned by digest (seed §8.4 "promotion par digest", §14). */
export const requireBaseImageDigest = dockerfileRule({
  meta: {
    id: 'BW2005',
    name: 'require-base-image-digest',
    scope: 'dockerfile',
    severity: 'low',
    title: 'Base images are pinned by digest',
    rationale:
      'A tag can be moved to other content by anyone who can push to the repository, so the same Dockerfile can build on a different base tomorrow. A digest names exactly one image: what was reviewed and scanned is what the build uses.',
    remediation:
      'Append the digest the tag resolves to: `FROM node:20.17-bookworm-slim@sha256:<digest>` (`docker buildx imagetools inspect node:20.17-bookworm-slim` prints it), and let a dependency bot update it.',
    references: {
      seed: '§8.4',
      docs: ['https://docs.docker.com/build/building/best-practices/#pin-base-image-versions'],
    },
    checklist: 'registry-deploy',
    appliesTo: ['dockerfile'],
    messages: {
      notPinned: '{stage} starts from image {image}, which is not pinned by digest.',
    },
  },
  check(spec, ctx) {
    for (const stage of spec.stages) {
      const b = stage.base;
      // Unknown bases are reported by BW2004; stages and scratch are not registry images.
      if (isUnknown(b.value) || b.value.kind !== 'image') continue;
      if (!b.value.ref.digest) ctx.report({ messageId: 'notPinned', at: b, data: { stage: describeStage(stage), image: b.value.raw } });
    }
  },
});
