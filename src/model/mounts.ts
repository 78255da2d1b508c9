import type { Mount } from './container.js';

const PROPAGATION = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

/**
 * Parses the short volume syntax shared by compose `volumes:`, `docker run -v` and Engine `HostConfig.Binds`:
 * `[SOURCE:]TARGET[:OPTIONS]`, OPTIONS a comma list of `ro`/`rw`, `z`/`Z`, a propagation mode, `nocopy`.
 * A source starting with `/`, `.` or `~` is a bind mount (compose-spec "Short syntax"); any other source is a
 * named volume; no source is an anonymous volume.
 */
export function parseVolumeSpec(spec: string): Mount {
  const parts = spec.split(':');
  let source: string | undefined;
  let target: string;
  let options = '';
  if (parts.length === 1) target = parts[0] as string;
  else if (parts.length === 2) {
    // `SOURCE:TARGET` or `TARGET:OPTIONS` (an anonymous volume with options).
    if (looksLikeOptions(parts[1] as string) && !isPathLike(parts[1] as string)) {
      target = parts[0] as string;
      options = parts[1] as string;
    } else {
      source = parts[0];
      target = parts[1] as string;
    }
  } else {
    source = parts.slice(0, parts.length - 2).join(':');
    target = parts[parts.length - 2] as string;
    options = parts[parts.length - 1] as string;
  }
  const mount: Mount = {
    type: source === undefined ? 'volume' : isPathLike(source) ? 'bind' : 'volume',
    target,
    readOnly: false,
  };
  if (source !== undefined) mount.source = source;
  for (const opt of options.split(',')) {
    if (opt === 'ro' || opt === 'readonly') mount.readOnly = true;
    else if (opt === 'z' || opt === 'Z') mount.selinux = opt;
    else if (PROPAGATION.has(opt)) mount.propagation = opt;
  }
  return mount;
}

function isPathLike(s: string): boolean {
  return s.startsWith('/') || s.startsWith('.') || s.startsWith('~') || /^[A-Za-z]:[\\/]/.test(s);
}

function looksLikeOptions(s: string): boolean {
  return s.split(',').every((o) => o === 'ro' || o === 'rw' || o === 'z' || o === 'Z' || o === 'nocopy' || PROPAGATION.has(o));
}

/** What normalizeHostPath changes: a repeated slash, a `.` or `..` segment, a trailing slash after a name. */
const NOT_NORMALISED = /\/\/|(?:^|\/)\.\.?(?:\/|$)|.\/$/;

/**
 * Normalises a host path for comparisons: collapses repeated and trailing slashes and `.` segments,
 * resolves `..` lexically. Relative paths stay relative.
 */
export function normalizeHostPath(p: string): string {
  // Most paths are written normalised already (`/var/run/docker.sock`): returned as they are, without splitting.
  if (p !== '' && !NOT_NORMALISED.test(p)) return p;
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined || '.';
}

/**
 * The host path a bind mount's `source` names, resolved lexically (`normalizeHostPath`, no symbolic links) against
 * `baseDir` when it is relative: `../../..` from `/srv/app` is `/`. A path that starts with `~` (compose: the home
 * folder of whoever runs it), or a relative path without a `baseDir`, is returned undefined: where it points is not
 * known.
 */
export function resolveHostPath(source: string, baseDir?: string): string | undefined {
  if (source.startsWith('/')) return normalizeHostPath(source);
  if (source.startsWith('~') || baseDir === undefined || !baseDir.startsWith('/')) return undefined;
  return normalizeHostPath(`${baseDir}/${source}`);
}

/**
 * The host folder a volume of Docker's `local` driver bind-mounts, from its driver name and options (compose
 * `volumes.NAME.driver`/`driver_opts`, `docker volume create --driver local --opt ...`, `--mount volume-opt=...`).
 * The local driver mounts `device` at the volume's folder with the comma list `o` as mount options; when `o` holds
 * `bind` (or `rbind`) that is a bind mount of the host path `device`, whatever `type` says (`none` by convention)
 * (moby volume/local `mount`; compose-go's `ResolveRelativePaths` treats the same volumes as bind mounts).
 * `driver` undefined or empty means the daemon's default, `local`.
 * @returns the device path as written and whether `o` holds `ro`; undefined for any other volume
 */
export function localBindDevice(driver: string | undefined, opts: Readonly<Record<string, string>>): { path: string; readOnly: boolean } | undefined {
  if (driver !== undefined && driver !== '' && driver !== 'local') return undefined;
  const o = (opts.o ?? '').split(',').map((x) => x.trim());
  const device = opts.device;
  if (!(o.includes('bind') || o.includes('rbind')) || device === undefined || device === '') return undefined;
  return { path: device, readOnly: o.includes('ro') };
}

