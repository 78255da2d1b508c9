import type { ImageSpec } from '../../model/index.js';
import type { Rule } from '../types.js';

/** A rule over an image config (ImageSpec): a Dockerfile's final stage, or a built image. */
export type ImageRule<M extends string = string> = Rule<ImageSpec, M>;

/** Declares an image rule with its message ids inferred. */
export function imageRule<M extends string>(rule: ImageRule<M>): ImageRule<M> {
  return rule;
}
