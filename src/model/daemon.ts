import type { Ulimit } from './container.js';
import type { Location, Sourced } from './location.js';

/**
 * The effective configuration of one dockerd: daemon.json merged with dockerd flags (systemd unit and
 * drop-ins, /etc/default/docker), or the daemon-level facts `docker info` reports for a live engine.
 * Field names follow daemon.json keys in camelCase. Every value keeps where it was set.
 * Absent fields mean "left to dockerd's default".
 */
export interface DaemonSpec {
  /** `daemon.json`, `docker.service`, or the engine's name. */
  name: string;
  origin: 'daemon-json' | 'systemd' | 'engine' | 'host';
  at: Location;
  logDriver?: Sourced<string>;
  logOpts: Record<string, Sourced<string>>;
  icc?: Sourced<boolean>;
  iptables?: Sourced<boolean>;
  liveRestore?: Sourced<boolean>;
  /** `default`, a user name, or `user:group`. */
  usernsRemap?: Sourced<string>;
  rootless?: Sourced<boolean>;
  noNewPrivileges?: Sourced<boolean>;
  /** Path of the default seccomp profile, `unconfined`, or `builtin`. */
  seccompProfile?: Sourced<string>;
  insecureRegistries: Sourced<string>[];
  registryMirrors: Sourced<string>[];
  defaultUlimits: Sourced<Ulimit>[];
  userlandProxy?: Sourced<boolean>;
  experimental?: Sourced<boolean>;
  /** `-H` / `hosts`: `unix:///var/run/docker.sock`, `tcp://0.0.0.0:2376`, `fd://`. */
  hosts: Sourced<string>[];
  tls?: Sourced<boolean>;
  tlsVerify?: Sourced<boolean>;
  tlsCaCert?: Sourced<string>;
  tlsCert?: Sourced<string>;
  tlsKey?: Sourced<string>;
  authorizationPlugins: Sourced<string>[];
  dataRoot?: Sourced<string>;
  storageDriver?: Sourced<string>;
  cgroupParent?: Sourced<string>;
  /** Swarm active (from `docker info`). */
  swarmActive?: Sourced<boolean>;
  /** cgroup version from `docker info`: `1` or `2`. */
  cgroupVersion?: Sourced<string>;
  /** `log-level` / `-l`: `debug`, `info`, `warn`, `error`, `fatal`. */
  logLevel?: Sourced<string>;
  /**
   * Effective `[Service]` directives of the systemd unit that starts dockerd (unit file plus drop-ins, the
   * last assignment winning), keyed by directive name (`NoNewPrivileges`, `LimitNOFILE`). Absent when no unit was read.
   */
  systemdService?: Record<string, Sourced<string>>;
  /** The ExecStart= that starts dockerd (in the unit or the drop-in that set it last), when a unit was read: where missing directives go. */
  systemdUnit?: Location;
  /**
   * True when only part of the configuration was read (a drop-in kept in a repository, without daemon.json):
   * a field left absent is then decided elsewhere and is not judged.
   */
  partial?: boolean;
  /** Where the daemon.json file was read, when one was. */
  configFile?: Location;
}

/** A DaemonSpec with nothing set: every list empty, every optional setting absent ("not set"). */
export function emptyDaemonSpec(name: string, origin: DaemonSpec['origin'], at: Location): DaemonSpec {
  return { name, origin, at, logOpts: {}, insecureRegistries: [], registryMirrors: [], defaultUlimits: [], hosts: [], authorizationPlugins: [] };
}

/** The JSON key dockerd uses for each DaemonSpec field read from daemon.json or flags (for messages). */
export const DAEMON_KEYS = {
  logDriver: 'log-driver',
  icc: 'icc',
  iptables: 'iptables',
  liveRestore: 'live-restore',
  usernsRemap: 'userns-remap',
  noNewPrivileges: 'no-new-privileges',
  seccompProfile: 'seccomp-profile',
  userlandProxy: 'userland-proxy',
  experimental: 'experimental',
} as const;
