import { ENGINE_SOCKET_NAME, isUnknown, type Mount, mountHostPath, normalizeHostPath, resolveHostPath, throughProcRoot } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/**
 * Host folders below which every path is sensitive, read-only or not, unless ALLOWED names it: from the CIS 1.6.0
 * 5.6 list `/boot`, `/lib`, `/proc` and `/usr` (below `/usr` and the other BINARY_TREES, read-write only: `judge`; `/dev`, `/etc` and `/sys` are
 * judged below), `/lib64` (CIS 1.7), the other folders of host binaries and libraries (`/bin` and `/sbin` are links into `/usr` on merged-usr systems, and a
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
/** Folders of host programs and libraries: public, no secret; a read-only mount below them is not reported (`judge`). */
const BINARY_TREES = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
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
 * sudoers, ld.so.preload, apt sources, PAM); a read-only one only where the host keeps its secrets, or in a folder
 * that holds one (`/etc/ssl` holds /etc/ssl/private, `/etc/pki` and `/etc/pki/tls` hold /etc/pki/tls/private,
 * `/etc/security` holds opasswd). Narrow read-only mounts of other configuration and of public trust stores
 * (`/etc/ssl/certs`, `/etc/pki/ca-trust`, `/etc/machine-id`, `/etc/passwd`, `/etc/nginx`) are what the remediation
 * asks for, and are not reported.
 */
const ETC_SECRETS = [
  '/etc/ssh',
  '/etc/sudoers.d',
  '/etc/docker',
  '/etc/kubernetes',
  '/etc/rancher',
  '/etc/ssl/private',
  '/etc/pki/tls/private',
  '/etc/pki/CA/private',
  '/etc/letsencrypt',
  '/etc/wireguard',
  '/etc/openvpn',
  '/etc/ipsec.d/private',
  '/etc/ipsec.secrets',
  '/etc/NetworkManager/system-connections',
  '/etc/krb5.keytab',
  '/etc/shadow',
  '/etc/shadow-',
  '/etc/gshadow',
  '/etc/gshadow-',
  '/etc/sudoers',
  '/etc/security/opasswd',
];
/**
 * Credential folders and files of a home folder (`~`, `/root`, `/home/USER`, `/Users/USER`): SSH keys, cloud and
 * cluster credentials, registry logins (`.docker/config.json`), GnuPG keys, `.netrc` and git's stored passwords.
 * Sensitive read-only too (they are secrets), as is a folder that holds one (`~/.docker`, `~/.config`, the home
 * folder itself, `/home`).
 */
const HOME_SECRETS = ['/.ssh', '/.aws', '/.docker/config.json', '/.kube', '/.gnupg', '/.config/gcloud', '/.azure', '/.netrc', '/.git-credentials'];
/** A home folder and the path below it: `~/x`, `/home/bob/x`, `/Users/bob/x`. */
const HOME = /^(?:~|\/home\/[^/]+|\/Users\/[^/]+)(\/.*)?$/;

/**
 * The allowlist: narrow host paths commonly mounted for a good reason, inside a sensitive tree but not reported.
 * `below`: the paths under it too. `readOnly`: only when mounted read-only; read-write they are reported.
 * Monitoring agents that need more (`/proc`, `/sys`, `/`) are reported: they belong on dedicated, reviewed hosts
 * (the remediation says so). Read-only paths below /usr are not reported either (`judge`).
 */
const ALLOWED: readonly { path: string; below: boolean; readOnly: boolean }[] = [
  // The host's time zone. Kept passing in both modes, as before: it is a link into /usr/share/zoneinfo.
  { path: '/etc/localtime', below: false, readOnly: false },
  { path: '/etc/timezone', below: false, readOnly: false },
  // Kernel modules, read-only: kind and k3d nodes, WireGuard and other containers that load modules (which also
  // needs CAP_SYS_MODULE, reported by BW1003).
  { path: '/lib/modules', below: true, readOnly: true },
];

function under(p: string, root: string): boolean {
  return p === root || p.startsWith(root === '/' ? '/' : `${root}/`);
}

