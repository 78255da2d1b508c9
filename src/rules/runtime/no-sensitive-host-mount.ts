import { isUnknown, normalizeHostPath, resolveHostPath, type Sourced } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/**
 * Host folders below which every path is sensitive, read-only or not, unless ALLOWED names it: from the CIS 1.6.0
 * 5.6 list `/boot`, `/lib`, `/proc` and `/usr` (`/dev`, `/etc` and `/sys` are judged below), `/lib64` (CIS 1.7), the
 * other folders of host binaries and libraries (`/bin` and `/sbin` are links into `/usr` on merged-usr systems, and a
 * bind mount follows them), `/root`, and the container engines' state (`/var/lib/docker`: every container's files and
 * volumes; `/var/lib/containerd`: every image's layers and snapshots; `/run/containerd`: the running tasks' bundles
 * and root filesystems). The containerd socket and its folder `/run/containerd` belong to BW1014
 * (no-docker-socket-mount), so they are not reported twice.
 */
const SENSITIVE_TREES = [
  '/bin',
  '/boot',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/proc',
  '/root',
  '/sbin',
  '/usr',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/run/containerd',
  '/var/run/containerd',
];
/**
 * Folders that are sensitive themselves, not only what lies below them: `/`, folders that hold a sensitive tree
 * (`/var/lib` holds /var/lib/docker; `/var` and `/run` are BW1014's), and `/dev`, `/etc`, `/sys` whole.
 */
const SENSITIVE_DIRS = new Set(['/', '/dev', '/etc', '/sys', '/var/lib']);
/**
 * Under `/dev`, the file systems the host shares through it: its shared memory and message queues, its terminals
 * (Docker's default device rules allow `c 136:*`, so a host pty is writable), huge pages, the console. A device
 * node itself (`/dev/ttyUSB0`, `/dev/bus/usb`, `/dev/dri`) opens only when the device cgroup allows it
 * (`devices:`, BW1021; `privileged`, BW1001), so its bind mount grants nothing more and is not reported.
 */
const DEV_SHARED_TREES = ['/dev/shm', '/dev/mqueue', '/dev/pts', '/dev/hugepages', '/dev/console'];
/**
 * Under `/sys`, read-write is sensitive anywhere (`/sys/fs/cgroup` is the cgroup v1 `release_agent` escape,
 * `/sys/kernel/uevent_helper` another). Read-only, a container sees the same sysfs already (Docker mounts it read-only
 * in every container), so only what Docker masks (moby `oci.DefaultSpec` MaskedPaths: /sys/firmware,
 * /sys/devices/virtual/powercap) and the kernel's own interfaces (`/sys/kernel`: debugfs, tracefs, securityfs) are
 * reported. That keeps monitoring agents' `/sys/fs/cgroup:ro` passing. (A read-only bind mount is recursively
 * read-only from Docker 25 on kernels 5.12 and later; older ones leave cgroup v1 submounts writable.)
 */
const SYS_SECRET_TREES = ['/sys/firmware', '/sys/kernel', '/sys/devices/virtual/powercap', '/sys/class/powercap'];
/**
 * Under `/etc`, a read-write mount is sensitive anywhere (root reads and runs what is there: cron, systemd units,
 * sudoers, ld.so.preload, apt sources, PAM); a read-only one only where the host keeps its secrets. Narrow read-only
 * mounts of other configuration (`/etc/ssl/certs`, `/etc/machine-id`, `/etc/passwd`, `/etc/nginx`) are what the
 * remediation asks for, and are not reported.
 */
const ETC_SECRET_TREES = ['/etc/ssh', '/etc/sudoers.d', '/etc/docker', '/etc/kubernetes', '/etc/rancher', '/etc/ssl/private', '/etc/pki/tls/private'];
/** Single host files under `/etc` that hold credentials or grant root: sensitive read-only too. */
const ETC_SECRET_FILES = new Set(['/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-', '/etc/sudoers', '/etc/security/opasswd']);