/**
 * Folders no project is deployed in: a project folder that is one of them (an include's `project_directory: /etc`)
 * is the host's, and what lies in it is not the project's own files.
 */
const SYSTEM_FOLDERS = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var',
  '/var/lib',
  '/var/run',
]);

/** What a mount reaches on the host, as BW1014 and BW1015 judge it (`mountHostPath`). */
export type MountHostPath =
  | {
      /**
       * `absolute`: a bind source written absolute; `relative`: one resolved against its `baseDir`; `home`: one that
       * starts with `~`; `volume`: a named volume whose local driver binds `path` (`Mount.bindDevice`).
       */
      how: 'absolute' | 'relative' | 'home' | 'volume';
      /**
       * The host path, normalised; for `home`, `~` or `~/...` (the home folder of whoever runs compose: compose
       * expands `~`, which folder that is, is not known).
       */
      path: string;
      /** Read-only: the mount's own flag, or for a volume, `ro` in the driver's options too. */
      readOnly: boolean;
      /** For `relative`: the path lies inside the folder it is resolved against (the project's own files). */
      inProject: boolean;
    }
  | {
      /**
       * A relative bind source whose base is not known (a run line: the shell's working directory) that climbs `depth`
       * folders: it is `path` whenever the command runs `depth` folders deep or less.
       */
      how: 'upward';
      path: string;
      depth: number;
      readOnly: boolean;
    };

/**
 * A container engine's API socket by its file name: Docker (`docker.sock`), containerd, Podman and CRI-O
 * (`/var/run/crio/crio.sock`). Whoever reaches one can start a privileged container: root on the host (seed §3,
 * CIS 5.32). Used by BW1014, which reports them, and BW1015, which leaves them to it.
 */
export const ENGINE_SOCKET_NAME = /(?:^|\/)(?:docker|containerd|podman|crio)\.sock$/;

/**
 * The host path a bind mount, or a named volume the local driver binds (`bindDevice`), reaches: the one helper
 * BW1014 and BW1015 both judge. Undefined for other mounts, for sources that hold a variable left in (`$`), for a
 * relative path without a base that does not climb (`./x` on a run line), and for `~user` paths.
 */
export function mountHostPath(m: Mount): MountHostPath | undefined {
  const { type, source, baseDir, bindDevice } = m;
  if (type === 'volume' && bindDevice) {
    if (bindDevice.path.includes('$')) return undefined;
    const path = resolveHostPath(bindDevice.path, bindDevice.baseDir);
    if (path === undefined) return undefined;
    return { how: 'volume', path, readOnly: m.readOnly || bindDevice.readOnly, inProject: false };
  }
  if (type !== 'bind' || source === undefined || source.includes('$')) return undefined;
  const readOnly = m.readOnly;
  if (source === '~' || source.startsWith('~/')) {
    const rest = normalizeHostPath(`/${source.slice(1)}`);
    return { how: 'home', path: rest === '/' ? '~' : `~${rest}`, readOnly, inProject: false };
  }
  const path = resolveHostPath(source, baseDir);
  if (path !== undefined) {
    if (source.startsWith('/')) return { how: 'absolute', path, readOnly, inProject: false };
    const base = normalizeHostPath(baseDir as string);
    const inProject = !SYSTEM_FOLDERS.has(base) && (path === base || path.startsWith(`${base}/`));
    return { how: 'relative', path, readOnly, inProject };
  }
  if (baseDir !== undefined || source.startsWith('~')) return undefined;
  const segs = normalizeHostPath(source).split('/');
  const first = segs.findIndex((x) => x !== '..');
  const depth = first === -1 ? segs.length : first;
  if (depth === 0) return undefined;
  return { how: 'upward', path: normalizeHostPath(`/${segs.slice(depth).join('/')}`), depth, readOnly };
}

/** A process's view of the root filesystem through /proc: `/proc/1/root`, `/proc/self/root`, `/proc/thread-self/root`. */
const PROC_ROOT = /^\/proc\/(?:\d+|self|thread-self)\/root(?=\/|$)/;

/**
 * The host path a path under `/proc/PID/root` names: for the host's processes (`1`, and `self` when dockerd resolves
 * the bind source) that folder is the host's root filesystem, so `/proc/1/root/var/run` is `/var/run`. Undefined for
 * any other path.
 */
export function throughProcRoot(p: string): string | undefined {
  const m = PROC_ROOT.exec(p);
  return m ? normalizeHostPath(`/${p.slice(m[0].length)}`) : undefined;
}
