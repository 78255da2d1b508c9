import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecurityOptions } from './container.js';
import { type Unknown, unknown } from './location.js';
import { parseSecurityOpt } from './security-opt.js';

const at = { source: 'compose.yaml', line: 1, column: 1 };
const why: Unknown = unknown('variable X is not set');

/** The options `texts` set, in order; an entry starting with `?` holds an unset variable (`why`). */
function parse(...texts: string[]): Record<string, unknown> {
  const into: SecurityOptions = { selinux: [], other: [] };
  for (const t of texts) t.startsWith('?') ? parseSecurityOpt(t.slice(1), at, into, why) : parseSecurityOpt(t, at, into);
  const show = (v: unknown) => (typeof v === 'object' && v !== null && 'reason' in v ? `unknown: ${(v as Unknown).reason}` : v);
  return {
    noNewPrivileges: show(into.noNewPrivileges?.value),
    seccomp: show(into.seccomp?.value),
    apparmor: show(into.apparmor?.value),
    systemPaths: show(into.systemPaths?.value),
    selinux: into.selinux.map((s) => show(s.value)),
    other: into.other.map((s) => show(s.value)),
  };
}

const none = { noNewPrivileges: undefined, seccomp: undefined, apparmor: undefined, systemPaths: undefined, selinux: [], other: [] };
const u = 'unknown: variable X is not set';

describe('parseSecurityOpt', () => {
  it('no-new-privileges values as dockerd reads them (Go strconv.ParseBool)', () => {
    for (const v of ['1', 't', 'T', 'true', 'TRUE', 'True']) assert.equal(parse(`no-new-privileges:${v}`).noNewPrivileges, true, v);
    for (const v of ['0', 'f', 'F', 'false', 'FALSE', 'False']) assert.equal(parse(`no-new-privileges=${v}`).noNewPrivileges, false, v);
    for (const v of ['yes', 'tRUE', '', 'constructor'])
      assert.equal(
        parse(`no-new-privileges:${v}`).noNewPrivileges,
        'unknown: its value is not a boolean dockerd takes (true or false), so dockerd refuses the container',
        v,
      );
  });
  it('an unset variable in the value: the option its key names is unknown', () => {
    assert.deepEqual(parse('?seccomp=${X}'), { ...none, seccomp: u });
    assert.deepEqual(parse('?no-new-privileges${X}'), { ...none, noNewPrivileges: u });
    assert.deepEqual(parse('?label:${X}'), { ...none, selinux: [u] });
    assert.deepEqual(parse('?label=TYPE:${X}'), { ...none, selinux: [u] });
    assert.deepEqual(parse('?label=level:${X}'), { ...none, other: [u] });
  });
  it('an unset variable in the key: every option it could be that no entry before it set', () => {
    assert.deepEqual(parse('?${X}'), { noNewPrivileges: u, seccomp: u, apparmor: u, systemPaths: u, selinux: [u], other: [] });
    assert.deepEqual(parse('no-new-privileges', 'seccomp=/p.json', '?${X}'), {
      noNewPrivileges: true,
      seccomp: '/p.json',
      apparmor: u,
      systemPaths: u,
      selinux: [u],
      other: [],
    });
    assert.deepEqual(parse('?${X}', 'apparmor=docker-default'), {
      noNewPrivileges: u,
      seccomp: u,
      apparmor: 'docker-default',
      systemPaths: u,
      selinux: [u],
      other: [],
    });
    assert.deepEqual(parse('?s${X}'), { ...none, seccomp: u, systemPaths: u });
    assert.deepEqual(parse('?${K}=unconfined'), { noNewPrivileges: u, seccomp: u, apparmor: u, systemPaths: u, selinux: [u], other: [] });
    assert.deepEqual(parse('?app${X}'), { ...none, apparmor: u });
    assert.deepEqual(parse('?foo${X}'), { ...none, other: [u] });
  });
});
