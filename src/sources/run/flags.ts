/**
 * The options of `docker run` / `docker create` (`docker container run|create`) in the Docker 28 CLI, as
 * declared in docker/cli `cli/command/container/opts.go` (`addFlags`), `run.go` and `create.go`, including the
 * flags `--help` hides (deprecated aliases, Windows-only flags, flags needing a newer API than the daemon's).
 */

/**
 * How a flag takes its value, in pflag terms: `bool` flags need no value and accept `=true|false` only
 * after an equals sign; `value` flags take exactly one value (`--flag v` or `--flag=v`); `list` flags take one
 * value per occurrence and may repeat.
 */
export type FlagKind = 'bool' | 'value' | 'list';

/** One `docker run` option. */
export interface RunFlag {
  /** Long name without dashes: `cap-add`. */
  name: string;
  /** One-letter shorthand without the dash: `e` for `--env`. */
  short?: string;
  kind: FlagKind;
  /** Only `docker run` has it (not `docker create`). */
  runOnly?: boolean;
  /** Not shown by `docker run --help` on this platform (deprecated alias, Windows-only, newer API). */
  hidden?: boolean;
  /** The canonical long name this flag is an alias of (`net` -> `network`). */
  aliasOf?: string;
}

const f = (name: string, kind: FlagKind, extra: Partial<RunFlag> = {}): RunFlag => ({ name, kind, ...extra });

/** Every option of `docker run` and `docker create`, by long name. */
export const RUN_FLAGS: readonly RunFlag[] = [
  f('add-host', 'list'),
  f('annotation', 'list', { hidden: true }),
  f('attach', 'list', { short: 'a' }),
  f('blkio-weight', 'value'),
  f('blkio-weight-device', 'list'),
  f('cap-add', 'list'),
  f('cap-drop', 'list'),
  f('cgroup-parent', 'value'),
  f('cgroupns', 'value'),
  f('cidfile', 'value'),
  f('cpu-count', 'value', { hidden: true }),
  f('cpu-percent', 'value', { hidden: true }),
  f('cpu-period', 'value'),
  f('cpu-quota', 'value'),
  f('cpu-rt-period', 'value'),
  f('cpu-rt-runtime', 'value'),
  f('cpu-shares', 'value', { short: 'c' }),
  f('cpus', 'value'),
  f('cpuset-cpus', 'value'),
  f('cpuset-mems', 'value'),
  f('credentialspec', 'value', { hidden: true }),
  f('detach', 'bool', { short: 'd', runOnly: true }),
  f('detach-keys', 'value', { runOnly: true }),
  f('device', 'list'),
  f('device-cgroup-rule', 'list'),
  f('device-read-bps', 'list'),
  f('device-read-iops', 'list'),
  f('device-write-bps', 'list'),
  f('device-write-iops', 'list'),
  f('disable-content-trust', 'bool'),
  f('dns', 'list'),
  f('dns-opt', 'list', { hidden: true, aliasOf: 'dns-option' }),
  f('dns-option', 'list'),
  f('dns-search', 'list'),
  f('domainname', 'value'),
  f('entrypoint', 'value'),
  f('env', 'list', { short: 'e' }),
  f('env-file', 'list'),
  f('expose', 'list'),
  // GpuOpts appends one device request per occurrence.
  f('gpus', 'list'),
  f('group-add', 'list'),
  f('health-cmd', 'value'),
  f('health-interval', 'value'),
  f('health-retries', 'value'),
  f('health-start-interval', 'value', { hidden: true }),
  f('health-start-period', 'value'),
  f('health-timeout', 'value'),
  f('help', 'bool'),
  f('hostname', 'value', { short: 'h' }),
  f('init', 'bool'),
  f('interactive', 'bool', { short: 'i' }),
  f('io-maxbandwidth', 'value', { hidden: true }),
  f('io-maxiops', 'value', { hidden: true }),
  f('ip', 'value'),
  f('ip6', 'value'),
  f('ipc', 'value'),
  f('isolation', 'value'),
  f('kernel-memory', 'value'),
  f('label', 'list', { short: 'l' }),
  f('label-file', 'list'),
  f('link', 'list'),
  f('link-local-ip', 'list'),
  f('log-driver', 'value'),
  f('log-opt', 'list'),
  f('mac-address', 'value'),
  f('memory', 'value', { short: 'm' }),
  f('memory-reservation', 'value'),
  f('memory-swap', 'value'),
  f('memory-swappiness', 'value'),
  f('mount', 'list'),
  f('name', 'value'),
  f('net', 'list', { hidden: true, aliasOf: 'network' }),
  f('net-alias', 'list', { hidden: true, aliasOf: 'network-alias' }),
  f('network', 'list'),
  f('network-alias', 'list'),
  f('no-healthcheck', 'bool'),
  f('oom-kill-disable', 'bool'),
  f('oom-score-adj', 'value'),
  f('pid', 'value'),
  f('pids-limit', 'value'),
  f('platform', 'value'),
  f('privileged', 'bool'),
  f('publish', 'list', { short: 'p' }),
  f('publish-all', 'bool', { short: 'P' }),
  f('pull', 'value'),
  f('quiet', 'bool', { short: 'q' }),
  f('read-only', 'bool'),
  f('restart', 'value'),
  f('rm', 'bool'),
  f('runtime', 'value'),
  f('security-opt', 'list'),
  f('shm-size', 'value'),
  f('sig-proxy', 'bool', { runOnly: true }),
  f('stop-signal', 'value'),
  f('stop-timeout', 'value'),
  f('storage-opt', 'list'),
  f('sysctl', 'list'),
  f('tmpfs', 'list'),
  f('tty', 'bool', { short: 't' }),
  f('ulimit', 'list'),
  f('use-api-socket', 'bool'),
  f('user', 'value', { short: 'u' }),
  f('userns', 'value'),
  f('uts', 'value'),
  f('volume', 'list', { short: 'v' }),
  f('volume-driver', 'value'),
  f('volumes-from', 'list'),
  f('workdir', 'value', { short: 'w' }),
];

/** RUN_FLAGS by long name. */
export const FLAGS_BY_NAME: ReadonlyMap<string, RunFlag> = new Map(RUN_FLAGS.map((x) => [x.name, x]));
/** RUN_FLAGS by shorthand letter. */
export const FLAGS_BY_SHORT: ReadonlyMap<string, RunFlag> = new Map(RUN_FLAGS.filter((x) => x.short).map((x) => [x.short as string, x]));

/**
 * The `docker` command's global options (docker/cli `cli/flags/options.go`), which may stand before the
 * subcommand: `docker -H unix:///run/docker.sock run ...`. `true` when the option takes a value.
 */
export const GLOBAL_FLAGS: ReadonlyMap<string, boolean> = new Map([
  ['--config', true],
  ['-c', true],
  ['--context', true],
  ['-D', false],
  ['--debug', false],
  ['-H', true],
  ['--host', true],
  ['-l', true],
  ['--log-level', true],
  ['--tls', false],
  ['--tlscacert', true],
  ['--tlscert', true],
  ['--tlskey', true],
  ['--tlsverify', false],
]);
