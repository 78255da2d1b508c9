import type { LMap, LNode, LPair, LScalar, LSeq } from './tree.js';

/**
 * Merges compose files and `extends` bases the way compose does (compose-spec "Merge and override"):
 * mappings merge key by key, scalars are replaced, most sequences are appended without duplicates,
 * some sequences are merged by a key (volumes by target, secrets and configs by source, ports by their text),
 * some are replaced (command, entrypoint, healthcheck.test), and list-or-map fields (environment, labels,
 * sysctls...) merge by name. `!reset` removes a value; `!override` replaces it whole.
 * Nodes keep the location of the file that wrote them.
 */
export function mergeNodes(base: LNode | undefined, over: LNode, path: readonly string[]): LNode | undefined {
  if (over.tag === '!reset') return undefined;
  if (over.tag === '!override' || base === undefined) return withoutResets(over);
  const field = fieldOf(path);
  if (REPLACED.has(field)) return over;
  // `build: ./dir` is `build: { context: ./dir }` (compose-go's mergeBuildNode): a short form merges with a long one.
  if (field === 'build' && (base.kind === 'scalar') !== (over.kind === 'scalar')) return mergeNodes(buildMapping(base), buildMapping(over), path);
  if (NAME_MAPS.has(field) && (base.kind !== 'scalar' || over.kind !== 'scalar')) return mergeByName(base, over);
  if (field === 'logging' && base.kind === 'map' && over.kind === 'map') {
    const bd = scalarValue(base.entries.get('driver')?.value);
    const od = scalarValue(over.entries.get('driver')?.value);
    if (od !== undefined && bd !== undefined && od !== bd) return over;
  }
  if (base.kind === 'map' && over.kind === 'map') {
    const out: LMap = { ...over, entries: new Map(base.entries) };
    delete out.tag;
    for (const [name, pair] of over.entries) {
      const merged = mergeNodes(base.entries.get(name)?.value, pair.value, [...path, name]);
      if (merged === undefined) out.entries.delete(name);
      else out.entries.set(name, { key: pair.key, value: merged });
    }
    return out;
  }
  if (base.kind === 'seq' && over.kind === 'seq') {
    const keyOf = SEQ_KEYS[field] ?? scalarKey;
    const items = [...base.items];
    const index = new Map<string, number>();
    items.forEach((n, i) => {
      const k = keyOf(n);
      if (k !== undefined) index.set(k, i);
    });
    for (const n of over.items) {
      const k = keyOf(n);
      const at = k === undefined ? undefined : index.get(k);
      if (at !== undefined) items[at] = n;
      else {
        if (k !== undefined) index.set(k, items.length);
        items.push(n);
      }
    }
    const out: LSeq = { ...over, items };
    delete out.tag;
    return out;
  }
  return over;
}

/** The field name a path ends in, with the service level collapsed: `services.*.environment` -> `environment`. */
function fieldOf(path: readonly string[]): string {
  if (path[0] === 'services' && path.length >= 3) return path.slice(2).join('.');
  return path.join('.');
}

const REPLACED = new Set(['command', 'entrypoint', 'healthcheck.test', 'build.dockerfile_inline', 'dns', 'dns_search']);
const NAME_MAPS = new Set([
  'environment',
  'labels',
  'annotations',
  'sysctls',
  'extra_hosts',
  'build.args',
  'build.labels',
  'deploy.labels',
  'networks',
  'depends_on',
  'ulimits',
]);

/** The long form of a `build:` value: a scalar becomes `{ context: value }`, located where the value is written. */
function buildMapping(n: LNode): LNode {
  if (n.kind !== 'scalar' || n.value === null) return n;
  const key: LScalar = { kind: 'scalar', file: n.file, start: n.start, end: n.end, value: 'context' };
  return { kind: 'map', file: n.file, start: n.start, end: n.end, entries: new Map([['context', { key, value: n }]]) };
}

