import { posix } from 'node:path';
import {
  type AuditTarget,
  type CommandInput,
  type DataRootFacts,
  type Diagnostic,
  type FileFacts,
  type FirewallFacts,
  type GroupMember,
  type HostFile,
  type HostFileRole,
  type HostSpec,
  knownValue,
  LineIndex,
  type Location,
  type Sourced,
  type SubIdRange,
  type SudoDockerGrant,
  type TimeSyncFacts,
  unknown,
} from '../../model/index.js';
import { type HostDaemon, loadHostDaemon, loadServiceUnit, UNIT_DIRS, unreadableUnitParts } from '../daemon/load.js';
import type { RootFs } from './root-fs.js';

/** Runs an optional read-only query command; `missing` when it is not installed. */
export type CommandRunner = (command: string, args: string[]) => { kind: 'ok'; stdout: string } | { kind: 'missing' } | { kind: 'failed'; reason: string };

/** Options of {@link loadHost}. */
export interface HostLoadOptions {
  /** daemon.json path on the host (dockerd's --config-file); default: the unit's --config-file, else /etc/docker/daemon.json. */
  configFile?: string;
  /** Runs `auditctl -l`, `iptables -S INPUT`, `nft list ruleset`; absent: these inputs are skipped (any --root other than `/`). */
  run?: CommandRunner;
}

/** What reading a host produced. */
export interface HostLoad {
  spec: HostSpec;
  daemon: HostDaemon;
  diagnostics: Diagnostic[];
  /** Host files read or examined. */
  files: number;
}

const BIN_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

function lines(text: string): { line: string; start: number }[] {
  const out: { line: string; start: number }[] = [];
  let pos = 0;
  for (const l of text.split('\n')) {
    out.push({ line: l, start: pos });
    pos += l.length + 1;
  }
  return out;
}

/**
 * Reads everything `audit host` checks below `fs.root`, never throwing: the daemon configuration, Docker file
 * ownership and modes, the docker group, sudoers grants, audit rules, subuid/subgid, the data root's filesystem,
 * time sync, the firewall's INPUT policy, sshd settings and the kernel release. Missing parts are left absent; files
 * that exist but cannot be read become `unknown` values.
 */