/** `p` is a secret of `secrets`, lies below one, or is a folder that holds one. */
function touches(p: string, secrets: readonly string[]): boolean {
  return secrets.some((s) => under(p, s) || under(s, p));
}

/**
 * Judges a resolved, normalised host path (or a home path, `~/...`): `hostRoot` for the host's root filesystem
 * through /proc, `sensitive`, or undefined.
 */
function judge(p: string, readOnly: boolean): 'hostRoot' | 'sensitive' | undefined {
  if (throughProcRoot(p) !== undefined) return 'hostRoot';
  // Engine sockets and the containerd socket's folder are BW1014's (no-docker-socket-mount): not reported twice.
  if (ENGINE_SOCKET_NAME.test(p) || p === '/run/containerd') return undefined;
  if (p === '/home' || p === '/Users') return 'sensitive';
  const home = HOME.exec(p);
  if (home) return touches(home[1] ?? '/', HOME_SECRETS) ? 'sensitive' : undefined;
  if (ALLOWED.some((a) => (a.below ? under(p, a.path) : p === a.path) && (readOnly || !a.readOnly))) return undefined;
  // /usr and the other folders of programs and libraries hold no secret: below them, only a read-write mount (it
  // changes host binaries); the folders themselves are reported in both modes.
  if (readOnly && BINARY_TREES.some((t) => p !== t && under(p, t))) return undefined;
  if (SENSITIVE_DIRS.has(p) || SENSITIVE_TREES.some((t) => under(p, t))) return 'sensitive';
  if (under(p, '/dev')) return DEV_SHARED_TREES.some((t) => under(p, t)) ? 'sensitive' : undefined;
  if (under(p, '/sys')) return !readOnly || SYS_SECRET_TREES.some((t) => under(p, t)) ? 'sensitive' : undefined;
  if (under(p, '/etc')) return !readOnly || touches(p, ETC_SECRETS) ? 'sensitive' : undefined;
  return undefined;
}

/** Every host path `judge` can report, or the folder it lies in: a path that may lead to none of them is not sensitive. */
const JUDGED_ROOTS = [...SENSITIVE_DIRS, ...SENSITIVE_TREES, '/home', '/Users'];

/**
 * Whether a bind source written with a variable without a value (`Mount.sourceUnknown`) may name a path `judge`
 * reports, from the text before its first variable: none (`${DATA}`) may be anything; an absolute one may when a
 * judged folder starts with it or it lies in one (`/var/${X}` may be /var/lib/docker, `/etc/${X}` anything of /etc;
 * `/srv/${APP}` cannot); `~` when the text may reach a credential folder; a relative one resolved against its folder
 * when that is known, and only when it leaves the project folder. A variable's value is taken as a path below what
 * is written before it, not one that climbs out with `..`.
 */
