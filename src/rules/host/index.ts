import type { HostSpec } from '../../model/index.js';
import type { Rule } from '../types.js';
import { noDockerGroupMembers } from './no-docker-group-members.js';
import { noSshdPasswordAuth } from './no-sshd-password-auth.js';
import { noSshdRootLogin } from './no-sshd-root-login.js';
import { noSudoDockerRoot } from './no-sudo-docker-root.js';
import { requireCurrentKernel } from './require-current-kernel.js';
import { requireDaemonStartedByUnit } from './require-daemon-started-by-unit.js';
import { requireDataRootDiskSpace } from './require-data-root-disk-space.js';
import { requireDataRootEncryption } from './require-data-root-encryption.js';
import { requireDataRootPartition } from './require-data-root-partition.js';
import { requireDockerAuditRules } from './require-docker-audit-rules.js';
import { requireDockerFilePermissions } from './require-docker-file-permissions.js';
import { requireFirewallInputPolicy } from './require-firewall-input-policy.js';
import { requireSubidRanges } from './require-subid-ranges.js';
import { requireTimeSync } from './require-time-sync.js';

export type { HostRule } from './util.js';

/** Every host rule (HostSpec: the machine Docker runs on), in id order. */
export const HOST_RULES: readonly Rule<HostSpec>[] = [
  requireDockerFilePermissions,
  noDockerGroupMembers,
  noSudoDockerRoot,
  requireDockerAuditRules,
  requireSubidRanges,
  requireDataRootPartition,
  requireDataRootEncryption,
  requireDataRootDiskSpace,
  requireTimeSync,
  requireFirewallInputPolicy,
  noSshdRootLogin,
  noSshdPasswordAuth,
  requireCurrentKernel,
  requireDaemonStartedByUnit,
] as Rule<HostSpec>[];
