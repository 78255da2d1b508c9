import type { ImageRef } from './image-ref.js';
import type { Location, Sourced, Unknown, WrittenLine } from './location.js';
import type { ValuePiece } from './mask.js';

/**
 * Where a ContainerSpec was read from. DESIGN.md: one compose service, one run line, one live
 * container, one create request through the proxy, one swarm service.
 */
export type ContainerOrigin = 'compose' | 'run' | 'engine' | 'proxy' | 'swarm';

/** A bind, volume or tmpfs mount (compose `volumes:`, `--mount`, `-v`, Engine `Mounts`). */
export interface Mount {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /** Host path for binds (as written, `~` and relative paths kept), volume name for volumes; undefined for anonymous volumes and tmpfs. */
  source?: string;
  /** Path inside the container. */
  target: string;
  readOnly: boolean;
  /** Bind propagation: private, rprivate, shared, rshared, slave, rslave. */
  propagation?: string;
  /** SELinux relabel option: `z` (shared) or `Z` (private). */
  selinux?: 'z' | 'Z';
  /**
   * For a bind mount with a relative `source`: the absolute folder it is resolved against. Compose resolves it
   * against the working directory of the file that wrote it (the project folder, an include's
   * `project_directory`, an `extends` base file's own folder); undefined where that folder is not known (a run
   * line runs in a shell's working directory).
   */
  baseDir?: string;
  /** For a named volume whose definition makes the local driver bind-mount a host folder: that folder (`localBindDevice`). */
  bindDevice?: VolumeBindDevice;
  /**
   * Set when the source comes from a variable without a value (compose `${DATA}/pg:/data`, `source: ${SRC}`):
   * `source` is then the text as written, variables included, and where it points is not known.
   */
  sourceUnknown?: Unknown;
  /**
   * Set when whether the mount is read-only comes from a variable without a value (`/etc/app:/app:${MODE}`,
   * `read_only: ${RO}`): `readOnly` is then false, the default, and may not be what runs.
   */
  readOnlyUnknown?: Unknown;
}

/**
 * A named volume that is a bind mount in disguise: its definition has the `local` driver bind-mount `device`
 * (compose `volumes.NAME.driver_opts: {type: none, o: bind, device: /srv}`, `--mount volume-opt=o=bind,...`).
 */
export interface VolumeBindDevice {
  /** The host path as written; relative paths are resolved against `baseDir` when it is known. */
  path: string;
  /** Compose: the working directory of the file that defines the volume (compose-go resolves a relative device against it). */
  baseDir?: string;
  /** True when the driver's mount options (`o`) hold `ro`. */
  readOnly: boolean;
  /** Where the definition is written (compose `volumes.NAME`; the `--mount` value on a run line). */
  definedAt: Location;
}

/** A published port (compose `ports:`, `-p`, Engine `PortBindings`). */
export interface PortBinding {
  /** Host address; undefined when not written (Docker then binds all interfaces). */
  hostIp?: string;
  /** Host port or range (`8080`, `8080-8081`); undefined for an ephemeral port. */
  hostPort?: string;
  /** Container port or range. */
  containerPort: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  /**
   * Set when the host address comes from a variable without a value, or may (compose `${BIND}:80:80`, `${PORTS}`,
   * `${HOST_PORT}:80`, whose variable can hold `127.0.0.1:8080`, or `host_ip: ${IP}`): whether the port is bound to
   * every interface is not known. `hostIp` is then undefined, and the ports are the text as written.
   */
  hostIpUnknown?: Unknown;
}

/** A host device given to the container (`devices:`, `--device`). */
export interface DeviceMapping {
  pathOnHost: string;
  pathInContainer: string;
  /** cgroup permissions: any of r, w, m; Docker's default is `rwm`. */
  permissions: string;
}

/**
 * A request for devices from a device driver (Engine API `HostConfig.DeviceRequests` items; compose `gpus` and
 * `deploy.resources.reservations.devices`, `docker run --gpus`): the driver gives the container the host device
 * nodes of the devices it picks (for the NVIDIA driver, the GPUs and their control nodes).
 */
