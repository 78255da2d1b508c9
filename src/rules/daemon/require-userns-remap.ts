import { knownValue } from '../../model/index.js';
import { DAEMON_SOURCES, daemonRule } from './util.js';

/** BW4005: container root is not host root: userns-remap or rootless (seed §4, §14; CIS 2.9, 2.1). */
export const requireUsernsRemap = daemonRule({
  meta: {
    id: 'BW4005',
    name: 'require-userns-remap',
    scope: 'daemon',
    severity: 'medium',
    title: 'Containers run in a remapped user namespace, or dockerd is rootless',
    rationale:
      'Without user-namespace remapping, UID 0 in a container is UID 0 on the host: a process that escapes the container, or writes through a bind mount, acts as root. Remapping makes it an unprivileged UID such as 100000.',
    remediation:
      'Set `"userns-remap": "default"` in daemon.json (dockerd creates the dockremap user and its /etc/subuid and /etc/subgid ranges) and restart dockerd; fix bind-mount ownership for the shifted UIDs. Or run rootless Docker (dockerd-rootless-setuptool.sh install).',
    references: {
      seed: '§4.1',
      cis: { version: '1.6.0', items: ['2.9', '2.1'] },
      docs: ['https://docs.docker.com/engine/security/userns-remap/', 'https://docs.docker.com/engine/security/rootless/'],
    },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: {
      empty: 'The userns-remap option is set to an empty value, so no remapping happens.',
      byDefault: 'Neither userns-remap nor rootless mode is set: root in a container is root on the host.',
    },
  },
  check(d, ctx) {
    if (knownValue(d.rootless) === true) return;
    if (d.usernsRemap) {
      if (knownValue(d.usernsRemap) === '') ctx.report({ messageId: 'empty', at: d.usernsRemap });
      return;
    }
    if (!d.partial) ctx.report({ messageId: 'byDefault', at: d.at });
  },
});
