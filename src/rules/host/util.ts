import type { HostSpec } from '../../model/index.js';
import { defineRule, type Rule } from '../types.js';

/** A rule over HostSpec (the machine Docker runs on, read below --root). */
export type HostRule<M extends string = string> = Rule<HostSpec, M>;

/** Declares a host rule. */
export function hostRule<M extends string>(rule: HostRule<M>): HostRule<M> {
  return defineRule(rule);
}

/** Formats permission bits as octal text: `0644`. */
export function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

/** True when `mode` grants no permission bit outside `max` (both are numbers: compare octal literals, never decimal text). */
export function modeWithin(mode: number, max: number): boolean {
  return (mode & ~max & 0o7777) === 0;
}
