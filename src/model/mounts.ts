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

/**
 * Normalises a host path for comparisons: collapses repeated and trailing slashes and `.` segments,
 * resolves `..` lexically. Relative paths stay relative.
 */
export function normalizeHostPath(p: string): string {
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
