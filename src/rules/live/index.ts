import type { RuntimeRule } from '../types.js';
import { noDefaultBridgeIcc } from './no-default-bridge-icc.js';
import { noHighRestartCount } from './no-high-restart-count.js';
import { noOomKilled } from './no-oom-killed.js';
import { noSharedContainerNamespaces } from './no-shared-container-namespaces.js';
import { noSharedMountPropagation } from './no-shared-mount-propagation.js';
import { noStaleImage } from './no-stale-image.js';
import { noUnhealthyContainer } from './no-unhealthy-container.js';

/**
 * Rules over live containers (ContainerSpec plus LiveFacts), run by `bulwark audit engine` after the runtime
 * rules; in the runtime block from BW1101 because they judge the same subject. They return without a finding
 * on subjects that carry no live facts.
 */
export const LIVE_RULES: readonly RuntimeRule[] = [
  noUnhealthyContainer,
  noHighRestartCount,
  noOomKilled,
  noSharedMountPropagation,
  noDefaultBridgeIcc,
  noSharedContainerNamespaces,
  noStaleImage,
] as RuntimeRule[];