function stripTag(n: LNode): LNode {
  if (n.tag === undefined) return n;
  const copy = { ...n };
  delete copy.tag;
  return copy;
}

/**
 * A node as compose keeps it once its file is merged: untagged, with every value inside it tagged `!reset` taken
 * out (compose-go's ResetProcessor removes the reset paths from the merged model after each file, so a `!reset`
 * in the first file, or in a part of an override that nothing below it defines, also removes the value).
 * Returns `n` itself when nothing inside changes.
 */
export function withoutResets(n: LNode): LNode {
  if (n.kind === 'map') {
    let entries: Map<string, LPair> | undefined;
    for (const [name, pair] of n.entries) {
      const v = pair.value.tag === '!reset' ? undefined : withoutResets(pair.value);
      if (v === pair.value) continue;
      entries ??= new Map(n.entries);
      if (v === undefined) entries.delete(name);
      else entries.set(name, { key: pair.key, value: v });
    }
    return entries ? stripTag({ ...n, entries }) : stripTag(n);
  }
  if (n.kind === 'seq') {
    // A new list only from the first item that changes (nearly every list has none): every file's tree goes through here.
    let items: LNode[] | undefined;
    for (let i = 0; i < n.items.length; i++) {
      const item = n.items[i] as LNode;
      const v = item.tag === '!reset' ? undefined : withoutResets(item);
      if (v !== item) items ??= n.items.slice(0, i);
      if (items && v !== undefined) items.push(v);
    }
    return items ? stripTag({ ...n, items }) : stripTag(n);
  }
  return stripTag(n);
}

function scalarValue(n: LNode | undefined): string | undefined {
  return n?.kind === 'scalar' && n.value !== null ? String(n.value) : undefined;
}

function scalarKey(n: LNode): string | undefined {
  return scalarValue(n);
}

function mapField(n: LNode, key: string): string | undefined {
  return n.kind === 'map' ? scalarValue(n.entries.get(key)?.value) : undefined;
}

const SEQ_KEYS: Record<string, (n: LNode) => string | undefined> = {
  volumes: (n) => (n.kind === 'map' ? mapField(n, 'target') : volumeTarget(scalarValue(n))),
  secrets: (n) => (n.kind === 'map' ? mapField(n, 'source') : scalarValue(n)),
  configs: (n) => (n.kind === 'map' ? mapField(n, 'source') : scalarValue(n)),
  devices: (n) => (n.kind === 'map' ? mapField(n, 'target') : scalarValue(n)?.split(':')[1]),
};

function volumeTarget(spec: string | undefined): string | undefined {
  if (spec === undefined) return undefined;
  const parts = spec.split(':');
  if (parts.length === 1) return parts[0];
  const second = parts[1] as string;
  return second.startsWith('/') || parts.length > 2 ? second : (parts[0] as string);
}

/**
 * Turns a list-or-map field (`environment: [A=1]` or `environment: {A: 1}`) into a name-keyed map of
 * pairs. For list items, the key and the value both point at the item (where the value is written).
 */
export function toNameMap(n: LNode): LMap | undefined {
  if (n.kind === 'map') return n;
  if (n.kind !== 'seq') return undefined;
  const entries = new Map<string, LPair>();
  for (const item of n.items) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const text = String(item.value);
    const eq = text.indexOf('=');
    const name = eq === -1 ? text : text.slice(0, eq);
    const value: LScalar = { ...item, value: eq === -1 ? null : text.slice(eq + 1) };
    entries.set(name, { key: { ...item, value: name }, value });
  }
  return { kind: 'map', file: n.file, start: n.start, end: n.end, entries };
}

function mergeByName(base: LNode, over: LNode): LNode {
  const b = toNameMap(base);
  const o = toNameMap(over);
  if (!b || !o) return over;
  const out: LMap = { ...o, entries: new Map(b.entries) };
  delete out.tag;
  for (const [name, pair] of o.entries) {
    if (pair.value.tag === '!reset') out.entries.delete(name);
    else out.entries.set(name, pair);
  }
  return out;
}