function mayBeSensitive(m: Mount): boolean {
  const source = m.source ?? '';
  const prefix = source.slice(0, source.indexOf('$'));
  if (prefix === '') return true;
  if (prefix.startsWith('~')) {
    const rest = prefix.slice(1);
    return rest === '' || rest === '/' || HOME_SECRETS.some((s) => s.startsWith(rest) || rest.startsWith(`${s}/`));
  }
  let abs = prefix;
  if (!prefix.startsWith('/')) {
    const cut = prefix.lastIndexOf('/') + 1;
    const dir = cut === 0 ? '.' : prefix.slice(0, cut);
    const base = m.baseDir === undefined ? undefined : normalizeHostPath(m.baseDir);
    const resolved = resolveHostPath(dir, m.baseDir);
    if (base === undefined || resolved === undefined || resolved === base || resolved.startsWith(`${base}/`)) return false;
    abs = `${resolved === '/' ? '' : resolved}/${prefix.slice(cut)}`;
  }
  return JUDGED_ROOTS.some((r) => r.startsWith(abs) || abs.startsWith(`${r}/`) || abs === r);
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
      "Mounting /, /etc, /usr, /boot, /proc, /sys, /dev, /root, /home, /var/lib/docker or /var/lib/containerd into a container lets it read host secrets (shadow, SSH keys, other containers' data) and, read-write, change host binaries and configuration; /proc/1/root is the host's whole root filesystem. Paths below them are judged too: anything below /boot, /proc, /root and the engines' state; below /usr, /bin, /sbin and /lib*, read-write mounts (they hold programs and public data, no secret); below /etc and /sys, read-write mounts and the places that hold secrets or kernel interfaces, and the folders that hold them (/etc/ssl holds /etc/ssl/private; /etc/letsencrypt, /etc/wireguard, /etc/openvpn, /etc/krb5.keytab); below /dev, the host's shared memory, terminals and console. Credentials in any home folder (~, /root, /home/USER), read-only too: .ssh, .aws, .docker/config.json, .kube, .gnupg, .config/gcloud, .azure, .netrc, .git-credentials, and the folders that hold them. A relative path is judged where compose resolves it (on a run line, whose working directory is not known, one that climbs to a sensitive folder is reported as unknown), and a named volume whose local driver binds a host folder (`o: bind`, `device:`) as that bind mount. Narrow, common mounts are not reported: /etc/localtime, /etc/timezone, read-only paths below /usr, /bin, /sbin and /lib* (zoneinfo, CA certificates, kernel headers, binaries, /lib/modules), read-only files of /etc that hold no secret (/etc/passwd, public trust stores such as /etc/ssl/certs and /etc/pki/ca-trust), read-only /sys/fs/cgroup, and device nodes (the device cgroup decides whether they open).",
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
      unknownSource: 'Which host path {target} bind-mounts at {target_path} cannot be known: {reason}.',
      unknownMode: 'Whether {target} mounts host path {source} read-only cannot be known: {reason}; read-write, it is sensitive.',
    },
  },
  check(c, ctx) {
    for (const m of c.mounts) {
      if (isUnknown(m.value)) continue;
      if (m.value.sourceUnknown) {
        if (m.value.type === 'bind' && mayBeSensitive(m.value))
          ctx.report({ messageId: 'unknownSource', at: m, status: 'unknown', data: { target_path: m.value.target, reason: m.value.sourceUnknown.reason } });
        continue;
      }
      const h = mountHostPath(m.value);
      if (h === undefined) continue;
      const verdict = judge(h.path, h.readOnly);
      if (verdict === undefined) continue;
      const written = m.value.source;
      const source = written ?? h.path;
      const modeUnknown = h.readOnly ? undefined : m.value.readOnlyUnknown;
      // Read-write is sensitive; whether it is read-write is not known (`:${MODE}`): unknown, unless read-only would be
      // reported too.
      if (modeUnknown && judge(h.path, true) === undefined) {
        ctx.report({ messageId: 'unknownMode', at: m, status: 'unknown', data: { source, reason: modeUnknown.reason } });
        continue;
      }
      const mode = h.readOnly ? 'read-only' : modeUnknown ? `read-only or read-write (${modeUnknown.reason})` : 'read-write';
      if (h.how === 'upward') {
        // A relative path from a folder that is not known (a run line: the shell's working directory; the Docker CLI
        // resolves `./x` and `../x` against it): `../../etc` is /etc whenever the command runs two folders deep or less.
        ctx.report({ messageId: 'upward', at: m, status: 'unknown', data: { source, path: h.path, depth: h.depth } });
      } else if (h.how === 'volume') {
        if (c.origin === 'compose' && written !== undefined) ctx.report({ messageId: 'volume', at: m, data: { volume: written, path: h.path, mode } });
        else ctx.report({ messageId: 'volumeOpt', at: m, data: { path: h.path, mode } });
      } else if (h.how === 'relative') {
        // A relative path inside the project folder is the project's own files, wherever the project is deployed.
        if (!h.inProject) ctx.report({ messageId: 'relative', at: m, data: { source, path: h.path, mode } });
      } else ctx.report({ messageId: verdict, at: m, data: { source, mode } });
    }
  },
});
