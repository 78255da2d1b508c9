import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

function parts(v: string): number[] {
  return (/^(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number);
}

/** BW5013: the kernel is a maintained release (seed §10). The version is always shown in the audit summary. */
export const requireCurrentKernel = hostRule({
  meta: {
    id: 'BW5013',
    name: 'require-current-kernel',
    scope: 'host',
    severity: 'medium',
    title: 'The kernel is a maintained release',
    rationale:
      'Containers share the host kernel: a kernel bug is a container escape. Kernels older than the oldest maintained long-term series no longer receive those fixes.',
    remediation:
      "Upgrade to a kernel of a maintained series (kernel.org long-term releases, or your distribution's supported kernel) and schedule security reboots.",
    references: { seed: '§10', docs: ['https://www.kernel.org/category/releases.html'] },
    checklist: 'host-daemon',
    appliesTo: ['host'],
    messages: { old: 'The kernel is {version}, older than {minimum}.' },
    options: { minimum: { description: 'Oldest acceptable kernel series (major.minor).', default: '5.10' } },
  },
  check(h, ctx) {
    const v = knownValue(h.kernel);
    if (!v || !h.kernel) return;
    const min = String(ctx.options.minimum ?? '5.10');
    const [a = 0, b = 0] = parts(v);
    const [c = 0, d = 0] = parts(min);
    if (a < c || (a === c && b < d)) ctx.report({ messageId: 'old', data: { version: v, minimum: min }, at: h.kernel });
  },
});
