import type { ImageSpec } from '../../model/index.js';
import type { Rule } from '../types.js';

/** A rule over an image config (ImageSpec): a Dockerfile's final stage, or a built image. */
export type ImageRule<M extends string = string> = Rule<ImageSpec, M>;

/** Declares an image rule with its message ids inferred. */
export function imageRule<M extends string>(rule: ImageRule<M>): ImageRule<M> {
  return rule;
}

/**
 * True for values that stand for a secret without being one (`changeme`, `<token>`, `xxx`, `dummy`): a
 * template default, not a credential that leaks. Shared by the Dockerfile and image secret rules.
 */
export function isPlaceholderValue(value: string): boolean {
  return /^(?:change[-_ ]?me(?:[-_ ].*)?|replace[-_ ]?me|to[-_ ]?do|tbd|x{3,}|\*{3,}|dummy|placeholder|example|sample|fake|test|none|null|undefined|<[^>]*>|\{\{[^}]*\}\})$/i.test(
    value.trim(),
  );
}
