import { type Diagnostic, quoteValue } from '../../model/index.js';
import { closestKey } from './service-keys.js';
import { type LMap, locate } from './tree.js';

/**
 * The top-level keys of a compose file, as the compose-spec JSON schema defines them (compose-go
 * schema/compose-spec.json: `properties` `version, name, include, services, models, networks, volumes, secrets,
 * configs`, with `patternProperties: {"^x-": {}}` and `additionalProperties: false`). compose refuses a file with any
 * other key at the top level.
 */
export const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['version', 'name', 'include', 'services', 'models', 'networks', 'volumes', 'secrets', 'configs']);

/**
 * Reports each top-level key of `root` (a project's merged top level; each key keeps the file, line and column that
 * wrote it) that the compose-spec does not define as an `invalid-value` error at the key, naming the nearest valid
 * key (`Services:`, `sevices:` and `service:` name `services`): compose refuses such a file, and the services under a
 * misspelt `services:` would otherwise be judged nowhere. `x-` extensions are fine. The key is quoted through
 * quoteValue (cut past 120 characters, masked when secret-shaped): YAML takes implicit keys of up to 1,024.
 */
export function checkTopLevelKeys(root: LMap, diagnostics: Diagnostic[]): void {
  for (const [name, pair] of root.entries) {
    if (TOP_LEVEL_KEYS.has(name) || name.startsWith('x-')) continue;
    const near = closestKey(name, TOP_LEVEL_KEYS);
    diagnostics.push({
      code: 'invalid-value',
      severity: 'error',
      message: `unknown top-level key ${quoteValue(name)}${near ? ` (did you mean "${near}"?)` : ''}: compose refuses a file with a key the compose-spec does not define${near === 'services' ? ', and nothing under it is judged' : ''}`,
      at: locate(pair.key, name),
    });
  }
}