export function loadHost(fs: RootFs, opts: HostLoadOptions = {}): HostLoad {
  const diagnostics: Diagnostic[] = [];
  let files = 0;
  const daemon = loadHostDaemon(fs, opts.configFile);
  diagnostics.push(...daemon.diagnostics);
  files += daemon.files.length;
  const commands: CommandInput[] = [];
  const readText = (p: string): string | undefined => {
    const r = fs.read(p);
    if (r.kind === 'ok') {
      files++;
      return r.text;
    }
    return undefined;
  };

  // users and groups
  const users = new Map<number, string>();
  const userGid = new Map<string, number>();
  const groups = new Map<number, string>();
  const passwd = readText('/etc/passwd') ?? '';
  for (const l of passwd.split('\n')) {
    const f = l.split(':');
    if (f.length >= 4 && /^\d+$/.test(f[2] as string)) {
      users.set(Number(f[2]), f[0] as string);
      userGid.set(f[0] as string, Number(f[3]));
    }
  }
  const groupText = readText('/etc/group') ?? '';
  let dockerGroup: Sourced<GroupMember>[] | undefined;
  let dockerGid: number | undefined;
  const gIdx = new LineIndex(groupText);
  for (const { line, start } of lines(groupText)) {
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2] as string)) continue;
    groups.set(Number(f[2]), f[0] as string);
    if (f[0] !== 'docker') continue;
    dockerGid = Number(f[2]);
    dockerGroup = [];
    let off = start + line.lastIndexOf(':') + 1;
    for (const m of (f[3] as string).split(',')) {
      if (m.trim() !== '')
        dockerGroup.push({
          value: { user: m.trim(), via: 'group-list' },
          at: gIdx.location(fs.display('/etc/group'), off, off + m.length, `docker.members.${m.trim()}`),
        });
      off += m.length + 1;
    }
  }
  if (dockerGroup && dockerGid !== undefined) {
    const pIdx = new LineIndex(passwd);
    for (const { line, start } of lines(passwd)) {
      const f = line.split(':');
      if (f.length >= 4 && Number(f[3]) === dockerGid && f[3] !== '' && !dockerGroup.some((m) => knownValue(m)?.user === f[0]))
        dockerGroup.push({
          value: { user: f[0] as string, via: 'primary-group' },
          at: pIdx.location(fs.display('/etc/passwd'), start, start + (f[0] as string).length, `passwd.${f[0]}`),
        });
    }
  }

  // Docker files (CIS 3.x)
  const hostFiles: HostFile[] = [];
  const examine = (role: HostFileRole, path: string) => {
    const st = fs.stat(path);
    if (st === undefined) return;
    files++;
    const at: Location = { source: fs.display(path), path: role };
    if ('error' in st) {
      hostFiles.push({ role, facts: { value: unknown(`cannot examine ${st.error}`), at } });
      return;
    }
    const facts: FileFacts = { path, kind: st.kind, uid: st.uid, gid: st.gid, mode: st.mode };
    const u = users.get(st.uid);
    const g = groups.get(st.gid);
    if (u !== undefined) facts.user = u;
    if (g !== undefined) facts.group = g;
    hostFiles.push({ role, facts: { value: facts, at } });
  };
  const unitPath = (unit: string) => UNIT_DIRS.map((d) => `${d}/${unit}`).find((p) => fs.read(p).kind !== 'missing');
  const servicePath = unitPath('docker.service');
  const socketPath = unitPath('docker.socket');
  if (servicePath) examine('docker-service-unit', servicePath);
  if (socketPath) examine('docker-socket-unit', socketPath);
  examine('etc-docker', '/etc/docker');
  for (const reg of fs.list('/etc/docker/certs.d') ?? []) {
    for (const f of fs.list(`/etc/docker/certs.d/${reg}`) ?? []) if (f.endsWith('.crt')) examine('registry-cert', `/etc/docker/certs.d/${reg}/${f}`);
  }
  const d = daemon.spec;
  const tls: [HostFileRole, Sourced<string> | undefined][] = [
    ['tls-ca', d.tlsCaCert],
    ['tls-cert', d.tlsCert],
    ['tls-key', d.tlsKey],
  ];
  for (const [role, s] of tls) {
    const p = knownValue(s);
    if (p) examine(role, p);
  }
  examine('docker-sock', '/var/run/docker.sock');
  examine('daemon-json', daemon.configPath ?? opts.configFile ?? '/etc/docker/daemon.json');
  examine('etc-default-docker', '/etc/default/docker');
  examine('etc-sysconfig-docker', '/etc/sysconfig/docker');
  examine('containerd-sock', '/run/containerd/containerd.sock');

  // docker.socket unit permissions
  let socketUnit: HostSpec['socketUnit'];
  const sock = loadServiceUnit(fs, 'docker.socket');
  // A drop-in (or its folder) or the unit that systemd applies and Bulwark cannot read may set SocketMode=,
  // SocketUser= or SocketGroup=: then none of them is known, as loadHostDaemon makes the dockerd command line unknown.
  const sockUnreadable = unreadableUnitParts(fs, 'docker.socket', sock);
  if (sockUnreadable.length > 0) {
    const at: Location = { source: fs.display('/etc/systemd/system') };
    for (const reason of sockUnreadable) {
      diagnostics.push({
        code: 'unreadable',
        severity: 'warning',
        message: `cannot read ${reason}: the docker.socket settings (SocketMode, SocketUser, SocketGroup) cannot be known.`,
        at,
      });
    }
    const why = unknown(`cannot read ${sockUnreadable[0]}`);
    socketUnit = { mode: { value: why, at }, user: { value: why, at }, group: { value: why, at } };
  } else if (sock) {
    socketUnit = {};
    for (const dv of sock.all) {
      if (dv.section !== 'Socket') continue;
      if (dv.key === 'SocketMode' && /^[0-7]+$/.test(dv.value)) socketUnit.mode = { value: Number.parseInt(dv.value, 8), at: dv.at };
      if (dv.key === 'SocketUser') socketUnit.user = { value: dv.value, at: dv.at };
      if (dv.key === 'SocketGroup') socketUnit.group = { value: dv.value, at: dv.at };
    }
  }

  const sudoUnreadable: { reason?: string } = {};
  const sudoDocker = readSudoers(fs, (p) => {
    const r = fs.read(p);
    if (r.kind === 'error') sudoUnreadable.reason ??= r.reason;
    if (r.kind === 'ok') files++;
    return r.kind === 'ok' ? r.text : undefined;
  });
  const audit = readAudit(fs, daemon, servicePath, socketPath, opts.run, commands);
  const subId = (p: string): Sourced<SubIdRange[]> | undefined => {
    const r = fs.read(p);
    if (r.kind === 'missing') return undefined;
    if (r.kind === 'error') return { value: unknown(`cannot read ${r.reason}`), at: { source: fs.display(p) } };
    files++;
    const ranges: SubIdRange[] = [];
    for (const l of r.text.split('\n')) {
      const m = /^([^:#\s]+):(\d+):(\d+)\s*$/.exec(l);
      if (m) ranges.push({ user: m[1] as string, start: Number(m[2]), count: Number(m[3]) });
    }
    return { value: ranges, at: { source: fs.display(p) } };
  };

  const time = readTimeSync(fs);
  const spec: HostSpec = {
    name: fs.root === '/' ? 'this host' : `host at ${fs.root}`,
    root: fs.root,
    at: { source: fs.root === '/' ? '/' : fs.display('/') },
    daemon: d,
    files: hostFiles,
    sudoDocker,
    audit,
    timeSync: time.sync,
    processesVisible: time.processesVisible,
    commands,
  };
  if (socketUnit) spec.socketUnit = socketUnit;
  if (sudoUnreadable.reason) spec.sudoersUnreadable = { value: unknown(`cannot read ${sudoUnreadable.reason}`), at: { source: fs.display('/etc/sudoers') } };
  if (dockerGroup) spec.dockerGroup = dockerGroup;
  const su = subId('/etc/subuid');
  const sg = subId('/etc/subgid');
  if (su) spec.subuid = su;
  if (sg) spec.subgid = sg;
  const dr = readDataRoot(fs, knownValue(d.dataRoot) ?? '/var/lib/docker');
  if (dr) spec.dataRoot = dr;
  const fw = readFirewall(opts.run, commands);
  if (fw) spec.firewall = fw;
  const sshd = readSshd(fs);
  if (sshd) spec.sshd = sshd;
  const running = readRunningDaemon(fs, daemon);
  if (running) spec.runningDaemon = running;
  const k = fs.read('/proc/sys/kernel/osrelease');
  if (k.kind === 'ok') spec.kernel = { value: k.text.trim(), at: { source: fs.display('/proc/sys/kernel/osrelease') } };
  return { spec, daemon, diagnostics, files };
}

/** Finds a running dockerd in /proc below the root and reads its command line (NUL-separated arguments). */
function readRunningDaemon(fs: RootFs, daemon: HostDaemon): HostSpec['runningDaemon'] {
  for (const pid of fs.list('/proc') ?? []) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = fs.read(`/proc/${pid}/comm`);
    if (comm.kind !== 'ok' || comm.text.trim() !== 'dockerd') continue;
    const cmd = fs.read(`/proc/${pid}/cmdline`);
    if (cmd.kind !== 'ok') continue;
    const args = cmd.text
      .split('\0')
      .filter((a, i, all) => !(a === '' && i === all.length - 1))
      .slice(1);
    const value: { pid: number; args: string[]; unitArgs?: string[] } = { pid: Number(pid), args };
    if (daemon.unitArgs) value.unitArgs = daemon.unitArgs;
    return { value, at: { source: fs.display(`/proc/${pid}/cmdline`), path: 'dockerd.cmdline' } };
  }
  return undefined;
}

