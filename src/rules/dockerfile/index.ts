import { noCurlPipeShell } from './no-curl-pipe-shell.js';
import { noLatestBaseImage } from './no-latest-base-image.js';
import { noSecretFilesCopied } from './no-secret-files-copied.js';
import { noSecretsInBuildArgs } from './no-secrets-in-build-args.js';
import { noSecretsInRun } from './no-secrets-in-run.js';
import { noSetuidSetgidBits } from './no-setuid-setgid-bits.js';
import { noSudo } from './no-sudo.js';
import { noWorldWritableFiles } from './no-world-writable-files.js';
import { requireBaseImageDigest } from './require-base-image-digest.js';
import { requireCopyInsteadOfAdd } from './require-copy-instead-of-add.js';
import { requireDockerignore } from './require-dockerignore.js';
import { requirePackageManagerHygiene } from './require-package-manager-hygiene.js';
import type { DockerfileRule } from './util.js';

export type { DockerfileRule } from './util.js';

/** Every Dockerfile rule (DockerfileSpec), in id order. */
export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  noSecretsInBuildArgs,
  noSecretsInRun,
  noSecretFilesCopied,
  noLatestBaseImage,
  requireBaseImageDigest,
  requireCopyInsteadOfAdd,
  noCurlPipeShell,
  noSudo,
  noWorldWritableFiles,
  noSetuidSetgidBits,
  requirePackageManagerHygiene,
  requireDockerignore,
] as DockerfileRule[];