export interface DeviceRequest {
  /**
   * The driver as written (`nvidia`; `cdi` for CDI device names, whose `deviceIds` are the names); empty when not
   * written: dockerd then picks the driver registered for the capabilities (NVIDIA's, for `gpu`).
   */
  driver: string;
  /**
   * How many devices: `all` (Engine `Count` -1, or any negative count; compose `count: all`, or neither count nor
   * device_ids), or a number. 0 with `deviceIds` empty asks for no device (the NVIDIA driver then gives none).
   */
  count: 'all' | number;
  /** The devices asked for by id or index (`device_ids`, `--gpus '"device=0,1"'`, Engine `DeviceIDs`); empty when none. */
  deviceIds: string[];
  /**
   * Engine `Capabilities`: alternatives, each a list of capabilities a device must all have (`[["gpu"]]`). Compose
   * `gpus` and `--gpus` add `gpu` to the list written, as docker compose and the Docker CLI do.
   */
  capabilities: string[][];
}

/** A resource limit per process (`ulimits:`, `--ulimit`). `soft` and `hard` are counts; -1 is unlimited. */
export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

/** A container health check. Durations are in seconds. */
export interface Healthcheck {
  /** The test as Docker stores it: `["CMD", ...]`, `["CMD-SHELL", "..."]`. */
  test: string[];
  intervalSeconds?: number;
  timeoutSeconds?: number;
  startPeriodSeconds?: number;
  retries?: number;
}

/**
 * A command a container runs, as written (ContainerSpec.command, ContainerSpec.entrypoint, ContainerSpec.healthcheckTest).
 * `shell`: one string (compose `command: "app --x"`, `entrypoint: sh -c "…"`, a `CMD-SHELL` test, `--health-cmd`),
 * `args` then holds that one string; `exec`: a list of arguments (compose list form, the words after the image of a
 * `docker run` line, `--entrypoint`, Engine `Config.Cmd` / `Config.Entrypoint`), one located entry each.
 */
export interface CommandLine {
  form: 'shell' | 'exec';
  /** Each argument (exec form) or the one string (shell form), located at its value as written. */
  args: Sourced<CommandArg>[];
}

/**
 * One argument of a command (or a label value, Label): `value` after interpolation, Unknown when a variable without a
 * value is part of it; `written` the text as the file writes it, each variable as its expression
 * (`--token=${API_TOKEN}`, a run line's `"$TOKEN"` as `$TOKEN`), set only when a variable is part of it. What the file
 * writes literally is `written ?? value`: a rule judging literal secrets reads that, never an interpolated value.
 */
export interface CommandArg {
  value: string | Unknown;
  written?: string;
  /**
   * Where each line of the value is written, when the value is a YAML block scalar (`command: |`) that reads as it
   * is written (no `$`): a part found on one line is located there (locationWithin).
   */
  lines?: WrittenLine[];
}

/**
 * A container label (compose `labels:` mapping or `KEY=value` list, `docker run --label`/`-l`, Engine
 * `Config.Labels`): its key, and its value as a CommandArg (an empty string when none is written).
 */
export interface Label extends CommandArg {
  name: string;
}

/** One environment variable. `value` is undefined when taken from the caller's environment (`- NAME`). */
export interface EnvVar {
  name: string;
  value?: string;
  /** Set instead of `value` when the value depends on something unknowable (an unset `${VAR}`). */
  unknownValue?: Unknown;
  /** The value as written before interpolation (`postgres://app:${DB_PASSWORD}@db/app`), when it is unknown. */
  template?: string;
  /** True when the value was read from a file (`env_file:`, `--env-file`), which Bulwark does not print. */
  fromFile?: boolean;
}

/** A secret given as a file (compose `secrets:`). */
export interface SecretRef {
  source: string;
  target?: string;
}

/** Logging configuration (`logging:`, `--log-driver`/`--log-opt`, Engine `LogConfig`). */
export interface LogConfig {
  /** Undefined when left to the daemon's default (daemon.json `log-driver`, default json-file). */
  driver?: string;
  options: Record<string, string>;
}