const DANGEROUS_SUBCOMMANDS = new Set([
  'run',
  'exec',
  'create',
  'cp',
  'build',
  'buildx',
  'compose',
  'container',
  'image',
  'load',
  'import',
  'plugin',
  'volume',
  'service',
  'stack',
  'swarm',
  'context',
  'commit',
  'save',
  'update',
  'start',
  'restart',
  'system',
  'network',
  'secret',
  'config',
  'node',
]);

/** True when a sudoers docker command lets its user do anything docker can (full root): no arguments, a leading `*`, or a subcommand that can start or change containers. */
export function grantsFullDocker(args: string[]): boolean {
  if (args.length === 0) return true;
  const first = args[0] as string;
  if (first.includes('*') || first.startsWith('-')) return true;
  return DANGEROUS_SUBCOMMANDS.has(first);
}

function readSudoers(fs: RootFs, readText: (p: string) => string | undefined): Sourced<SudoDockerGrant>[] {
  const out: Sourced<SudoDockerGrant>[] = [];
  const paths = ['/etc/sudoers'];
  const seen = new Set<string>();
  const aliases = new Map<string, string[]>();
  while (paths.length > 0) {
    const p = paths.shift() as string;
    if (seen.has(p)) continue;
    seen.add(p);
    const text = readText(p);
    if (text === undefined) continue;
    const idx = new LineIndex(text);
    // join continuation lines for parsing but keep offsets of each logical line start
    for (const { line, start } of lines(text)) {
      const t = line.trim();
      const inc = /^[@#]includedir\s+(\S+)/.exec(t);
      if (inc) {
        for (const n of fs.list(inc[1] as string) ?? []) if (!n.includes('.') && !n.endsWith('~')) paths.push(`${inc[1]}/${n}`);
        continue;
      }
      const inc1 = /^[@#]include\s+(\S+)/.exec(t);
      if (inc1) {
        paths.push(inc1[1] as string);
        continue;
      }
      if (t === '' || t.startsWith('#')) continue;
      const alias = /^Cmnd_Alias\s+([A-Z][A-Z0-9_]*)\s*=\s*(.*)$/.exec(t);
      if (alias) {
        aliases.set(
          alias[1] as string,
          (alias[2] as string).split(',').map((s) => s.trim()),
        );
        continue;
      }
      if (/^(User|Host|Runas)_Alias|^Defaults/.test(t)) continue;
      const spec = /^(\S+)\s+\S+\s*=\s*(?:\([^)]*\)\s*)?(.*)$/.exec(t);
      if (!spec) continue;
      const who = spec[1] as string;
      for (const raw of (spec[2] as string).split(',')) {
        const item = raw.trim().replace(/^(?:[A-Z_]+:\s*)+/, '');
        const expanded = aliases.get(item) ?? [item];
        for (const cmd of expanded) {
          const words = cmd.split(/\s+/).filter(Boolean);
          if (!words[0] || posix.basename(words[0]) !== 'docker') continue;
          if (!grantsFullDocker(words.slice(1))) continue;
          const col = line.indexOf(item);
          const s = start + (col === -1 ? line.length - line.trimStart().length : col);
          out.push({ value: { who, command: cmd }, at: idx.location(fs.display(p), s, s + item.length, `sudoers.${who}`) });
        }
      }
    }
  }
  return out;
}

function readAudit(
  fs: RootFs,
  daemon: HostDaemon,
  servicePath: string | undefined,
  socketPath: string | undefined,
  run: CommandRunner | undefined,
  commands: CommandInput[],
): HostSpec['audit'] {
  const findBin = (name: string) => BIN_DIRS.map((d) => `${d}/${name}`).find((p) => fs.stat(p) !== undefined);
  const wanted: [string | undefined, string][] = [
    [findBin('dockerd'), '1.1.3'],
    ['/run/containerd', '1.1.4'],
    [knownValue(daemon.spec.dataRoot) ?? '/var/lib/docker', '1.1.5'],
    ['/etc/docker', '1.1.6'],
    [servicePath, '1.1.7'],
    ['/run/containerd/containerd.sock', '1.1.8'],
    [socketPath, '1.1.9'],
    ['/etc/default/docker', '1.1.10'],
    [daemon.configPath ?? '/etc/docker/daemon.json', '1.1.11'],
    ['/etc/containerd/config.toml', '1.1.12'],
    ['/etc/sysconfig/docker', '1.1.13'],
    [findBin('containerd'), '1.1.14'],
    [findBin('containerd-shim'), '1.1.15'],
    [findBin('containerd-shim-runc-v1'), '1.1.16'],
    [findBin('containerd-shim-runc-v2'), '1.1.17'],
    [findBin('runc'), '1.1.18'],
  ];
  const targets: AuditTarget[] = [];
  for (const [p, cis] of wanted) if (p && fs.stat(p) !== undefined && !targets.some((t) => t.path === p)) targets.push({ path: p, cis });
  type Watch = { path: string; prefix: boolean; at: Location };
  const watches: Watch[] = [];
  const parseRules = (text: string, source: string) => {
    const idx = new LineIndex(text);
    for (const { line, start } of lines(text)) {
      const w = /(^|\s)-w\s+(\S+)/.exec(line);
      if (w && !line.trim().startsWith('#')) {
        const s = start + (w.index ?? 0) + (w[1] as string).length;
        watches.push({ path: (w[2] as string).replace(/\/$/, ''), prefix: true, at: idx.location(source, s, start + line.length) });
        continue;
      }
      const f = /-F\s+(path|dir)=(\S+)/.exec(line);
      if (f && /^\s*-a\s/.test(line))
        watches.push({ path: (f[2] as string).replace(/\/$/, ''), prefix: f[1] === 'dir', at: idx.location(source, start, start + line.length) });
    }
  };
  let source: HostSpec['audit']['source'] = 'none';
  let unreadable: string | undefined;
  let at: Location = { source: fs.display('/etc/audit/rules.d') };
  const cmd: CommandInput = { command: 'auditctl -l', ran: false };
  if (run) {
    const r = run('auditctl', ['-l']);
    if (r.kind === 'ok') {
      cmd.ran = true;
      source = 'auditctl';
      at = { source: '<auditctl -l>' };
      parseRules(r.stdout, '<auditctl -l>');
    } else cmd.reason = r.kind === 'missing' ? 'auditctl is not installed' : r.reason;
  } else cmd.reason = 'commands are only run when auditing / itself';
  commands.push(cmd);
  if (source === 'none') {
    const listed = fs.list('/etc/audit/rules.d');
    if (listed === undefined && fs.stat('/etc/audit/rules.d') !== undefined) unreadable = 'cannot list /etc/audit/rules.d';
    const ruleFiles = (listed ?? []).filter((n) => n.endsWith('.rules')).map((n) => `/etc/audit/rules.d/${n}`);
    const main = fs.read('/etc/audit/audit.rules');
    if (ruleFiles.length === 0 && main.kind === 'ok') ruleFiles.push('/etc/audit/audit.rules');
    if (ruleFiles.length === 0 && main.kind === 'error') unreadable ??= `cannot read ${main.reason}`;
    if (ruleFiles.length > 0 || fs.stat('/etc/audit') !== undefined) source = 'rules-files';
    for (const p of ruleFiles) {
      const r = fs.read(p);
      if (r.kind === 'ok') parseRules(r.text, fs.display(p));
      else if (r.kind === 'error') unreadable ??= `cannot read ${r.reason}`;
    }
  }
  for (const t of targets) {
    const w = watches.find((x) => x.path === t.path || (x.prefix && t.path.startsWith(`${x.path}/`)));
    if (w) t.watchedBy = w.at;
  }
  return unreadable === undefined ? { source, targets, at } : { source, targets, at, unreadable };
}

function readDataRoot(fs: RootFs, path: string): Sourced<DataRootFacts> | undefined {
  const at: Location = { source: fs.display(path), path: 'data-root' };
  if (fs.stat(path) === undefined) return undefined;
  const facts: DataRootFacts = { path };
  const mi = fs.read('/proc/self/mountinfo');
  if (mi.kind === 'ok') {
    type Mount = { mp: string; fsType: string; device: string; majmin: string };
    const mounts: Mount[] = [];
    for (const l of mi.text.split('\n')) {
      const f = l.split(' ');
      const sep = f.indexOf('-');
      if (f.length < 7 || sep < 0) continue;
      mounts.push({ mp: (f[4] as string).replace(/\\040/g, ' '), fsType: f[sep + 1] as string, device: f[sep + 2] as string, majmin: f[2] as string });
    }
    // The last mount on a path hides earlier ones (mountinfo lists mounts in order).
    const holder = (p: string): Mount | undefined => {
      let best: Mount | undefined;
      for (const m of mounts) if (p === m.mp || p.startsWith(m.mp === '/' ? '/' : `${m.mp}/`)) if (!best || m.mp.length >= best.mp.length) best = m;
      return best;
    };
    const best = holder(path);
    if (best) {
      facts.mountPoint = best.mp;
      facts.fsType = best.fsType;
      facts.device = best.device;
      const parent = path === '/' ? undefined : holder(posix.dirname(path));
      facts.separate = best.mp === path && parent !== undefined && parent.majmin !== best.majmin;
      if (!facts.separate) facts.sharedWith = best.mp === path && parent ? parent.mp : best.mp;
      const enc = isCrypt(fs, best.majmin, 0);
      if (enc !== undefined) facts.encrypted = enc;
    }
  }
  const u = fs.usage(path);
  if (u) {
    facts.usedPercent = u.usedPercent;
    if (u.inodesUsedPercent !== undefined) facts.inodesUsedPercent = u.inodesUsedPercent;
  }
  return { value: facts, at };
}

/** True when block device `majmin` or a device below it is a dm-crypt mapping; undefined when sysfs does not say. */
function isCrypt(fs: RootFs, majmin: string, depth: number): boolean | undefined {
  const base = `/sys/dev/block/${majmin}`;
  if (fs.stat(base) === undefined) return undefined;
  const uuid = fs.read(`${base}/dm/uuid`);
  if (uuid.kind === 'ok' && uuid.text.startsWith('CRYPT-')) return true;
  if (depth < 4) {
    for (const s of fs.list(`${base}/slaves`) ?? []) {
      const dev = fs.read(`/sys/class/block/${s}/dev`);
      if (dev.kind === 'ok' && isCrypt(fs, dev.text.trim(), depth + 1)) return true;
    }
  }
  return false;
}

const TIME_SERVICES: [string, string[]][] = [
  ['systemd-timesyncd', ['systemd-timesyn']],
  ['chrony', ['chronyd']],
  ['chronyd', ['chronyd']],
  ['ntp', ['ntpd']],
  ['ntpd', ['ntpd']],
  ['ntpsec', ['ntpd']],
  ['openntpd', ['ntpd']],
];

function readTimeSync(fs: RootFs): { sync: Sourced<TimeSyncFacts[]>; processesVisible: boolean } {
  const found: TimeSyncFacts[] = [];
  const comms = new Set<string>();
  for (const pid of fs.list('/proc') ?? []) {
    if (!/^\d+$/.test(pid)) continue;
    const r = fs.read(`/proc/${pid}/comm`);
    if (r.kind === 'ok') comms.add(r.text.trim());
  }
  const wants = (fs.list('/etc/systemd/system') ?? []).filter((n) => n.endsWith('.wants'));
  for (const [svc, procs] of TIME_SERVICES) {
    if (procs.some((p) => comms.has(p))) {
      if (!found.some((f) => f.state === 'running' && procs.some((p) => f.service.startsWith(p.slice(0, 4))))) found.push({ service: svc, state: 'running' });
      continue;
    }
    if (wants.some((w) => (fs.list(`/etc/systemd/system/${w}`) ?? []).includes(`${svc}.service`))) found.push({ service: svc, state: 'enabled' });
  }
  return { sync: { value: found, at: { source: fs.display('/etc/systemd/system'), path: 'time-sync' } }, processesVisible: comms.size > 0 };
}

function readFirewall(run: CommandRunner | undefined, commands: CommandInput[]): Sourced<FirewallFacts> | undefined {
  const ipt: CommandInput = { command: 'iptables -S INPUT', ran: false };
  commands.push(ipt);
  if (!run) {
    ipt.reason = 'commands are only run when auditing / itself';
    return undefined;
  }
  const r = run('iptables', ['-S', 'INPUT']);
  if (r.kind === 'ok') {
    ipt.ran = true;
    const m = /^-P INPUT (\S+)/m.exec(r.stdout);
    if (m) return { value: { tool: 'iptables', inputPolicy: m[1] as string }, at: { source: '<iptables -S INPUT>', line: 1, column: 1 } };
  } else ipt.reason = r.kind === 'missing' ? 'iptables is not installed' : r.reason;
  const nft: CommandInput = { command: 'nft list ruleset', ran: false };
  commands.push(nft);
  const n = run('nft', ['list', 'ruleset']);
  if (n.kind !== 'ok') {
    nft.reason = n.kind === 'missing' ? 'nft is not installed' : n.reason;
    return undefined;
  }
  nft.ran = true;
  const policies = [...n.stdout.matchAll(/type filter hook input[^;]*;[^;]*?policy (\w+)/g)].map((m) => (m[1] as string).toUpperCase());
  const policy = policies.length === 0 ? 'ACCEPT' : policies.every((p) => p !== 'ACCEPT') ? 'DROP' : 'ACCEPT';
  return { value: { tool: 'nft', inputPolicy: policy }, at: { source: '<nft list ruleset>' } };
}

function readSshd(fs: RootFs): HostSpec['sshd'] {
  const main = '/etc/ssh/sshd_config';
  const first = fs.read(main);
  if (first.kind === 'missing') return undefined;
  const found: Record<string, Sourced<string>> = {};
  if (first.kind === 'error') {
    const u = { value: unknown(`cannot read ${first.reason}`), at: { source: fs.display(main) } };
    return { permitRootLogin: u, passwordAuthentication: u };
  }
  let stop = false;
  const visit = (path: string, text: string, depth: number) => {
    const idx = new LineIndex(text);
    for (const { line, start } of lines(text)) {
      if (stop) return;
      const m = /^\s*(\w+)\s*(?:=\s*|\s+)(\S+)/.exec(line);
      if (!m || line.trim().startsWith('#')) continue;
      const key = (m[1] as string).toLowerCase();
      if (key === 'match') {
        stop = true;
        return;
      }
      if (key === 'include' && depth < 8) {
        for (const pat of line.trim().split(/\s+/).slice(1)) {
          const abs = pat.startsWith('/') ? pat : `/etc/ssh/${pat}`;
          const dir = posix.dirname(abs);
          const re = new RegExp(
            `^${posix
              .basename(abs)
              .replace(/[.+^$()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '.*')
              .replace(/\?/g, '.')}$`,
          );
          for (const n of fs.list(dir) ?? []) {
            if (!re.test(n)) continue;
            const r = fs.read(`${dir}/${n}`);
            if (r.kind === 'ok') visit(`${dir}/${n}`, r.text, depth + 1);
          }
        }
        continue;
      }
      if (!(key in found)) {
        const vStart = start + line.indexOf(m[2] as string, (m.index ?? 0) + (m[1] as string).length);
        found[key] = { value: (m[2] as string).toLowerCase(), at: idx.location(fs.display(path), vStart, vStart + (m[2] as string).length, `sshd.${m[1]}`) };
      }
    }
  };
  visit(main, first.text, 0);
  const def = (v: string): Sourced<string> => ({ value: v, at: { source: fs.display(main), path: 'sshd.default' } });
  return { permitRootLogin: found.permitrootlogin ?? def('prohibit-password'), passwordAuthentication: found.passwordauthentication ?? def('yes') };
}
