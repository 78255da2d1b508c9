/**
 * What dockerd 20.10 accepts in daemon.json and on its command line. Facts checked against the real dockerd
 * 20.10.24 on this machine (a daemon.json holding every candidate key set to null: dockerd lists exactly the
 * keys it does not know), and against moby 20.10 `daemon/config/config.go` (`findConfigurationConflicts`,
 * `configValuesSet`, `flatOptions`, `skipValidateOptions`).
 */

/** JSON value shapes a key must have for dockerd's `json.Unmarshal` into its Config struct to succeed. */
export type KeyType = 'bool' | 'string' | 'int' | 'string-list' | 'string-map' | 'ulimits' | 'runtimes' | 'bool-map' | 'object' | 'pools' | 'any';

/** daemon.json keys dockerd 20.10 knows, with the JSON type each needs. `null` is accepted for every key. */
export const DAEMON_JSON_KEYS: Readonly<Record<string, KeyType>> = {
  'allow-nondistributable-artifacts': 'string-list',
  'api-cors-header': 'string',
  'authorization-plugins': 'string-list',
  bip: 'string',
  bridge: 'string',
  builder: 'object',
  'cgroup-parent': 'string',
  'cluster-advertise': 'string',
  'cluster-store': 'string',
  'cluster-store-opts': 'string-map',
  'config-file': 'any',
  containerd: 'string',
  'containerd-namespace': 'string',
  'containerd-plugins-namespace': 'string',
  'cpu-rt-period': 'int',
  'cpu-rt-runtime': 'int',
  'cri-containerd': 'bool',
  'data-root': 'string',
  debug: 'bool',
  'default-address-pools': 'pools',
  'default-cgroupns-mode': 'string',
  'default-gateway': 'string',
  'default-gateway-v6': 'string',
  'default-ipc-mode': 'string',
  'default-runtime': 'string',
  'default-shm-size': 'any',
  'default-ulimits': 'ulimits',
  'deprecated-key-path': 'any',
  dns: 'string-list',
  'dns-opts': 'string-list',
  'dns-search': 'string-list',
  'exec-opts': 'string-list',
  'exec-root': 'string',
  experimental: 'bool',
  features: 'bool-map',
  'fixed-cidr': 'string',
  'fixed-cidr-v6': 'string',
  graph: 'string',
  group: 'string',
  'host-gateway-ip': 'string',
  hosts: 'string-list',
  icc: 'bool',
  init: 'bool',
  'init-path': 'string',
  'insecure-registries': 'string-list',
  ip: 'string',
  'ip-forward': 'bool',
  'ip-masq': 'bool',
  ip6tables: 'bool',
  iptables: 'bool',
  ipv6: 'bool',
  labels: 'string-list',
  'live-restore': 'bool',
  'log-driver': 'string',
  'log-level': 'string',
  'log-opts': 'string-map',
  'max-concurrent-downloads': 'int',
  'max-concurrent-uploads': 'int',
  'max-download-attempts': 'int',
  'metrics-addr': 'string',
  mtu: 'int',
  'network-control-plane-mtu': 'int',
  'no-new-privileges': 'bool',
  'node-generic-resources': 'string-list',
  'oom-score-adjust': 'int',
  pidfile: 'string',
  'raw-logs': 'bool',
  'registry-mirrors': 'string-list',
  rootless: 'bool',
  runtimes: 'runtimes',
  'seccomp-profile': 'string',
  'selinux-enabled': 'bool',
  'shutdown-timeout': 'int',
  'storage-driver': 'string',
  'storage-opts': 'string-list',
  'swarm-default-advertise-addr': 'string',
  tls: 'bool',
  tlscacert: 'string',
  tlscert: 'string',
  tlskey: 'string',
  tlsverify: 'bool',
  'userland-proxy': 'bool',
  'userland-proxy-path': 'string',
  'userns-remap': 'string',
};

/**
 * Flag names dockerd also accepts as daemon.json keys (its unknown-key check looks flags up by long name),
 * although the documented key is the plural form. Setting them in the file is accepted by 20.10.
 */
export const FLAG_NAMES_ACCEPTED_AS_KEYS: ReadonlySet<string> = new Set([
  'add-runtime',
  'authorization-plugin',
  'default-address-pool',
  'default-ulimit',
  'dns-opt',
  'exec-opt',
  'host',
  'insecure-registry',
  'label',
  'log-opt',
  'node-generic-resource',
  'registry-mirror',
  'storage-opt',
]);

/** A daemon.json key added after Docker Engine 20.10: the release that added it and the value shape that release reads. */
export interface LaterKey {
  /** The Docker Engine release that added the key ("23.0"). */
  since: string;
  /** The JSON type the newer dockerd's `json.Unmarshal` needs. */
  type: KeyType;
  /**
   * For an object-valued key that the newer dockerd flattens (it is not one of its whole-kept options): the keys
   * it accepts inside, with their types. A key inside that is not listed is refused by that release too.
   */
  inner?: Readonly<Record<string, KeyType>>;
}

/**
 * Keys that dockerd 20.10 does not know but later releases accept, with the release that added each one. Sources:
 * the dockerd reference (docs/reference/dockerd.md in docker/cli) and moby's `daemon/config` package of each release,
 * and the Docker Engine release notes: `proxies` (23.0), `default-network-opts` (24.0),
 * `cdi-spec-dirs` (25.0), `log-format` (25.0: commit a08abec, documented later in docker/cli#5438),
 * `ip-forward-no-drop` (28.0, moby#48594), `allow-direct-routing` (28.2, moby#49832), `firewall-backend` and
 * `bridge-accept-fwmark` (29.0, docker/cli#6230).
 */
