import { knownValue } from '../../model/index.js';
import { hostRule } from './util.js';

/** BW5008: the data root's filesystem has free blocks and inodes (seed §2.4). */
export const requireDataRootDiskSpace = hostRule({
  meta: {
    id: 'BW5008',
    name: 'require-data-root-disk-space',
    scope: 'host',
    severity: 'medium',
    title: 'The data root has free space and inodes',
    rationale:
      'When the data root fills up, image pulls, container starts and log writes fail, and dockerd may fail to restart. Inodes run out before bytes when many small files are written.',
    remediation:
      'Prune what is unused (`docker system prune` with care, `docker image prune -a --filter until=...`), rotate logs (daemon log-opts), and grow or move the data root.',
    references: { seed: '§2.4', docs: ['https://docs.docker.com/engine/manage-resources/pruning/'] },
    checklist: 'observability-audit',
    appliesTo: ['host'],
    messages: {
      blocks: 'The filesystem of {path} is {used}% full (threshold {max}%).',
      inodes: 'The filesystem of {path} has used {used}% of its inodes (threshold {max}%).',
    },
    options: { maxUsedPercent: { description: 'Highest acceptable share of used blocks and inodes, in percent.', default: 85 } },
  },
  check(h, ctx) {
    const d = knownValue(h.dataRoot);
    if (!d || !h.dataRoot) return;
    const max = Number(ctx.options.maxUsedPercent ?? 85);
    if (d.usedPercent !== undefined && d.usedPercent > max)
      ctx.report({ messageId: 'blocks', data: { path: d.path, used: d.usedPercent, max }, at: h.dataRoot });
    if (d.inodesUsedPercent !== undefined && d.inodesUsedPercent > max)
      ctx.report({ messageId: 'inodes', data: { path: d.path, used: d.inodesUsedPercent, max }, at: h.dataRoot });
  },
});
