import { runtimeRule } from '../types.js';
import { reportIfUnknown } from './util.js';

/** BW1010: the root filesystem is read-only, with tmpfs for writable paths (seed §5.5; CIS 5.13). */
export const requireReadOnlyRootfs = runtimeRule({
  meta: {
    id: 'BW1010',
    name: 'require-read-only-rootfs',
    scope: 'runtime',
    severity: 'medium',
    title: 'The root filesystem is read-only',
    rationale:
      'A writable root filesystem lets an intruder drop tools, change binaries and configuration, and persist until the container is recreated. Read-only makes every write explicit: tmpfs for scratch paths, volumes for data.',
    remediation: 'Set `read_only: true` (`--read-only`) and list the paths the process writes as tmpfs (`tmpfs: [/tmp, /run]`, `--tmpfs /tmp`) or volumes.',
    references: {
      seed: '§5.5',
      cis: { version: '1.6.0', items: ['5.13'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#read-only'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      writable: '{target} has a writable root filesystem.',
      unknown: 'Whether the root filesystem of {target} is read-only cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const r = c.readonlyRootfs;
    if (!r) return ctx.report({ messageId: 'writable', at: c.at });
    if (reportIfUnknown(ctx, r, 'unknown')) return;
    if (r.value === false) ctx.report({ messageId: 'writable', at: r });
  },
});