export const LATER_KEYS: Readonly<Record<string, LaterKey>> = {
  proxies: { since: '23.0', type: 'object', inner: { 'http-proxy': 'string', 'https-proxy': 'string', 'no-proxy': 'string' } },
  'default-network-opts': { since: '24.0', type: 'object' },
  'cdi-spec-dirs': { since: '25.0', type: 'string-list' },
  'log-format': { since: '25.0', type: 'string' },
  'ip-forward-no-drop': { since: '28.0', type: 'bool' },
  'allow-direct-routing': { since: '28.2', type: 'bool' },
  'firewall-backend': { since: '29.0', type: 'string' },
  'bridge-accept-fwmark': { since: '29.0', type: 'string' },
};

/**
 * Names under `features` that later releases read (20.10 accepts any name there and ignores the ones it does not
 * use), with the release that added each: `containerd-snapshotter` (24.0, the containerd image store), `cdi` (25.0).
 */
export const LATER_FEATURES: Readonly<Record<string, string>> = {
  'containerd-snapshotter': '24.0',
  cdi: '25.0',
};

/**
 * dockerd flags added after 20.10, with their daemon.json key and the release that added them (the same sources as
 * LATER_KEYS; `--http-proxy`, `--https-proxy` and `--no-proxy` set the keys inside `proxies`, which the newer dockerd
 * flattens for its flag-conflict check).
 */
export const LATER_FLAGS: Readonly<Record<string, DockerdFlag & { since: string }>> = {
  'http-proxy': { key: 'http-proxy', bool: false, since: '23.0' },
  'https-proxy': { key: 'https-proxy', bool: false, since: '23.0' },
  'no-proxy': { key: 'no-proxy', bool: false, since: '23.0' },
  'default-network-opt': { key: 'default-network-opts', bool: false, list: true, since: '24.0' },
  'cdi-spec-dir': { key: 'cdi-spec-dirs', bool: false, list: true, since: '25.0' },
  'log-format': { key: 'log-format', bool: false, since: '25.0' },
  'ip-forward-no-drop': { key: 'ip-forward-no-drop', bool: true, since: '28.0' },
  'allow-direct-routing': { key: 'allow-direct-routing', bool: true, since: '28.2' },
  'firewall-backend': { key: 'firewall-backend', bool: false, since: '29.0' },
  'bridge-accept-fwmark': { key: 'bridge-accept-fwmark', bool: false, since: '29.0' },
};

/** Object-valued keys dockerd keeps whole; any other object value is flattened into top-level keys first (`configValuesSet`). */
export const FLAT_OPTIONS: ReadonlySet<string> = new Set(['cluster-store-opts', 'log-opts', 'runtimes', 'default-ulimits', 'features', 'builder']);

/** Keys skipped by the unknown-key check. */
export const SKIP_VALIDATE: ReadonlySet<string> = new Set(['features', 'builder', 'deprecated-key-path']);

/** One dockerd command-line flag: its daemon.json key (for conflicts and the model) and whether it takes a value. */
export interface DockerdFlag {
  key: string;
  bool: boolean;
  /** Repeatable list flag (`-H`, `--insecure-registry`). */
  list?: boolean;
}

const BOOL_FLAGS = [
  'cri-containerd',
  'debug',
  'experimental',
  'icc',
  'init',
  'ip-forward',
  'ip-masq',
  'ip6tables',
  'iptables',
  'ipv6',
  'live-restore',
  'no-new-privileges',
  'raw-logs',
  'rootless',
  'selinux-enabled',
  'tls',
  'tlsverify',
  'userland-proxy',
];

/** Flags whose daemon.json key differs from the flag name (named options). */
const NAMED: Record<string, string> = {
  'add-runtime': 'runtimes',
  'authorization-plugin': 'authorization-plugins',
  'default-address-pool': 'default-address-pools',
  'default-ulimit': 'default-ulimits',
  'dns-opt': 'dns-opts',
  'exec-opt': 'exec-opts',
  host: 'hosts',
  'insecure-registry': 'insecure-registries',
  label: 'labels',
  'log-opt': 'log-opts',
  'node-generic-resource': 'node-generic-resources',
  'registry-mirror': 'registry-mirrors',
  'storage-opt': 'storage-opts',
  'cluster-store-opt': 'cluster-store-opts',
};

const LIST_FLAGS = new Set([...Object.keys(NAMED), 'dns', 'dns-search', 'allow-nondistributable-artifacts']);

/** Single-letter flags of dockerd 20.10 and their long names. */
export const SHORT_FLAGS: Readonly<Record<string, string>> = {
  D: 'debug',
  G: 'group',
  H: 'host',
  b: 'bridge',
  l: 'log-level',
  p: 'pidfile',
  s: 'storage-driver',
};

/** Looks up a long flag name (without dashes); undefined for a flag dockerd 20.10 does not have. */
export function lookupFlag(name: string): DockerdFlag | undefined {
  if (BOOL_FLAGS.includes(name)) return { key: name, bool: true };
  if (name in NAMED) return { key: NAMED[name] as string, bool: false, list: true };
  if (LIST_FLAGS.has(name)) return { key: name, bool: false, list: true };
  if (name === 'config-file' || name === 'version' || name === 'help') return { key: name, bool: name !== 'config-file' };
  if (name in DAEMON_JSON_KEYS) return { key: name, bool: false };
  return undefined;
}