/** A restart policy normalised from compose `restart:`, `deploy.restart_policy`, `--restart`, Engine `RestartPolicy`. */
export interface RestartPolicy {
  /**
   * `no`, `always`, `unless-stopped`, `on-failure`, or `` (empty: no policy, as the Engine reads an empty name;
   * compose `deploy.restart_policy` without `condition` gives it, and so do containers created before Engine 25).
   */
  name: string;
  /**
   * Maximum retries for on-failure (or deploy.restart_policy.max_attempts, which Swarm applies to `any` too); undefined
   * means unbounded. Exact: a bigint when beyond Number.MAX_SAFE_INTEGER (retryCountValue), up to int64's largest.
   */
  maximumRetryCount?: number | bigint;
}

/** The `security_opt` / `--security-opt` entries, split by kind. */
export interface SecurityOptions {
  noNewPrivileges?: Sourced<boolean>;
  /** Seccomp profile: `unconfined`, `builtin`, or a path. */
  seccomp?: Sourced<string>;
  /** AppArmor profile name, or `unconfined`. */
  apparmor?: Sourced<string>;
  /** SELinux label options: `disable`, `type:spc_t`, `level:s0:c100`. */
  selinux: Sourced<string>[];
  /**
   * `systempaths=unconfined`: Docker does not mask or make read-only the /proc and /sys paths it normally does
   * (`parseSecurityOpt`). The value as written after `systempaths=`.
   */
  systemPaths?: Sourced<string>;
  /** Options Bulwark does not recognise, kept for messages. */
  other: Sourced<string>[];
}

/** Resource limits. Units: nano-CPUs (1e9 = one CPU), bytes, process counts. */
export interface Limits {
  nanoCpus?: Sourced<number>;
  memoryBytes?: Sourced<number>;
  /** Maximum number of processes; 0 or -1 mean unlimited. */
  pidsLimit?: Sourced<number>;
  ulimits: Sourced<Ulimit>[];
}

/** What the deciding image says, when the service's Dockerfile or image was scanned too (filled by check/). */
export interface ImageDefaults {
  /** The image's effective user (Dockerfile final-stage USER, image Config.User). */
  user?: Sourced<string>;
  healthcheck?: Sourced<Healthcheck | 'disabled'>;
}

/** The compose `build:` section, kept so that check/ can tie a service to its Dockerfile. */
export interface BuildSpec {
  /** Build context as written (relative paths are relative to the compose file's folder). */
  context: string;
  /** Dockerfile path relative to the context; `Dockerfile` when not written. */
  dockerfile: string;
  /** Absolute folder of the compose file that set `build:`. */
  baseDir: string;
  /**
   * `build.target`: the stage built instead of the last one (`docker build --target`); Unknown when it comes
   * from a variable without a value.
   */
  target?: Sourced<string | Unknown>;
  /** Where `build:` is written. */
  at?: Location;
  /**
   * `build.args` after interpolation: the value each build argument is given (`docker build --build-arg`), which
   * replaces the default of the ARG of that name in the Dockerfile. Unknown when a variable without a value is part of
   * it, or for a name listed alone (`args: [APP_USER]`) that the environment does not set, which compose passes without
   * a value. Absent when `build.args` is not written.
   */
  args?: ReadonlyMap<string, string | Unknown>;
  /**
   * `build.args` entry by entry as written (compose-spec build.args), a later entry of a name replacing an earlier
   * one, for rules that judge what the file writes (BW1024): `{ name, value?, pieces? }`. Located at the value as
   * written: in the list form at its `NAME=value` (or `NAME`) item; in the mapping form at the value, or at the key
   * when the value is null. `value` is after interpolation; absent when no value is written (`args: [NPM_TOKEN]`, a
   * null value in the mapping form: compose takes it from the environment); Unknown when a variable without a value is
   * part of it. `pieces` are set when a variable gave part of the value (`NPM_TOKEN: ${NPM_TOKEN}`), as
   * ContainerSpec.interpolated holds them: that part is not written in the file, and a message quotes it by its
   * variables (quoteValue), never as its text. Absent when `build.args` is not written.
   */
  argsWritten?: readonly Sourced<BuildArg>[];
  /**
   * The pieces of `context` and `dockerfile` when a variable gave part of them (`context: "${GH}"`), so that a
   * message quotes them by their variables (quoteValue), never their values.
   */
  pieces?: { context?: readonly ValuePiece[]; dockerfile?: readonly ValuePiece[] };
  /**
   * `build.dockerfile_inline`: the Dockerfile written in the compose file itself, used instead of `dockerfile`
   * (compose-spec build). Located at the value (for a block scalar, where its text starts, not at its `|` or `>`). After
   * interpolation; Unknown when a variable without a value is part of it (its `raw` is then the text as written,
   * before interpolation), or when it is not a string (reported by the source).
   */
  inline?: Sourced<string>;
}

