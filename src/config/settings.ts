import { defaultOptions, type RuleSettings, type SettingsLookup } from '../check/run-rules.js';
import type { BulwarkConfig } from './load.js';

/**
 * The settings lookup a configuration gives (check/run-rules.ts SettingsLookup): rules on or off, severity
 * overrides, and options merged over each rule's documented defaults. Without a configuration: the defaults.
 */
export function settingsFromConfig(config: BulwarkConfig | undefined): SettingsLookup {
  return (meta) => {
    const rc = config?.rules.get(meta.id);
    const s: RuleSettings = { enabled: rc?.enabled ?? true, options: { ...defaultOptions(meta), ...(rc?.options ?? {}) } };
    if (rc?.severity !== undefined) s.severity = rc.severity;
    return s;
  };
}
