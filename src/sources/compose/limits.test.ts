// Service-level limits (cpus, mem_limit, pids_limit) beside deploy.resources.limits: compose refuses a project where
// a service-level limit is set and deploy.resources.limits exists without the same value ("can't set distinct
// values on 'pids_limit' and 'deploy.resources.limits.pids'"; an absent deploy value counts as a different one).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../fs.js';
import { scanComposeProject } from './index.js';

const scan = (service: string) =>
  scanComposeProject(['/mem/compose.yaml'], memoryFs({ 'compose.yaml': `services:\n  app:\n    image: nginx:1.27\n${service}` }), {});
const shown = (r: ReturnType<typeof scan>) => r.diagnostics.map((d) => `${d.severity} ${d.at.line}:${d.at.column} ${d.message}`);

describe('service-level limits beside deploy.resources.limits', () => {
  it('the same value in both places, or a service-level limit without a deploy limits block, is fine', () => {
    const same = scan(
      '    cpus: "0.5"\n    mem_limit: 512m\n    pids_limit: 100\n    deploy: {resources: {limits: {cpus: "0.50", memory: 536870912, pids: 100}}}\n',
    );
    assert.deepEqual(shown(same), []);
    assert.equal(same.specs[0]?.limits.pidsLimit?.value, 100);
    assert.deepEqual(shown(scan('    pids_limit: 100\n    deploy: {resources: {reservations: {memory: 64m}}}\n')), []);
  });

  it('a different value, or none under deploy.resources.limits, is an error at the service-level key; the deploy value is read', () => {
    const r = scan('    cpus: 2\n    pids_limit: 100\n    deploy:\n      resources:\n        limits: {cpus: "1", memory: 128m}\n');
    assert.deepEqual(shown(r), [
      `error 4:11 service "app": cpus and deploy.resources.limits.cpus differ: compose refuses the project ("can't set distinct values"); set it in one place`,
      `error 5:17 service "app": pids_limit and deploy.resources.limits.pids must both be set (to the same value) once deploy.resources.limits is: compose refuses the project ("can't set distinct values"); set it in one place`,
    ]);
    assert.equal(r.specs[0]?.limits.nanoCpus?.value, 1_000_000_000);
    assert.deepEqual(shown(scan('    mem_reservation: 128m\n    deploy: {resources: {reservations: {memory: 256M}}}\n')), [
      `error 4:22 service "app": mem_reservation and deploy.resources.reservations.memory differ: compose refuses the project ("can't set distinct values"); set it in one place`,
    ]);
    assert.deepEqual(shown(scan('    mem_reservation: 256m\n    deploy: {resources: {reservations: {memory: 256M}}}\n')), []);
    assert.equal(r.specs[0]?.limits.pidsLimit?.value, 100);
  });
});
