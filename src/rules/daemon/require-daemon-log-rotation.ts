import { knownValue } from '../../model/index.js';
import { DAEMON_SOURCES, daemonRule } from './util.js';

/** BW4001: the default log driver rotates container logs (seed §2.4, §14). */
export const requireDaemonLogRotation = daemonRule({
  meta: {
    id: 'BW4001',
    name: 'require-daemon-log-rotation',
    scope: 'daemon',
    severity: 'medium',
    title: 'Container logs are rotated by default',
    rationale:
      'The default json-file driver keeps every line a container writes, forever. One noisy or hostile container fills the disk that holds /var/lib/docker and takes down every other container and dockerd itself.',
    remediation:
      'Set `"log-driver": "json-file"` with `"log-opts": { "max-size": "10m", "max-file": "3" }` (values are strings), or `"log-driver": "local"`, or ship logs with journald, syslog or fluentd. Restart dockerd; existing containers keep their old settings until recreated.',
    references: { seed: '§2.4', docs: ['https://docs.docker.com/engine/logging/configure/', 'https://docs.docker.com/engine/logging/drivers/json-file/'] },
    checklist: 'host-daemon',
    appliesTo: DAEMON_SOURCES,
    messages: {
      noMaxSize: 'The {driver} log driver has no max-size, so container logs grow without limit.',
      byDefault: 'No log driver or log-opts are set: dockerd uses json-file without rotation.',
    },
  },
  check(d, ctx) {
    const driver = d.logDriver ? knownValue(d.logDriver) : 'json-file';
    // `local` rotates by itself (5 files of 20 MB); journald, syslog, fluentd and the others ship logs off the host.
    if (driver !== 'json-file') return;
    if (d.logOpts['max-size'] !== undefined) return;
    if (d.logDriver) ctx.report({ messageId: 'noMaxSize', data: { driver: 'json-file' }, at: d.logDriver });
    else if (!d.partial) ctx.report({ messageId: 'byDefault', at: d.at });
  },
});