/**
 * The allowlist: narrow host paths commonly mounted for a good reason, inside a sensitive tree but not reported.
 * `below`: the paths under it too. `readOnly`: only when mounted read-only; read-write they are reported.
 * Monitoring agents that need more (`/proc`, `/sys`, `/`) are reported: they belong on dedicated, reviewed hosts
 * (the remediation says so).
 */
const ALLOWED: readonly { path: string; below: boolean; readOnly: boolean }[] = [
  // The host's time zone. Kept passing in both modes, as before: it is a link into /usr/share/zoneinfo.
  { path: '/etc/localtime', below: false, readOnly: false },
  { path: '/etc/timezone', below: false, readOnly: false },
  { path: '/usr/share/zoneinfo', below: true, readOnly: true },
  // Kernel modules, read-only: kind and k3d nodes, WireGuard and other containers that load modules (which also
  // needs CAP_SYS_MODULE, reported by BW1003).
  { path: '/lib/modules', below: true, readOnly: true },
  { path: '/usr/lib/modules', below: true, readOnly: true },
];

/** The host's root filesystem seen through a process's /proc entry: `/proc/1/root`, `/proc/self/root`. */
const PROC_ROOT = /^\/proc\/(?:\d+|self|thread-self)\/root(?:\/|$)/;
/** What BW1014 reports instead: engine sockets, and the containerd socket's folder. */
const SOCKET_NAME = /(?:^|\/)(?:docker|containerd|podman)\.sock$/;

function under(p: string, root: string): boolean {
  return p === root || p.startsWith(root === '/' ? '/' : `${root}/`);
}

/**
 * Judges a resolved, normalised host path: `hostRoot` for the host's root filesystem through /proc, `sensitive`,
 * or undefined.
 */
function judge(p: string, readOnly: boolean): 'hostRoot' | 'sensitive' | undefined {
  if (PROC_ROOT.test(p)) return 'hostRoot';
  if (SOCKET_NAME.test(p) || p === '/run/containerd') return undefined;
  if (ALLOWED.some((a) => (a.below ? under(p, a.path) : p === a.path) && (readOnly || !a.readOnly))) return undefined;
  if (SENSITIVE_DIRS.has(p) || SENSITIVE_TREES.some((t) => under(p, t))) return 'sensitive';
  if (under(p, '/dev')) return DEV_SHARED_TREES.some((t) => under(p, t)) ? 'sensitive' : undefined;
  if (under(p, '/sys')) return !readOnly || SYS_SECRET_TREES.some((t) => under(p, t)) ? 'sensitive' : undefined;
  if (under(p, '/etc')) return !readOnly || ETC_SECRET_FILES.has(p) || ETC_SECRET_TREES.some((t) => under(p, t)) ? 'sensitive' : undefined;
  return undefined;
}

