import type { DaemonSpec, Diagnostic, LiveContainerSpec } from '../../model/index.js';
import { containerToSpec } from './container.js';
import { infoToDaemonSpec } from './info.js';
import type { ContainerInspect, ImageInspect, NetworkInspect, SystemInfo } from './inspect-types.js';
import { parseLocatedJson } from './locate-text.js';
import { bridgeIcc } from './read.js';

/** The audit time fixtures are read at, so age rules give the same answer on every day. */
export const FIXTURE_AUDIT_TIME = '2026-01-01T00:00:00Z';

/** Extra answers a fixture may carry beside the container inspect JSON. */
export interface InspectFixtureExtras {
  /** Image inspect JSON of the containers' image (`docker image inspect`, object or one-element array). */
  image?: string;
  /** Network inspect JSON of the default `bridge` network. */
  bridge?: string;
  auditedAt?: string;
}

function firstObject(text: string): unknown {
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Reads saved `docker inspect` output (one container object, or the array `docker inspect` prints) into
 * LiveContainerSpecs whose locations carry line and column in that text, as the rule tests and
 * `audit engine --from-inspect`-style fixtures need. Syntax errors and non-object entries become
 * diagnostics; never throws on the main text (the extras are test inputs and must be valid JSON).
 */
export function loadInspectFixture(text: string, source: string, extras: InspectFixtureExtras = {}): { specs: LiveContainerSpec[]; diagnostics: Diagnostic[] } {
  const parsed = parseLocatedJson(text, source);
  if (parsed.diagnostics.length > 0) return { specs: [], diagnostics: parsed.diagnostics };
  const image = extras.image ? (firstObject(extras.image) as ImageInspect) : undefined;
  const icc = extras.bridge ? bridgeIcc(firstObject(extras.bridge) as NetworkInspect) : undefined;
  const auditedAt = extras.auditedAt ?? FIXTURE_AUDIT_TIME;
  const list = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const specs: LiveContainerSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  list.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      diagnostics.push({ code: 'not-a-mapping', severity: 'error', message: 'a container inspect entry must be a JSON object', at: { source } });
      return;
    }
    const prefix = Array.isArray(parsed.value) ? [i] : [];
    const ctx: Parameters<typeof containerToSpec>[1] = { auditedAt, locate: (path) => parsed.locate([...prefix, ...path]) };
    if (image) ctx.image = image;
    if (icc !== undefined) ctx.defaultBridgeIcc = icc;
    specs.push(containerToSpec(item as ContainerInspect, ctx));
  });
  return { specs, diagnostics };
}

/**
 * Reads saved `docker info` JSON (`docker info --format '{{json .}}'`) into a DaemonSpec with origin `engine`
 * whose locations carry line and column in that text. Syntax errors become diagnostics.
 */
export function loadInfoFixture(text: string, source: string): { specs: DaemonSpec[]; diagnostics: Diagnostic[] } {
  const parsed = parseLocatedJson(text, source);
  if (parsed.diagnostics.length > 0) return { specs: [], diagnostics: parsed.diagnostics };
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { specs: [], diagnostics: [{ code: 'not-a-mapping', severity: 'error', message: 'docker info output must be a JSON object', at: { source } }] };
  }
  const info = parsed.value as SystemInfo;
  return { specs: [infoToDaemonSpec(info, info.Name || 'engine', parsed.locate)], diagnostics: [] };
}
