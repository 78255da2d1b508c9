import { type DaemonSpec, emptyDaemonSpec, type Sourced } from '../../model/index.js';
import type { SystemInfo } from './inspect-types.js';
import { type JsonLocator, type JsonPath, jsonLocation } from './json-path.js';

/** The security options `docker info` lists (`name=seccomp,profile=default`), parsed. */
export interface EngineSecurityOption {
  name: string;
  options: Record<string, string>;
}

/** Parses `SecurityOptions` entries (`name=seccomp,profile=default`, `name=userns`). */
export function parseSecurityOptions(list: readonly string[]): EngineSecurityOption[] {
  return list.map((entry) => {
    const options: Record<string, string> = {};
    let name = entry;
    for (const part of entry.split(',')) {
      const eq = part.indexOf('=');
      const k = eq === -1 ? part : part.slice(0, eq);
      const v = eq === -1 ? '' : part.slice(eq + 1);
      if (k === 'name') name = v;
      else options[k] = v;
    }
    return { name, options };
  });
}

/**
 * Maps `docker info` (`GET /info`) to the daemon-level facts of a DaemonSpec with origin `engine`, located
 * as `engine:NAME` plus the JSON path. Only what `info` really answers is set: the security options
 * (seccomp profile, user namespaces, rootless; AppArmor and SELinux are reported by `engineSecurity`),
 * live restore, the default logging driver, insecure registries, mirrors, swarm state, cgroup version,
 * storage driver and data root; plus icc when the caller read it from the default bridge network. Settings
 * `info` does not show (userland proxy, TLS, log options) stay absent and the spec is marked `partial`.
 */
export function infoToDaemonSpec(j: SystemInfo, engineName: string, locate?: JsonLocator, network: { icc?: boolean } = {}): DaemonSpec {
  const source = `engine:${engineName}`;
  const s = <T>(value: T, ...path: JsonPath): Sourced<T> => ({ value, at: jsonLocation(source, path, locate) });
  const spec = emptyDaemonSpec(engineName, 'engine', jsonLocation(source, ['Name'], locate));
  // `info` shows part of the configuration: a field left absent is decided elsewhere, not "default".
  spec.partial = true;
  // icc is not in `info`; the default bridge network's option says what the daemon applied.
  if (network.icc !== undefined) spec.icc = s(network.icc, 'Name');
  if (j.LoggingDriver) spec.logDriver = s(j.LoggingDriver, 'LoggingDriver');
  if (j.LiveRestoreEnabled !== undefined) spec.liveRestore = s(j.LiveRestoreEnabled, 'LiveRestoreEnabled');
  if (j.Driver) spec.storageDriver = s(j.Driver, 'Driver');
  if (j.DockerRootDir) spec.dataRoot = s(j.DockerRootDir, 'DockerRootDir');
  if (j.CgroupVersion) spec.cgroupVersion = s(j.CgroupVersion, 'CgroupVersion');
  if (j.ExperimentalBuild !== undefined) spec.experimental = s(j.ExperimentalBuild, 'ExperimentalBuild');
  const state = j.Swarm?.LocalNodeState;
  if (state) spec.swarmActive = s(state === 'active', 'Swarm', 'LocalNodeState');
  const opts = parseSecurityOptions(j.SecurityOptions ?? []);
  opts.forEach((o, i) => {
    if (o.name === 'userns') spec.usernsRemap = s('default', 'SecurityOptions', i);
    if (o.name === 'rootless') spec.rootless = s(true, 'SecurityOptions', i);
    if (o.name === 'seccomp' && o.options.profile)
      spec.seccompProfile = s(o.options.profile === 'default' ? 'builtin' : o.options.profile, 'SecurityOptions', i);
    if (o.name === 'no-new-privileges') spec.noNewPrivileges = s(true, 'SecurityOptions', i);
  });
  // Docker lists the security options it enables; an absent `rootless` is a known "off". (An absent `userns`
  // is left absent: DaemonSpec has no "off" value for userns-remap, and `partial` keeps it from being judged.)
  if (j.SecurityOptions && !spec.rootless) spec.rootless = s(false, 'SecurityOptions');
  const rc = j.RegistryConfig ?? {};
  // 127.0.0.0/8 is insecure by default in every engine; only what the operator added is reported.
  (rc.InsecureRegistryCIDRs ?? []).forEach((cidr, i) => {
    if (cidr !== '127.0.0.0/8' && cidr !== '::1/128') spec.insecureRegistries.push(s(cidr, 'RegistryConfig', 'InsecureRegistryCIDRs', i));
  });
  for (const [name, idx] of Object.entries(rc.IndexConfigs ?? {})) {
    if (idx.Secure === false) spec.insecureRegistries.push(s(name, 'RegistryConfig', 'IndexConfigs', name, 'Secure'));
  }
  (rc.Mirrors ?? []).forEach((m, i) => {
    spec.registryMirrors.push(s(m, 'RegistryConfig', 'Mirrors', i));
  });
  return spec;
}

/** Which mandatory-access-control and isolation features the engine reports as enabled. */
export interface EngineSecurity {
  seccomp: boolean;
  apparmor: boolean;
  selinux: boolean;
  userns: boolean;
  rootless: boolean;
  /** The seccomp profile named in `info` (`default`, `builtin`, a path). */
  seccompProfile?: string;
}

/** Summarises `SecurityOptions` from `docker info` for reports and the audit summary. */
export function engineSecurity(j: SystemInfo): EngineSecurity {
  const opts = parseSecurityOptions(j.SecurityOptions ?? []);
  const has = (n: string) => opts.some((o) => o.name === n);
  const out: EngineSecurity = { seccomp: has('seccomp'), apparmor: has('apparmor'), selinux: has('selinux'), userns: has('userns'), rootless: has('rootless') };
  const profile = opts.find((o) => o.name === 'seccomp')?.options.profile;
  if (profile) out.seccompProfile = profile;
  return out;
}
