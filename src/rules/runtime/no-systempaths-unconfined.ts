import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/**
 * BW1031: `--security-opt systempaths=unconfined` must not unmask /proc and /sys (seed §5.8 "Devices & host
 * features"; no CIS 1.6.0 item names it). The Docker CLI and compose turn the option into empty
 * `HostConfig.MaskedPaths` and `ReadonlyPaths` (docker/cli `parseSystemPaths`, compose `parseSecurityOpts`), so the
 * daemon then applies none of its defaults (moby `oci.DefaultSpec`: masked /proc/kcore, /proc/keys, /proc/timer_list,
 * /sys/firmware...; read-only /proc/bus, /proc/fs, /proc/irq, /proc/sys, /proc/sysrq-trigger).
 */
export const noSystempathsUnconfined = runtimeRule({
  meta: {
    id: 'BW1031',
    name: 'no-systempaths-unconfined',
    scope: 'runtime',
    severity: 'high',
    title: 'The /proc and /sys paths Docker protects stay masked and read-only',
    rationale:
      'Docker hides kernel interfaces such as /proc/kcore, /proc/keys and /sys/firmware from every container, and makes /proc/sys, /proc/sysrq-trigger, /proc/irq and /proc/bus read-only. `systempaths=unconfined` removes both: root in the container can then write host-wide kernel settings under /proc/sys (kernel.core_pattern runs a program of its choice as root on the host at the next crash, a known escape) and reboot or crash the host through /proc/sysrq-trigger. Only the AppArmor docker-default profile, where the host has AppArmor, still stands in the way.',
    remediation:
      'Remove `systempaths=unconfined` from `security_opt` (`--security-opt`). Tools that must mount a fresh /proc (rootless BuildKit, bubblewrap and other nested sandboxes) should run as a non-root user, in a user namespace (rootless Docker or userns-remap), where the unmasked files stay out of reach.',
    references: {
      seed: '§5.8',
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#security-opt'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run'],
    messages: {
      unconfined: '{target} unmasks the /proc and /sys paths Docker masks or makes read-only (systempaths=unconfined).',
      unknown: 'Whether {target} unmasks /proc and /sys cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const s = c.securityOpt.systemPaths;
    if (!s || reportIfUnknown(ctx, s, 'unknown')) return;
    if (s.value === 'unconfined') ctx.report({ messageId: 'unconfined', at: s });
  },
});
