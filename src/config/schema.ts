import { type RuleMeta, SEVERITIES } from '../rules/index.js';

/** File names of the configuration file, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = ['.bulwark.yaml', '.bulwark.yml'] as const;

/** A JSON Schema value (draft-07), as plain data. */
export type JsonSchema = Record<string, unknown>;

/** The schema of one rule's `options` mapping: its documented options, nothing else. */
export function optionsSchema(m: RuleMeta): JsonSchema {
  const options = Object.entries(m.options ?? {});
  return { type: 'object', additionalProperties: false, properties: Object.fromEntries(options.map(([k, o]) => [k, optionSchema(o.default, o.description)])) };
}

/**
 * A compact schema, equivalent to configSchema for everything but the rules' options (which are left as a
 * mapping, to be checked with optionsSchema per configured rule). It compiles in milliseconds, where the full
 * schema takes most of a second with ajv: this one is used at run time, the full one is published for editors.
 */
export function runtimeConfigSchema(metas: readonly RuleMeta[]): JsonSchema {
  const full = configSchema(metas) as { properties: Record<string, JsonSchema>; definitions: Record<string, JsonSchema> };
  return {
    ...full,
    properties: {
      ...full.properties,
      rules: {
        type: 'object',
        propertyNames: { enum: metas.flatMap((m) => [m.id, m.name]) },
        additionalProperties: { $ref: '#/definitions/anyRuleEntry' },
      },
    },
    definitions: { ...full.definitions, anyRuleEntry: ruleEntrySchema({ type: 'object' }) },
  };
}

/** The schema of one option, from the type of its default (arrays of strings, numbers, booleans, strings). */
function optionSchema(def: unknown, description: string): JsonSchema {
  if (Array.isArray(def)) {
    const first = def[0];
    const item = typeof first === 'number' ? { type: 'number' } : typeof first === 'boolean' ? { type: 'boolean' } : { type: 'string' };
    return { type: 'array', items: item, description };
  }
  if (typeof def === 'number') return { type: 'number', description };
  if (typeof def === 'boolean') return { type: 'boolean', description };
  if (typeof def === 'string') return { type: 'string', description };
  if (def !== null && typeof def === 'object') return { type: 'object', description };
  return { description };
}

/** The schema of one rule's entry under `rules:`: a shorthand word or a mapping (enabled, severity, options). */
function ruleEntrySchema(options: JsonSchema): JsonSchema {
  return {
    if: { type: 'object' },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
    then: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', description: 'false switches the rule off' },
        severity: { $ref: '#/definitions/severity' },
        options,
      },
    },
    else: { enum: ['off', 'on', true, false, ...SEVERITIES] },
  };
}

/**
 * The JSON Schema (draft-07) of `.bulwark.yaml`, generated from rule metadata (STYLE.md habit 1) so that every
 * rule id and name, and every documented option, is known; anything else is an error. Published as
 * docs/schema/bulwark-config.schema.json (a test fails when that file drifts).
 */
export function configSchema(metas: readonly RuleMeta[]): JsonSchema {
  const rules: Record<string, JsonSchema> = {};
  for (const m of metas) {
    const options = Object.entries(m.options ?? {});
    const entry: JsonSchema = options.length === 0 ? { $ref: '#/definitions/ruleEntry' } : ruleEntrySchema(optionsSchema(m));
    rules[m.id] = { description: `${m.id} ${m.name}: ${m.title} (default severity ${m.severity})`, allOf: [entry] };
    rules[m.name] = { $ref: `#/properties/rules/properties/${m.id}` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/bulwark-hardening/bulwark/blob/main/docs/schema/bulwark-config.schema.json',
    title: 'Bulwark configuration (.bulwark.yaml)',
    description: 'Documented in docs/configuration.md. Generated from the rules metadata.',
    type: 'object',
    additionalProperties: false,
    properties: {
      'fail-on': { enum: [...SEVERITIES, 'none'], description: 'exit 1 when a finding is at or above this severity (--fail-on wins)' },
      ignore: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'paths to leave out, as globs relative to this file' },
      baseline: { type: 'string', minLength: 1, description: 'baseline file, relative to this file (--baseline wins)' },
      rules: { type: 'object', additionalProperties: false, properties: rules, description: 'per rule, by id or name: off, on, a severity, or a mapping' },
    },
    definitions: {
      severity: { enum: [...SEVERITIES] },
      ruleEntry: ruleEntrySchema({ type: 'object', additionalProperties: false, properties: {}, description: 'this rule has no options' }),
    },
  };
}
