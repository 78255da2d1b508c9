import type { DaemonSpec } from '../../model/index.js';
import type { Rule } from '../types.js';
import { noApiOnAllInterfaces } from './no-api-on-all-interfaces.js';
import { noDaemonSeccompUnconfined } from './no-daemon-seccomp-unconfined.js';
import { noExperimentalFeatures } from './no-experimental-features.js';
import { noInsecureRegistries } from './no-insecure-registries.js';
import { noIptablesDisabled } from './no-iptables-disabled.js';
import { noUnprotectedTcpSocket } from './no-unprotected-tcp-socket.js';
import { requireAuthorizationPlugin } from './require-authorization-plugin.js';
import { requireDaemonLogRotation } from './require-daemon-log-rotation.js';
import { requireDaemonNoNewPrivileges } from './require-daemon-no-new-privileges.js';
import { requireDefaultUlimits } from './require-default-ulimits.js';
import { requireHttpsRegistryMirrors } from './require-https-registry-mirrors.js';
import { requireIccDisabled } from './require-icc-disabled.js';
import { requireLiveRestore } from './require-live-restore.js';
import { requireSystemdHardening } from './require-systemd-hardening.js';
import { requireUserlandProxyDisabled } from './require-userland-proxy-disabled.js';
import { requireUsernsRemap } from './require-userns-remap.js';

export type { DaemonRule } from './util.js';

/** Every daemon rule (DaemonSpec: daemon.json and dockerd flags), in id order. */
export const DAEMON_RULES: readonly Rule<DaemonSpec>[] = [
  requireDaemonLogRotation,
  requireIccDisabled,
  noIptablesDisabled,
  requireLiveRestore,
  requireUsernsRemap,
  requireDaemonNoNewPrivileges,
  noDaemonSeccompUnconfined,
  noInsecureRegistries,
  requireHttpsRegistryMirrors,
  requireDefaultUlimits,
  requireUserlandProxyDisabled,
  noExperimentalFeatures,
  noUnprotectedTcpSocket,
  noApiOnAllInterfaces,
  requireAuthorizationPlugin,
  requireSystemdHardening,
] as Rule<DaemonSpec>[];
