import { quoteValue, type ValuePiece } from './mask.js';

/**
 * Image references parsed per the distribution reference grammar
 * (github.com/distribution/reference, `reference.go` and `normalize.go`), with Docker's
 * normalisation: no domain means `docker.io`, a single-component name on Docker Hub means `library/NAME`.
 */
export interface ImageRef {
  /** As written, e.g. `nginx`, `ghcr.io/acme/api:1.4@sha256:…`. */
  raw: string;
  /** Registry host with optional port: `docker.io`, `localhost:5000`, `[::1]:5000`. */
  registry: string;
  /** Repository path inside the registry: `library/nginx`, `acme/api`. */
  repository: string;
  /** Tag when written (`1.27`); undefined when absent (Docker then uses `latest`). */
  tag?: string;
  /** Digest when written: `sha256:<64 hex>`. */
  digest?: string;
  /** Fully qualified name without tag or digest: `docker.io/library/nginx`. */
  fullName: string;
}

/** A reference that does not follow the grammar. `reason` is a sentence for users. */
export class ImageRefError extends Error {
  readonly code = 'invalid-image-reference' as const;
}

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const DOMAIN_ONLY = new RegExp(`^${DOMAIN}$`);

/**
 * Parses an image reference. `pieces` tell where an interpolated reference came from, so that messages quote it
 * without secrets (`quoteValue`).
 * @throws ImageRefError when `raw` is not a valid reference (upper case in the repository, empty, bad digest).
 */
export function parseImageRef(raw: string, pieces?: readonly ValuePiece[]): ImageRef {
  const m = REFERENCE.exec(raw);
  if (!m) throw new ImageRefError(`${quoteValue(raw, pieces)} is not a valid image reference`);
  const name = m[1] as string;
  const slash = name.indexOf('/');
  let registry = 'docker.io';
  let repository = name;
  if (slash !== -1) {
    const first = name.slice(0, slash);
    if ((first.includes('.') || first.includes(':') || first === 'localhost') && DOMAIN_ONLY.test(first)) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const digest = m[3];
  if (digest?.startsWith('sha256:') && digest.length !== 7 + 64) {
    throw new ImageRefError(`${quoteValue(raw, pieces)} has a sha256 digest that is not 64 hex digits`);
  }
  const ref: ImageRef = { raw, registry, repository, fullName: `${registry}/${repository}` };
  if (m[2] !== undefined) ref.tag = m[2];
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Like parseImageRef, but returns undefined instead of throwing. */
export function tryParseImageRef(raw: string): ImageRef | undefined {
  try {
    return parseImageRef(raw);
  } catch {
    return undefined;
  }
}
