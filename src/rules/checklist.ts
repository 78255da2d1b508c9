import type { ChecklistSection } from './types.js';

/**
 * The seed §14 "Checklist de clôture" sections with English titles, in the seed's order.
 * The French heading is kept for reference to the chapter.
 */
export const CHECKLIST: readonly { id: ChecklistSection; title: string; seedHeading: string }[] = [
  { id: 'host-daemon', title: 'Host & daemon', seedHeading: 'Hôte & démon' },
  { id: 'images-build', title: 'Images & build', seedHeading: 'Images & build' },
  { id: 'registry-deploy', title: 'Registry & deployment', seedHeading: 'Registry & déploiement' },
  { id: 'runtime', title: 'Runtime', seedHeading: 'Runtime' },
  { id: 'network-secrets', title: 'Network & secrets', seedHeading: 'Réseau & secrets' },
  { id: 'observability-audit', title: 'Observability & audit', seedHeading: 'Observabilité & audit' },
];
