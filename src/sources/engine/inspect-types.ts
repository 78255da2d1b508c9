/**
 * The parts of Engine API responses Bulwark reads (Docker Engine API 1.41, the version of the 20.10 engine
 * in tests; newer engines add fields, never remove these). Every field is optional: an engine, a proxy or a
 * fixture may leave any of them out, and the mappers must not crash on that.
 */

/** `GET /containers/json` items (container list). */
export interface ContainerSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  State?: string;
  Labels?: Record<string, string>;
}

/** `HostConfig.PortBindings` values. */
export interface PortBindingJson {
  HostIp?: string;
  HostPort?: string;
}

/** `GET /containers/{id}/json` (container inspect). */
export interface ContainerInspect {
  Id?: string;
  Name?: string;
  Image?: string;
  Created?: string;
  RestartCount?: number;
  AppArmorProfile?: string;
  ProcessLabel?: string;
  MountLabel?: string;
  State?: {
    Status?: string;
    Running?: boolean;
    Restarting?: boolean;
    OOMKilled?: boolean;
    ExitCode?: number;
    Health?: { Status?: string; FailingStreak?: number };
  };
  Mounts?: {
    Type?: string;
    Name?: string;
    Source?: string;
    Destination?: string;
    RW?: boolean;
    Mode?: string;
    Propagation?: string;
  }[];
  Config?: {
    User?: string;
    Image?: string;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
  };
  HostConfig?: {
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    SecurityOpt?: string[] | null;
    ReadonlyRootfs?: boolean;
    Tmpfs?: Record<string, string> | null;
    Binds?: string[] | null;
    PortBindings?: Record<string, PortBindingJson[] | null> | null;
    PublishAllPorts?: boolean;
    NetworkMode?: string;
    PidMode?: string;
    IpcMode?: string;
    UTSMode?: string;
    UsernsMode?: string;
    CgroupnsMode?: string;
    Devices?: { PathOnHost?: string; PathInContainer?: string; CgroupPermissions?: string }[] | null;
    DeviceCgroupRules?: string[] | null;
    /** Count -1 is every device; Capabilities are alternatives, each a list a device must all have. */
    DeviceRequests?: { Driver?: string; Count?: number; DeviceIDs?: string[] | null; Capabilities?: string[][] | null }[] | null;
    Sysctls?: Record<string, string> | null;
    Memory?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    PidsLimit?: number | null;
    Ulimits?: { Name?: string; Soft?: number; Hard?: number }[] | null;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    AutoRemove?: boolean;
    LogConfig?: { Type?: string; Config?: Record<string, string> | null };
  };
  NetworkSettings?: {
    Networks?: Record<string, unknown> | null;
    /** The bindings in effect while the container runs (`0.0.0.0` and `::` for every interface). */
    Ports?: Record<string, PortBindingJson[] | null> | null;
  };
}

/** `GET /images/{name}/json` (image inspect). */
export interface ImageInspect {
  Id?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Config?: {
    User?: string;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
  } | null;
}

/** `GET /info` (docker info), the daemon-level facts. */
export interface SystemInfo {
  ID?: string;
  Name?: string;
  ServerVersion?: string;
  Driver?: string;
  LoggingDriver?: string;
  CgroupVersion?: string;
  LiveRestoreEnabled?: boolean;
  DockerRootDir?: string;
  ExperimentalBuild?: boolean;
  /** `name=seccomp,profile=default`, `name=apparmor`, `name=userns`, `name=rootless`, `name=selinux`. */
  SecurityOptions?: string[] | null;
  RegistryConfig?: {
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Mirrors?: string[] | null }> | null;
    Mirrors?: string[] | null;
  } | null;
  Swarm?: { LocalNodeState?: string } | null;
}

/** `GET /networks/{id}` (network inspect): only what the default-bridge check needs. */
export interface NetworkInspect {
  Name?: string;
  Driver?: string;
  Options?: Record<string, string> | null;
}
