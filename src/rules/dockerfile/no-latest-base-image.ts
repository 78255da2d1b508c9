import { describeStage, isUnknown } from '../../model/index.js';
import { dockerfileRule } from './util.js';

/** BW2004: base images with no tag or tagged latest (seed §8.4 "refuser latest"). */
export const noLatestBaseImage = dockerfileRule({
  meta: {
    id: 'BW2004',
    name: 'no-latest-base-image',
    scope: 'dockerfile',
    severity: 'medium',
    title: 'Base images name a version, not latest',
    rationale:
      'A base image without a tag, or tagged `latest`, is whatever was pushed last: two builds of the same commit can produce different images, a rebuild can pull in breaking or compromised content, and nobody can tell which base a running image came from.',
    remediation:
      'Name an explicit version in FROM (`FROM node:20.17-bookworm-slim`), and pin its digest (`FROM node:20.17-bookworm-slim@sha256:<digest>`) with a bot to update it. An `ARG` used in FROM needs a default version too.',
    references: {
      seed: '§8.4',
      cis: { version: '1.6.0', items: ['4.2'] },
      docs: ['https://docs.docker.com/build/building/best-practices/#from'],
    },
    checklist: 'registry-deploy',
    appliesTo: ['dockerfile'],
    messages: {
      noTag: '{stage} starts from image {image} without a tag (latest).',
      latest: '{stage} starts from image {image} tagged latest.',
      unknown: 'The base image of {stage} cannot be known: {reason}.',
    },
  },
  check(spec, ctx) {
    for (const stage of spec.stages) {
      const b = stage.base;
      const stageName = describeStage(stage);
      if (isUnknown(b.value)) {
        ctx.report({ messageId: 'unknown', at: b, status: 'unknown', data: { stage: stageName, reason: b.value.reason } });
        continue;
      }
      if (b.value.kind !== 'image' || b.value.ref.digest) continue;
      if (b.value.ref.tag === undefined) ctx.report({ messageId: 'noTag', at: b, data: { stage: stageName, image: b.value.raw } });
      else if (b.value.ref.tag === 'latest') ctx.report({ messageId: 'latest', at: b, data: { stage: stageName, image: b.value.raw } });
    }
  },
});
