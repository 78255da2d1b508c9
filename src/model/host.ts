import type { DaemonSpec } from './daemon.js';
import type { Location, Sourced } from './location.js';

/**
 * Which Docker file a {@link HostFile} is, by the CIS Docker Benchmark 1.6.0 section 3 items that check it.
 * `docker-sock` is the live socket; `docker-socket-unit` the systemd socket unit that creates it.
 */
export type HostFileRole =
  | 'docker-service-unit'
  | 'docker-socket-unit'
  | 'etc-docker'
  | 'registry-cert'
  | 'tls-ca'
  | 'tls-cert'
  | 'tls-key'
  | 'docker-sock'
  | 'daemon-json'
  | 'etc-default-docker'
  | 'etc-sysconfig-docker'
  | 'containerd-sock';

/** Owner, group and permission bits of one file, as `lstat` after symlinks reports them. */
export interface FileFacts {
  /** Path as seen on the audited host (`/etc/docker/daemon.json`), not below `--root`. */
  path: string;
  kind: 'file' | 'dir' | 'socket' | 'other';
  uid: number;
  gid: number;
  /** Owner and group names from the host's /etc/passwd and /etc/group, when found. */
  user?: string;
  group?: string;
  /** Permission bits only (`st_mode & 0o7777`), a number: compare with octal literals such as `0o644`. */
  mode: number;
}

/** A Docker file to check, with its expected ownership, or `unknown` when it exists but cannot be read. */
export interface HostFile {
  role: HostFileRole;
  facts: Sourced<FileFacts>;
}

/** Permissions a systemd socket unit gives the socket it creates (`SocketMode=`, `SocketUser=`, `SocketGroup=`). */
export interface SocketUnitFacts {
  mode?: Sourced<number>;
  user?: Sourced<string>;
  group?: Sourced<string>;
}

/** A member of the `docker` group: listed in /etc/group, or with docker as primary group in /etc/passwd. */
export interface GroupMember {
  user: string;
  via: 'group-list' | 'primary-group';
}

/** One sudoers entry that lets a user run the docker client as root. */
export interface SudoDockerGrant {
  /** User or `%group` the entry is for. */
  who: string;
  /** The docker command as granted, after Cmnd_Alias expansion: `/usr/bin/docker`, `/usr/bin/docker logs *`. */
  command: string;
}

/** A path a Docker audit rule should watch (CIS 1.1.3-1.1.18) and whether a rule watches it or a folder above it. */
export interface AuditTarget {
  /** Host path: `/usr/bin/dockerd`, `/var/lib/docker`. */
  path: string;
  cis: string;
  /** The rule that covers it, when one does. */
  watchedBy?: Location;
}

/** What is known of the host's audit rules. */
export interface AuditFacts {
  /** Where rules were read: `auditctl -l` (the loaded rules) or the files under /etc/audit. */
  source: 'auditctl' | 'rules-files' | 'none';
  targets: AuditTarget[];
  at: Location;
  /** Why the rule files could not all be read (then missing watches cannot be told). */
  unreadable?: string;
}

/** One line of /etc/subuid or /etc/subgid. */
export interface SubIdRange {
  user: string;
  start: number;
  count: number;
}

/** The filesystem the data root sits on. */
export interface DataRootFacts {
  /** `/var/lib/docker` or the configured data-root. */
  path: string;
  /** Mount point of the filesystem holding it (from /proc/self/mountinfo). */
  mountPoint?: string;
  /**
   * True when the data root is a filesystem of its own: its mount is on another device than its parent folder's.
   * A bind mount of a folder of the root filesystem is not. Undefined without a mount table.
   */
  separate?: boolean;
  /** Mount point of the parent folder's filesystem, when the data root shares it. */
  sharedWith?: string;
  fsType?: string;
  device?: string;
  /** True when the device (or one below it) is a dm-crypt (LUKS) mapping. */
  encrypted?: boolean;
  /** Used share of blocks and inodes, in percent (0-100), from statfs. */
  usedPercent?: number;
  inodesUsedPercent?: number;
}

/** The host firewall's INPUT policy: from `iptables -S INPUT` or `nft list ruleset`. */
export interface FirewallFacts {
  tool: 'iptables' | 'nft';
  /** `ACCEPT`, `DROP`, `REJECT` (nft policies are upper-cased). */
  inputPolicy: string;
}

/** A time-sync service and whether it is enabled (systemd wants-link) or running (a /proc process). */
export interface TimeSyncFacts {
  service: string;
  state: 'running' | 'enabled';
}

/** An optional command Bulwark may run read-only (`auditctl -l`, `iptables -S INPUT`), and whether it could. */
export interface CommandInput {
  command: string;
  ran: boolean;
  /** Why it did not run: not installed, not run for a --root other than `/`, failed. */
  reason?: string;
}

/**
 * The machine Docker runs on (DESIGN.md "The model": HostSpec), read below one root folder (`--root`, default `/`).
 * Absent fields mean "not present on this host"; a Sourced `Unknown` value means "cannot tell" (an unreadable file).
 */
export interface HostSpec {
  name: string;
  /** The folder the host was read from (`/` or a mounted image / fixture tree). */
  root: string;
  at: Location;
  /** The daemon as configured on this host: daemon.json merged with the systemd unit's dockerd flags. */
  daemon: DaemonSpec;
  files: HostFile[];
  socketUnit?: SocketUnitFacts;
  /** `docker` group members; absent when the group does not exist. */
  dockerGroup?: Sourced<GroupMember>[];
  sudoDocker: Sourced<SudoDockerGrant>[];
  /** Set when a sudoers file exists but cannot be read: the grants found are then incomplete. */
  sudoersUnreadable?: Sourced<string>;
  audit: AuditFacts;
  subuid?: Sourced<SubIdRange[]>;
  subgid?: Sourced<SubIdRange[]>;
  dataRoot?: Sourced<DataRootFacts>;
  /** Enabled or running time-sync services; an empty list means none found. */
  timeSync: Sourced<TimeSyncFacts[]>;
  /** True when the host's processes could be listed (/proc below the root): then "enabled" without "running" means stopped. */
  processesVisible: boolean;
  firewall?: Sourced<FirewallFacts>;
  /** Effective sshd settings (first value wins, as sshd reads them); absent when sshd is not configured. */
  sshd?: { permitRootLogin: Sourced<string>; passwordAuthentication: Sourced<string> };
  /**
   * The dockerd process found in /proc (live host only): its arguments after the program name, and the arguments
   * the systemd unit would give it (undefined when no unit was read).
   */
  runningDaemon?: Sourced<{ pid: number; args: string[]; unitArgs?: string[] }>;
  /** `uname -r` as /proc/sys/kernel/osrelease gives it. */
  kernel?: Sourced<string>;
  commands: CommandInput[];
}
