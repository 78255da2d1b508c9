import { compareText } from '../model/index.js';
import { SUPPRESSION_RULES } from './bulwark/index.js';
import { DAEMON_RULES } from './daemon/index.js';
import { DOCKERFILE_RULES } from './dockerfile/index.js';
import { HOST_RULES } from './host/index.js';
import { IMAGE_RULES } from './image/index.js';
import { LIVE_RULES } from './live/index.js';
import { noApparmorUnconfined } from './runtime/no-apparmor-unconfined.js';
import { noDangerousCapabilities } from './runtime/no-dangerous-capabilities.js';
import { noDockerSocketMount } from './runtime/no-docker-socket-mount.js';
import { noExtraCapabilities } from './runtime/no-extra-capabilities.js';
import { noHostDevices } from './runtime/no-host-devices.js';
import { noHostIpc } from './runtime/no-host-ipc.js';
import { noHostNetwork } from './runtime/no-host-network.js';
import { noHostPid } from './runtime/no-host-pid.js';
import { noHostUserns } from './runtime/no-host-userns.js';
import { noHostUts } from './runtime/no-host-uts.js';
import { noLatestImageTag } from './runtime/no-latest-image-tag.js';
import { noOwnershipCapabilities } from './runtime/no-ownership-capabilities.js';
import { noPortsOnAllInterfaces } from './runtime/no-ports-on-all-interfaces.js';
import { noPrivileged } from './runtime/no-privileged.js';
import { noSeccompUnconfined } from './runtime/no-seccomp-unconfined.js';
import { noSecretsInCommand } from './runtime/no-secrets-in-command.js';
import { noSecretsInEnvironment } from './runtime/no-secrets-in-environment.js';
import { noSelinuxDisabled } from './runtime/no-selinux-disabled.js';
import { noSensitiveHostMount } from './runtime/no-sensitive-host-mount.js';
import { noSystempathsUnconfined } from './runtime/no-systempaths-unconfined.js';
import { noUnsafeSysctls } from './runtime/no-unsafe-sysctls.js';
import { requireCapDropAll } from './runtime/require-cap-drop-all.js';
import { requireCpuLimit } from './runtime/require-cpu-limit.js';
import { requireHealthcheck } from './runtime/require-healthcheck.js';
import { requireImageDigest } from './runtime/require-image-digest.js';
import { requireLogRotation } from './runtime/require-log-rotation.js';
import { requireMemoryLimit } from './runtime/require-memory-limit.js';
import { requireNoNewPrivileges } from './runtime/require-no-new-privileges.js';
import { requireNonRootUser } from './runtime/require-non-root-user.js';
import { requirePidsLimit } from './runtime/require-pids-limit.js';
import { requireReadOnlyRootfs } from './runtime/require-read-only-rootfs.js';
import { requireRestartPolicy } from './runtime/require-restart-policy.js';
import type { RuleMeta, RuntimeRule } from './types.js';

export { SUPPRESSION_RULES } from './bulwark/index.js';
export * from './checklist.js';
export { DAEMON_RULES, type DaemonRule } from './daemon/index.js';
export { DOCKERFILE_RULES, type DockerfileRule } from './dockerfile/index.js';
export { HOST_RULES, type HostRule } from './host/index.js';
export { IMAGE_RULES, type ImageRule } from './image/index.js';
export { LIVE_RULES } from './live/index.js';
export * from './types.js';

/** Every runtime rule (ContainerSpec), in id order. */
export const RUNTIME_RULES: readonly RuntimeRule[] = [
  noPrivileged,
  requireCapDropAll,
  noDangerousCapabilities,
  noExtraCapabilities,
  noOwnershipCapabilities,
  requireNoNewPrivileges,
  noSeccompUnconfined,
  noApparmorUnconfined,
  noSelinuxDisabled,
  requireReadOnlyRootfs,
  requireMemoryLimit,
  requireCpuLimit,
  requirePidsLimit,
  noDockerSocketMount,
  noSensitiveHostMount,
  noHostNetwork,
  noHostPid,
  noHostIpc,
  noHostUts,
  noHostUserns,
  noHostDevices,
  noUnsafeSysctls,
  noPortsOnAllInterfaces,
  noSecretsInEnvironment,
  noLatestImageTag,
  requireImageDigest,
  requireHealthcheck,
  requireRestartPolicy,
  requireLogRotation,
  requireNonRootUser,
  noSystempathsUnconfined,
  noSecretsInCommand,
] as RuntimeRule[];

/** Metadata of every registered rule, of every scope, in id order. */
export function allRuleMetas(): RuleMeta[] {
  return [
    ...RUNTIME_RULES.map((r) => r.meta),
    ...DAEMON_RULES.map((r) => r.meta),
    ...HOST_RULES.map((r) => r.meta),
    ...LIVE_RULES.map((r) => r.meta),
    ...SUPPRESSION_RULES.map((r) => r.meta),
    ...DOCKERFILE_RULES.map((r) => r.meta),
    ...IMAGE_RULES.map((r) => r.meta),
  ].sort((a, b) => compareText(a.id, b.id));
}

/** Finds a rule's metadata by id (`BW1001`) or name (`no-privileged`), case-insensitively. */
export function findRuleMeta(idOrName: string): RuleMeta | undefined {
  const q = idOrName.toLowerCase();
  return allRuleMetas().find((m) => m.id.toLowerCase() === q || m.name === q);
}
