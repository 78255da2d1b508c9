import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** Drivers that keep no unbounded local file: `local` rotates by default; the others ship logs away. */
const ROTATING_DRIVERS = new Set(['local', 'journald', 'syslog', 'fluentd', 'gelf', 'awslogs', 'splunk', 'gcplogs', 'logentries', 'etwlogs', 'none']);

/** BW1029: json-file logs grow without bound unless max-size is set (seed §2.4, §9). */
export const requireLogRotation = runtimeRule({
  meta: {
    id: 'BW1029',
    name: 'require-log-rotation',
    scope: 'runtime',
    severity: 'low',
    title: 'Container logs are rotated',
    rationale:
      'The json-file driver, the default, keeps every line the container prints in one file under /var/lib/docker until the container is removed. A chatty or attacked service fills the disk and takes down every container on the host. When the service leaves the driver to the daemon, daemon.json decides, so that case is unknown until it is scanned.',
    remediation:
      'Set `logging: { driver: json-file, options: { max-size: "10m", max-file: "3" } }` (`--log-opt max-size=10m --log-opt max-file=3`), use the `local` driver, or ship logs to journald, syslog or fluentd; or set the same default in daemon.json.',
    references: {
      seed: '§2.4',
      docs: ['https://docs.docker.com/engine/logging/drivers/json-file/'],
    },
    checklist: 'observability-audit',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      noMaxSize: '{target} logs with json-file without max-size.',
      daemonDecides: '{target} leaves its log driver to the daemon (daemon.json).',
      unknown: 'The log driver of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const l = c.logging;
    if (!l) return ctx.report({ messageId: 'daemonDecides', at: c.at, status: 'unknown' });
    if (isUnknown(l.value)) return ctx.report({ messageId: 'unknown', at: l, status: 'unknown', data: { reason: l.value.reason } });
    const driver = l.value.driver;
    if (driver === undefined) {
      if (l.value.options['max-size'] === undefined) ctx.report({ messageId: 'daemonDecides', at: l, status: 'unknown' });
      return;
    }
    if (ROTATING_DRIVERS.has(driver)) return;
    if (driver === 'json-file' && l.value.options['max-size'] === undefined) ctx.report({ messageId: 'noMaxSize', at: l });
  },
});
