import { isUnknown, knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5005: the userns-remap user has subordinate UID and GID ranges (seed §4.1). */
export const requireSubidRanges = hostRule({
  meta: {
    id: 'BW5005',
    name: 'require-subid-ranges',
    scope: 'host',
    severity: 'high',
    title: 'The userns-remap user has /etc/subuid and /etc/subgid ranges',
    rationale:
      "With userns-remap set to a named user, dockerd maps container UIDs into that user's ranges in /etc/subuid and /etc/subgid. Without a range, dockerd refuses to start, and a range that overlaps real users gives containers their files.",
    remediation:
      'Add `<user>:100000:65536` to both /etc/subuid and /etc/subgid (`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 <user>`), or use `"userns-remap": "default"`, for which dockerd creates the dockremap user and its ranges.',
    references: { seed: '§4.1', docs: ['https://docs.docker.com/engine/security/userns-remap/'] },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: {
      missing: 'The userns-remap option uses "{user}", but {file} has no range for it.',
      unknown: 'Whether "{user}" has a range in {file} cannot be known: {reason}.',
    },
  },
  check(h, ctx) {
    const remap = h.daemon.usernsRemap;
    const v = knownValue(remap);
    if (!remap || !v || v === 'default') return;
    const user = v.split(':')[0] as string;
    for (const [file, s] of [
      ['/etc/subuid', h.subuid],
      ['/etc/subgid', h.subgid],
    ] as const) {
      if (s && isUnknown(s.value)) {
        ctx.report({ messageId: 'unknown', data: { user, file, reason: s.value.reason }, at: s, status: 'unknown' });
        continue;
      }
      const ranges = s ? (knownValue(s) ?? []) : [];
      if (!ranges.some((r) => r.user === user && r.count > 0)) ctx.report({ messageId: 'missing', data: { user, file }, at: remap });
    }
  },
});
