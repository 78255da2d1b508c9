import { isUnknown } from '../../model/index.js';
import { imageRule } from './util.js';

/** BW3002: service images declare a HEALTHCHECK (seed §8.4, §14; CIS 4.6). */
export const requireImageHealthcheck = imageRule({
  meta: {
    id: 'BW3002',
    name: 'require-image-healthcheck',
    scope: 'image',
    severity: 'low',
    title: 'Service images declare a HEALTHCHECK',
    rationale:
      'Without a health check, a hung or half-broken server looks "running" to the engine: restart policies, `depends_on: condition: service_healthy`, rolling updates and alerting cannot react. `HEALTHCHECK NONE` also switches off the one the base image had. Images that expose no port (tools, jobs, build images) are not asked for one.',
    remediation:
      'Add a HEALTHCHECK to the final stage that exercises the service: `HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["wget", "-qO-", "http://127.0.0.1:8080/healthz"]` (exec form: no shell needed). A compose `healthcheck:` can also set one per service.',
    references: {
      seed: '§8.4',
      cis: { version: '1.6.0', items: ['4.6'] },
      docs: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
    },
    checklist: 'runtime',
    appliesTo: ['dockerfile', 'image'],
    messages: {
      missing: '{target} exposes {ports} but declares no HEALTHCHECK.',
      disabled: '{target} disables its health check (HEALTHCHECK NONE).',
    },
  },
  check(img, ctx) {
    const h = img.healthcheck;
    if (h) {
      if (!isUnknown(h.value) && h.value === 'disabled') ctx.report({ messageId: 'disabled', at: h });
      return;
    }
    const ports = img.exposedPorts.filter((p) => !isUnknown(p.value)).map((p) => p.value as string);
    if (ports.length > 0) ctx.report({ messageId: 'missing', at: img.at, data: { ports: ports.join(', ') } });
  },
});
