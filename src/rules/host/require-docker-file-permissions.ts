import { type HostFileRole, isUnknown } from '../../model/index.js';
import { hostRule, modeWithin, octal } from './util.js';

/** Expected owner, group and widest mode per file (CIS Docker Benchmark 1.6.0 section 3). */
const EXPECTED: Record<HostFileRole, { what: string; group?: 'root' | 'docker'; max: number; cis: string }> = {
  'docker-service-unit': { what: 'the docker.service unit', group: 'root', max: 0o644, cis: '3.1/3.2' },
  'docker-socket-unit': { what: 'the docker.socket unit', group: 'root', max: 0o644, cis: '3.3/3.4' },
  'etc-docker': { what: '/etc/docker', group: 'root', max: 0o755, cis: '3.5/3.6' },
  'registry-cert': { what: 'a registry certificate', max: 0o444, cis: '3.7/3.8' },
  'tls-ca': { what: 'the daemon TLS CA certificate', group: 'root', max: 0o444, cis: '3.9/3.10' },
  'tls-cert': { what: 'the daemon TLS certificate', group: 'root', max: 0o444, cis: '3.11/3.12' },
  'tls-key': { what: 'the daemon TLS key', group: 'root', max: 0o400, cis: '3.13/3.14' },
  'docker-sock': { what: 'the Docker socket', group: 'docker', max: 0o660, cis: '3.15/3.16' },
  'daemon-json': { what: 'the daemon.json file', group: 'root', max: 0o644, cis: '3.17/3.18' },
  'etc-default-docker': { what: '/etc/default/docker', group: 'root', max: 0o644, cis: '3.19/3.20' },
  'etc-sysconfig-docker': { what: '/etc/sysconfig/docker', group: 'root', max: 0o644, cis: '3.21/3.22' },
  'containerd-sock': { what: 'the containerd socket', group: 'root', max: 0o660, cis: '3.23/3.24' },
};

/** BW5001: Docker's files are owned by root and not writable (or readable, for keys and sockets) by others (seed §3; CIS 3.1-3.24). */
export const requireDockerFilePermissions = hostRule({
  meta: {
    id: 'BW5001',
    name: 'require-docker-file-permissions',
    scope: 'host',
    severity: 'high',
    title: "Docker's files and sockets have safe ownership and modes",
    rationale:
      'Whoever can write the unit files, daemon.json or /etc/docker can change how dockerd starts (add a TCP listener, drop TLS) and becomes root at the next restart. Whoever can read the TLS key can impersonate the daemon; whoever can open the socket controls Docker, which is root.',
    remediation:
      'chown root:root the unit files, /etc/docker, daemon.json, /etc/default/docker and the TLS files (the socket: root:docker); chmod 644 units and daemon.json, 755 /etc/docker, 444 certificates, 400 the key, 660 the sockets. In docker.socket use SocketMode=0660, SocketUser=root, SocketGroup=docker.',
    references: {
      seed: '§3',
      cis: {
        version: '1.6.0',
        items: [
          '3.1',
          '3.2',
          '3.3',
          '3.4',
          '3.5',
          '3.6',
          '3.7',
          '3.8',
          '3.9',
          '3.10',
          '3.11',
          '3.12',
          '3.13',
          '3.14',
          '3.15',
          '3.16',
          '3.17',
          '3.18',
          '3.19',
          '3.20',
          '3.21',
          '3.22',
          '3.23',
          '3.24',
        ],
      },
    },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      owner: '{what} ({path}) is owned by {owner}, not {wanted} (CIS {cis}).',
      mode: '{what} ({path}) has mode {mode}, wider than {max} (CIS {cis}).',
      missing: '{what} is configured as {path}, but the file does not exist.',
      unitMode: 'The docker.socket unit creates the socket with SocketMode={mode}, wider than 0660.',
      unitOwner: 'The docker.socket unit gives the socket to {key}={value}, not {wanted}.',
      unknown: 'The ownership of {what} cannot be known: {reason}.',
    },
  },
  check(h, ctx) {
    for (const f of h.files) {
      const e = EXPECTED[f.role];
      if (isUnknown(f.facts.value)) {
        ctx.report({ messageId: 'unknown', data: { what: e.what, reason: f.facts.value.reason }, at: f.facts, status: 'unknown' });
        continue;
      }
      const v = f.facts.value;
      const owner = `${v.user ?? v.uid}:${v.group ?? v.gid}`;
      const groupOk = e.group === undefined || (e.group === 'root' ? v.gid === 0 : v.group === 'docker' || v.gid === 0);
      if (v.uid !== 0 || !groupOk)
        ctx.report({ messageId: 'owner', data: { what: e.what, path: v.path, owner, wanted: e.group ? `root:${e.group}` : 'root', cis: e.cis }, at: f.facts });
      if (!modeWithin(v.mode, e.max))
        ctx.report({ messageId: 'mode', data: { what: e.what, path: v.path, mode: octal(v.mode), max: octal(e.max), cis: e.cis }, at: f.facts });
    }
    const tls: [HostFileRole, unknown][] = [
      ['tls-ca', h.daemon.tlsCaCert],
      ['tls-cert', h.daemon.tlsCert],
      ['tls-key', h.daemon.tlsKey],
    ];
    for (const [role, s] of tls) {
      const src = s as { value: unknown; at: never } | undefined;
      if (!src || typeof src.value !== 'string') continue;
      if (!h.files.some((f) => f.role === role)) ctx.report({ messageId: 'missing', data: { what: EXPECTED[role].what, path: src.value }, at: src });
    }
    const u = h.socketUnit;
    if (u?.mode && typeof u.mode.value === 'number' && !modeWithin(u.mode.value, 0o660))
      ctx.report({ messageId: 'unitMode', data: { mode: octal(u.mode.value) }, at: u.mode });
    if (u?.user && typeof u.user.value === 'string' && u.user.value !== 'root')
      ctx.report({ messageId: 'unitOwner', data: { key: 'SocketUser', value: u.user.value, wanted: 'root' }, at: u.user });
    if (u?.group && typeof u.group.value === 'string' && !['docker', 'root'].includes(u.group.value))
      ctx.report({ messageId: 'unitOwner', data: { key: 'SocketGroup', value: u.group.value, wanted: 'docker or root' }, at: u.group });
  },
});
