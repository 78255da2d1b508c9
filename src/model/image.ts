import type { EnvVar, Healthcheck } from './container.js';
import type { Location, Sourced } from './location.js';

/**
 * The config of a built image, whatever it came from: a Dockerfile's final stage, or an image's
 * `Config` from the Engine API (image inspect). Rules that read User, Healthcheck, Env, ExposedPorts or
 * Labels are written once against this (DESIGN.md "The model"), so Dockerfiles and built images share them.
 */
export interface ImageSpec {
  /** Image name (`local/app:1`), or the stage and Dockerfile name (`final stage "runtime" of Dockerfile`). */
  name: string;
  origin: 'dockerfile' | 'image';
  at: Location;
  /** Effective user; absent means root (Docker's default). */
  user?: Sourced<string>;
  /** Absent: no HEALTHCHECK at all; `disabled`: HEALTHCHECK NONE. */
  healthcheck?: Sourced<Healthcheck | 'disabled'>;
  env: Sourced<EnvVar>[];
  /** `80/tcp`, `22/tcp`. */
  exposedPorts: Sourced<string>[];
  labels: Sourced<[string, string]>[];
  /** Creation time (image `Created`), when known. */
  created?: Sourced<string>;
}
