import { runtimeRule } from '../types.js';
import { checkJoinableHostNamespace } from './namespace-rule.js';

/** BW1018: ipc: host (`--ipc host`) shares the host IPC namespace (seed §5.8; CIS 5.17). */
export const noHostIpc = runtimeRule({
  meta: {
    id: 'BW1018',
    name: 'no-host-ipc',
    scope: 'runtime',
    severity: 'high',
    title: 'Containers do not share the host IPC namespace',
    rationale: 'Sharing the host IPC namespace exposes host shared memory segments, semaphores and message queues, which other processes use to exchange data.',
    remediation: 'Remove `ipc: host` (`--ipc host`); use `ipc: shareable` between cooperating containers when they must share memory.',
    references: {
      seed: '§5.8',
      cis: { version: '1.6.0', items: ['5.17'] },
      docs: ['https://docs.docker.com/reference/cli/docker/container/run/#ipc'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      host: '{target} shares the host IPC namespace.',
      hostThrough: '{target} shares the host IPC namespace through service {via}, whose namespace it joins.',
      unknown: 'The IPC namespace mode of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    checkJoinableHostNamespace(c.ipcMode, c.joinedNamespaces?.ipcMode, ctx);
  },
});
