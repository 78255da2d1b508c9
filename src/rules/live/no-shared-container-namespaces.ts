import { isUnknown, type Sourced } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1106: a container joins another container's network, PID or IPC namespace (seed §5.8, §7). */
export const noSharedContainerNamespaces = runtimeRule({
  meta: {
    id: 'BW1106',
    name: 'no-shared-container-namespaces',
    scope: 'runtime',
    severity: 'low',
    title: "Containers do not join other containers' namespaces",
    rationale:
      "A container started with `--network container:X`, `--pid container:X` or `--ipc container:X` sees the other container's interfaces and listening ports, its processes (and can signal or ptrace them with the right capability), or its shared memory. Isolation between the two is gone, so a compromise of either reaches both.",
    remediation:
      'Give each container its own namespaces; talk over a user-defined network instead. Keep namespace sharing for a deliberate sidecar (a debugger, a proxy), remove it once done, and prefer sharing the network only.',
    references: {
      seed: '§5.8',
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#network', 'https://docs.docker.com/reference/cli/docker/container/run/#pid'],
    },
    checklist: 'runtime',
    appliesTo: ['engine'],
    messages: {
      shared: '{target} joins the {namespace} namespace of container {other}.',
    },
  },
  check(c, ctx) {
    const modes: [string, Sourced<string> | undefined][] = [
      ['network', c.networkMode],
      ['PID', c.pidMode],
      ['IPC', c.ipcMode],
    ];
    for (const [namespace, field] of modes) {
      if (!field || isUnknown(field.value)) continue;
      const m = /^container:(.+)$/.exec(field.value);
      if (m) ctx.report({ messageId: 'shared', at: field, data: { namespace, other: m[1] as string } });
    }
  },
});