/** One `build.args` entry as written (BuildSpec.argsWritten). */
export interface BuildArg {
  name: string;
  /** After interpolation; absent when no value is written, Unknown when a variable without a value is part of it. */
  value?: string | Unknown;
  /** The value's pieces when a variable gave part of it (`${NPM_TOKEN}`), else absent. */
  pieces?: readonly ValuePiece[];
}

/**
 * One container's settings, whatever wrote them (DESIGN.md "The model"). Every value keeps its Location.
 * Absent optional fields mean "not set"; `Unknown` values mean "set, but not knowable statically".
 */
export interface ContainerSpec {
  /** Service name, container name, or the run line's `--name` (or `run@line`). */
  name: string;
  origin: ContainerOrigin;
  /**
   * Set for a container a CI runner creates and removes around one job: a GitHub Actions job container
   * (`jobs.<id>.container`) or service container (`jobs.<id>.services.<name>`). The runner owns its lifecycle,
   * logs and resources, and the job's steps run in it as the image's user, so the rules that ask for a restart
   * policy, a health check, log rotation, limits, a read-only root, dropped capabilities, no-new-privileges or a
   * user do not apply to it (pipeline/run.ts); what its `options:` grant is still judged.
   */
  managedBy?: 'github-actions';
  /** Where the container is declared (the service key, the `docker run` word, the container). */
  at: Location;
  image?: Sourced<ImageRef>;
  /** As written: `10001:10001`, `root`, `0`, `app`. Absent: the image decides. */
  user?: Sourced<string>;
  privileged?: Sourced<boolean>;
  /** Normalised capability names: upper case, no `CAP_` prefix, `ALL`. */
  capAdd: Sourced<string>[];
  capDrop: Sourced<string>[];
  securityOpt: SecurityOptions;
  readonlyRootfs?: Sourced<boolean>;
  /** tmpfs mount targets (`/tmp`, `/run:size=64m` keeps only the path). */
  tmpfs: Sourced<string>[];
  mounts: Sourced<Mount>[];
  ports: Sourced<PortBinding>[];
  /** `host`, `none`, `bridge`, `container:NAME`, `service:NAME`, or a network name. */
  networkMode?: Sourced<string>;
  networks: Sourced<string>[];
  pidMode?: Sourced<string>;
  ipcMode?: Sourced<string>;
  /**
   * For a network, PID or IPC mode that joins another service's namespace (compose `network_mode: "service:vpn"`),
   * what that namespace is once the chain of services is followed (filled by the source, which knows the project):
   * the host's (`host`) or one that cannot be known (an Unknown), with the service whose own mode decides it
   * (`via`). Absent when the chain ends in a namespace of the container's own or is not known to the source.
   */
  joinedNamespaces?: Partial<Record<'networkMode' | 'pidMode' | 'ipcMode', JoinedNamespace>>;
  utsMode?: Sourced<string>;
  usernsMode?: Sourced<string>;
  cgroupnsMode?: Sourced<string>;
  devices: Sourced<DeviceMapping>[];
  /**
   * Device cgroup rules as written (compose `device_cgroup_rules`, `--device-cgroup-rule`, Engine
   * `HostConfig.DeviceCgroupRules`): `TYPE MAJOR:MINOR ACCESS` (see DeviceCgroupRule); absent when none.
   */
  deviceCgroupRules?: Sourced<string | Unknown>[];
  /**
   * Requests for devices from a device driver, GPUs mostly (compose `gpus` and
   * `deploy.resources.reservations.devices` items, each `--gpus`, Engine `HostConfig.DeviceRequests` items), each
   * located at its item, flag or array element; Unknown when a variable without a value is part of it. Absent when
   * none.
   */
  deviceRequests?: Sourced<DeviceRequest | Unknown>[];
  /** `[name, value]` pairs. */
  sysctls: Sourced<[string, string]>[];
  /**
   * Sysctls whose value, or whole `NAME=VALUE` entry, comes from a variable without a value (compose
   * `net.ipv4.ip_forward: ${FWD}`, `- ${SYSCTL}`): `name` as written (it holds the variable when the name is not
   * known), `why` the reason, `at` where it is written. Absent when there is none.
   */
  unknownSysctls?: { name: string; why: Unknown; at: Location }[];
  limits: Limits;
  healthcheck?: Sourced<Healthcheck | 'disabled'>;
  /**
   * The command of the health check's test as written and located, for rules that judge its text (a literal password
   * in `curl -u admin:…`); `healthcheck.value.test` holds it as Docker stores it. Compose `healthcheck.test` (a string
   * or `["CMD-SHELL", "…"]`: shell form, the string; `["CMD", …]`: exec form, the elements after `CMD`),
   * `docker run --health-cmd` (shell form), Engine `Config.Healthcheck.Test`. Absent when no test is set, or it is
   * `NONE` (disabled).
   */
  healthcheckTest?: Sourced<CommandLine>;
  /**
   * The command the container runs, as written (compose `command`, the words after the image of a `docker run`
   * line, Engine `Config.Cmd`); absent when not set (the image's CMD applies). Located at the value: a compose string
   * (shell form) or each list element (exec form), each run word, each `Config.Cmd[i]`.
   */
  command?: Sourced<CommandLine>;
  /**
   * The entrypoint, as written (compose `entrypoint`, `docker run --entrypoint` (one exec-form argument), Engine
   * `Config.Entrypoint`); absent when not set. Located as `command`.
   */
  entrypoint?: Sourced<CommandLine>;
  /**
   * The container's labels (compose `labels`, `docker run --label`/`-l`, Engine `Config.Labels`, which holds the
   * image's labels too), each located at its value: the mapping value (at the key when none is written), the list
   * item `KEY=value`, the `--label` option, `Config.Labels.KEY`. Absent when none is set.
   */
  labels?: Sourced<Label>[];
  restart?: Sourced<RestartPolicy>;
  /** `docker run --rm` / Engine `HostConfig.AutoRemove`: the container is removed when it exits (Docker refuses a restart policy with it). */
  autoRemove?: Sourced<boolean>;
  env: Sourced<EnvVar>[];
  secrets: Sourced<SecretRef>[];
  logging?: Sourced<LogConfig>;
  build?: BuildSpec;
  /** Filled by check/ when the image's Dockerfile or config is known. */
  imageDefaults?: ImageDefaults;
  /**
   * The values written for this container that came (partly) from the environment or `.env` (compose
   * interpolation), in pieces: the checker shows any message data taken from one through quoteValue, by its
   * variables, never as its text.
   */
  interpolated?: readonly InterpolatedValue[];
}

/** Where a namespace joined through other services ends (`ContainerSpec.joinedNamespaces`). */
export interface JoinedNamespace {
  /** `host`, or why it cannot be known. */
  mode: 'host' | Unknown;
  /** The service whose own mode is `mode` (the last of the chain). */
  via: string;
}

/** A value read (partly) from the environment: where it is written, and its pieces (`quoteValue`). */
export interface InterpolatedValue {
  at: Location;
  pieces: readonly ValuePiece[];
}

/** An empty ContainerSpec with every list present, for sources to fill in. */
export function emptyContainerSpec(name: string, origin: ContainerOrigin, at: Location): ContainerSpec {
  return {
    name,
    origin,
    at,
    capAdd: [],
    capDrop: [],
    securityOpt: { selinux: [], other: [] },
    tmpfs: [],
    mounts: [],
    ports: [],
    networks: [],
    devices: [],
    sysctls: [],
    limits: { ulimits: [] },
    env: [],
    secrets: [],
  };
}