/** BW1015: bind mounts of host system folders (seed §1 "volumes spécifiques RO/RW"; CIS 1.6.0 5.6). */
export const noSensitiveHostMount = runtimeRule({
  meta: {
    id: 'BW1015',
    name: 'no-sensitive-host-mount',
    scope: 'runtime',
    severity: 'high',
    title: 'Host system folders are not bind-mounted',
    rationale:
      "Mounting /, /etc, /usr, /boot, /proc, /sys, /dev, /root, /var/lib/docker or /var/lib/containerd into a container lets it read host secrets (shadow, SSH keys, other containers' data) and, read-write, change host binaries and configuration; /proc/1/root is the host's whole root filesystem. Paths below them are judged too: anything below /usr, /bin, /lib, /boot, /proc, /root and the engines' state; below /etc and /sys, read-write mounts and the places that hold secrets or kernel interfaces; below /dev, the host's shared memory, terminals and console. A relative path is judged where compose resolves it (on a run line, whose working directory is not known, one that climbs to a sensitive folder is reported as unknown), and a named volume whose local driver binds a host folder (`o: bind`, `device:`) as that bind mount. Narrow, common mounts are not reported: /etc/localtime, /etc/timezone, read-only /usr/share/zoneinfo and /lib/modules, read-only files of /etc that hold no secret (/etc/passwd, /etc/ssl/certs), read-only /sys/fs/cgroup, and device nodes (the device cgroup decides whether they open).",
    remediation:
      'Mount only the specific file or folder the service needs, read-only (`:ro`), or use a named volume. Monitoring agents that must read the host should run on dedicated, reviewed hosts.',
    references: {
      seed: '§1',
      cis: { version: '1.6.0', items: ['5.6'] },
      docs: ['https://docs.docker.com/engine/storage/bind-mounts/', 'https://docs.docker.com/reference/compose-file/volumes/'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      sensitive: '{target} bind-mounts host path {source} {mode}.',
      hostRoot: "{target} bind-mounts {source}, the host's root filesystem seen through /proc, {mode}.",
      relative: '{target} bind-mounts {source}, host path {path} from the project folder, {mode}.',
      volume: '{target} mounts volume "{volume}", which volumes.{volume} has the local driver bind to host path {path}, {mode}.',
      volumeOpt: '{target} mounts a volume whose volume-opt options have the local driver bind host path {path}, {mode}.',
      upward: '{target} bind-mounts {source}, host path {path} when it runs {depth} folders deep or less: its working directory cannot be known.',
    },
  },
  check(c, ctx) {
    /**
     * A relative path from a folder that is not known (a run line: the shell's working directory; the Docker CLI
     * resolves `./x` and `../x` against it): `../../etc` is /etc whenever the command runs two folders deep or less.
     * When the folder it reaches that way is sensitive, that is reported as unknown (info), with the depth.
     */
    const reportUpward = (at: Sourced<unknown>, source: string, readOnly: boolean): void => {
      const segs = normalizeHostPath(source).split('/');
      const depth = segs.findIndex((x) => x !== '..');
      const ups = depth === -1 ? segs.length : depth;
      if (ups === 0) return;
      const path = normalizeHostPath(`/${segs.slice(ups).join('/')}`);
      if (judge(path, readOnly) === undefined) return;
      ctx.report({ messageId: 'upward', at, status: 'unknown', data: { source, path, depth: ups } });
    };
    for (const m of c.mounts) {
      if (isUnknown(m.value)) continue;
      const { type, source, baseDir, bindDevice } = m.value;
      if (type === 'volume' && bindDevice) {
        if (bindDevice.path.includes('$')) continue;
        const p = resolveHostPath(bindDevice.path, bindDevice.baseDir);
        const readOnly = m.value.readOnly || bindDevice.readOnly;
        if (p === undefined || judge(p, readOnly) === undefined) continue;
        const mode = readOnly ? 'read-only' : 'read-write';
        if (c.origin === 'compose' && source !== undefined) ctx.report({ messageId: 'volume', at: m, data: { volume: source, path: p, mode } });
        else ctx.report({ messageId: 'volumeOpt', at: m, data: { path: p, mode } });
        continue;
      }
      if (type !== 'bind' || source === undefined || source.includes('$')) continue;
      const absolute = source.startsWith('/');
      const p = resolveHostPath(source, baseDir);
      if (p === undefined) {
        if (baseDir === undefined && !source.startsWith('~')) reportUpward(m, source, m.value.readOnly);
        continue;
      }
      // A relative path inside the project folder is the project's own files, wherever the project is deployed.
      if (!absolute && baseDir !== undefined && normalizeHostPath(baseDir) !== '/' && under(p, normalizeHostPath(baseDir))) continue;
      const verdict = judge(p, m.value.readOnly);
      if (verdict === undefined) continue;
      const mode = m.value.readOnly ? 'read-only' : 'read-write';
      if (!absolute) ctx.report({ messageId: 'relative', at: m, data: { source, path: p, mode } });
      else ctx.report({ messageId: verdict, at: m, data: { source, mode } });
    }
  },
});
