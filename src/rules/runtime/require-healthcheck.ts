import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1027: a health check lets the engine and orchestrators see a broken service (seed §8.4, §14; CIS 5.27). */
export const requireHealthcheck = runtimeRule({
  meta: {
    id: 'BW1027',
    name: 'require-healthcheck',
    scope: 'runtime',
    severity: 'low',
    title: 'Containers have a health check',
    rationale:
      'Without a health check a hung or half-broken process looks "running": restart policies, `depends_on: condition: service_healthy` and alerting cannot react. When the service sets none, the image may still define HEALTHCHECK, so that case is reported as unknown until the Dockerfile is scanned too.',
    remediation:
      'Add a `healthcheck:` with a `test` that exercises the service (`["CMD", "wget", "-qO-", "http://localhost:8080/health"]`), an `interval`, a `timeout` and `retries`; do not disable the image\'s own HEALTHCHECK.',
    references: {
      seed: '§8.4',
      cis: { version: '1.6.0', items: ['5.27'] },
      docs: ['https://docs.docker.com/reference/compose-file/services/#healthcheck'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      disabled: '{target} disables its health check.',
      missing: '{target} sets no health check, and the image decides whether it has one.',
      imageHasNone: '{target} sets no health check, and its image defines none.',
      unknown: 'The health check of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const h = c.healthcheck;
    if (h) {
      if (isUnknown(h.value)) return ctx.report({ messageId: 'unknown', at: h, status: 'unknown', data: { reason: h.value.reason } });
      if (h.value === 'disabled') return ctx.report({ messageId: 'disabled', at: h });
      if (h.value.test.length > 0) return;
    }
    const fromImage = c.imageDefaults?.healthcheck;
    if (fromImage === undefined) {
      if (c.imageDefaults !== undefined) ctx.report({ messageId: 'imageHasNone', at: h ?? c.at });
      else ctx.report({ messageId: 'missing', at: h ?? c.at, status: 'unknown' });
      return;
    }
    if (fromImage.value === 'disabled') ctx.report({ messageId: 'imageHasNone', at: h ?? c.at });
  },
});
