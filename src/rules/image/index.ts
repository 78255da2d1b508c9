import { noSecretsInImageEnv } from './no-secrets-in-image-env.js';
import { noSshPortExposed } from './no-ssh-port-exposed.js';
import { requireImageHealthcheck } from './require-image-healthcheck.js';
import { requireNonRootImageUser } from './require-non-root-image-user.js';
import { requireOciLabels } from './require-oci-labels.js';
import type { ImageRule } from './util.js';

export type { ImageRule } from './util.js';

/** Every image-config rule (ImageSpec: a Dockerfile's final stage or a built image), in id order. */
export const IMAGE_RULES: readonly ImageRule[] = [
  requireNonRootImageUser,
  requireImageHealthcheck,
  noSecretsInImageEnv,
  noSshPortExposed,
  requireOciLabels,
] as ImageRule[];
