import { isInt64 } from './units.js';

/**
 * A device cgroup rule (`--device-cgroup-rule`, compose `device_cgroup_rules`, Engine `HostConfig.DeviceCgroupRules`):
 * which device nodes the container may use (`r`, `w`) and create (`m`, mknod), by type and major:minor number.
 * Grammar as dockerd validates it (moby `deviceCgroupRuleRegex`): `TYPE MAJOR:MINOR ACCESS`, TYPE `a` (all),
 * `b` (block) or `c` (character), MAJOR and MINOR a number or `*`, ACCESS one to three of `r`, `w`, `m`.
 */
export interface DeviceCgroupRule {
  type: 'a' | 'b' | 'c';
  /** A major number, or `*` for any. */
  major: string;
  /** A minor number, or `*` for any. */
  minor: string;
  /** The permissions, as written (`rwm`). */
  access: string;
}

const RULE = /^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$/;

/**
 * Parses one rule; undefined when dockerd would refuse it ("invalid device cgroup rule format"; the Docker CLI says
 * "invalid device cgroup format"): spaces before or after, `a` alone (dockerd 20.10, and moby's
 * daemon/pkg/oci/oci.go at ff14d7e, match every rule against the regular expression above), and a major or minor
 * number beyond 64 bits (dockerd's strconv.ParseInt: "invalid major value in device cgroup rule format"). dockerd
 * checks the rules when it starts a container, not when it creates one (moby#41919): a create request with `a` alone
 * succeeds, and each start fails, leaving the container `created` with that error in `State.Error` (seen on dockerd
 * 20.10.24).
 */
export function parseDeviceCgroupRule(text: string): DeviceCgroupRule | undefined {
  const m = RULE.exec(text);
  if (!m) return undefined;
  if ([m[2], m[3]].some((n) => n !== '*' && !isInt64(n as string))) return undefined;
  return { type: m[1] as DeviceCgroupRule['type'], major: m[2] as string, minor: m[3] as string, access: m[4] as string };
}

/**
 * Parses a rule as the devices cgroup reads it once an engine has accepted it (a live container that has run): the
 * grammar of parseDeviceCgroupRule, and `a` alone, which the kernel reads as every device with every access, the
 * same as `a *:* rwm` (Linux Documentation/admin-guide/cgroup-v1/devices.rst: `echo a > devices.allow`; moby#53453
 * proposes that dockerd read it so). Undefined for any other text. Not for compose files or run lines: there a rule
 * parseDeviceCgroupRule refuses is an input error, as the engine refuses to start the container.
 */
export function parseAcceptedDeviceCgroupRule(text: string): DeviceCgroupRule | undefined {
  if (text === 'a') return { type: 'a', major: '*', minor: '*', access: 'rwm' };
  return parseDeviceCgroupRule(text);
}

/**
 * What a rule opens that a container should not have, or undefined for a narrow rule (`c 42:* rmw`, one device
 * class) or a `b` or `c` rule that opens nothing (`m` alone lets a node be created, not read or written): `all` for
 * every device, character and block (type `a`); `character` for the character devices of any major number (`c *:*`,
 * `c *:1`: /dev/mem among them when the minor is 1, 2, 4 or any, never a disk); `block` for block devices (the host
 * disks, never /dev/mem: read, the data of every container and of the host; write, its filesystems under Docker's
 * feet); `memory` for the character devices of physical and kernel memory and I/O ports (major 1, minors 1 /dev/mem,
 * 2 /dev/kmem, 4 /dev/port; Linux Documentation/admin-guide/devices.txt). Numbers are compared as dockerd reads
 * them, as integers (`c 01:001 r` is /dev/mem). For `b` and `c`, only `r` or `w` access counts. A rule of type `a`
 * is every device with every access whatever numbers and access follow it (`a 1:3 m` included): runc's devices
 * emulator, used for cgroup v1 and v2 alike, turns an allowing `a` rule into "allow all" (`Emulator.allow` resets
 * to defaultAllow), as the kernel's cgroup v1 `devices.allow` does for `a`; so the `m`-alone exemption is not for it.
 */
export function deviceCgroupRisk(rule: DeviceCgroupRule): 'all' | 'character' | 'block' | 'memory' | undefined {
  if (rule.type === 'a') return 'all';
  if (!/[rw]/.test(rule.access)) return undefined;
  if (rule.type === 'b') return 'block';
  if (rule.major === '*') return 'character';
  if (numberIs(rule.major, 1) && (rule.minor === '*' || MEMORY_MINORS.some((n) => numberIs(rule.minor, n)))) return 'memory';
  return undefined;
}

/** The minors of major 1 that are memory or I/O ports: /dev/mem, /dev/kmem, /dev/port. */
const MEMORY_MINORS = [1, 2, 4];

/** A major or minor number as dockerd reads it (`01` is `1`), or `*`. */
export function deviceNumber(written: string): string {
  return written === '*' ? '*' : BigInt(written).toString();
}

/** Whether a major or minor number, as written, is `n`: dockerd reads it as an integer, so `01` and `001` are 1. */
export function numberIs(written: string, n: number): boolean {
  return written !== '*' && BigInt(written) === BigInt(n);
}
