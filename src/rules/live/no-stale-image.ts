import { isLiveContainer, isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

const DAY_MS = 86_400_000;

/** BW1107: a container runs an image built long ago (seed §8.1 scans and rebuilds; CIS 4.4, 5.28). */
export const noStaleImage = runtimeRule({
  meta: {
    id: 'BW1107',
    name: 'no-stale-image',
    scope: 'runtime',
    severity: 'low',
    title: 'Running images are rebuilt regularly',
    rationale:
      'An image gets no security fix after it is built: the packages and base layers in it age, and new CVEs accumulate while the container keeps running. An image months old almost always carries known, fixed vulnerabilities.',
    remediation:
      'Rebuild images on a schedule (and when the base image changes) with `docker build --pull`, scan them, and redeploy by digest; set `maxAgeDays` to your patch policy.',
    references: {
      seed: '§8.1',
      cis: { version: '1.6.0', items: ['4.4', '5.28'] },
      docs: ['https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often'],
    },
    checklist: 'images-build',
    appliesTo: ['engine'],
    options: { maxAgeDays: { description: 'Age in days (from the image Created time) above which an image is reported.', default: 90 } },
    messages: {
      stale: '{target} runs image {image}, built {days} days ago (more than {max}).',
    },
  },
  check(c, ctx) {
    if (!isLiveContainer(c)) return;
    const created = c.live.image?.created;
    if (!created || isUnknown(created.value)) return;
    const built = Date.parse(created.value);
    const now = Date.parse(c.live.auditedAt);
    if (Number.isNaN(built) || Number.isNaN(now)) return;
    const max = typeof ctx.options.maxAgeDays === 'number' ? ctx.options.maxAgeDays : 90;
    const days = Math.floor((now - built) / DAY_MS);
    if (days > max) {
      const image = c.image && !isUnknown(c.image.value) ? c.image.value.raw : (c.live.image?.id ?? '?').replace(/^sha256:/, '').slice(0, 12);
      ctx.report({ messageId: 'stale', at: created, data: { image, days, max } });
    }
  },
});
