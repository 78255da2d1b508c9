import type { SuppressionSubject } from '../../model/index.js';
import type { Rule } from '../types.js';
import { suppressionWithoutReason } from './suppression-without-reason.js';
import { unusedSuppression } from './unused-suppression.js';

/** Bulwark's own rules (BW9xxx) over the suppression comments of a file, in id order. */
export const SUPPRESSION_RULES: readonly Rule<SuppressionSubject>[] = [suppressionWithoutReason, unusedSuppression] as Rule<SuppressionSubject>[];
