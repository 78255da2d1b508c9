import type { Location } from '../../model/index.js';

/** A JSON path as segments: object keys and array indices (`['HostConfig', 'CapAdd', 1]`). */
export type JsonPath = readonly (string | number)[];

/**
 * Gives the text position of a JSON path, when the JSON came from a text Bulwark can point into (a fixture
 * file, a test case); live API answers have no text to point into, so the locator returns undefined.
 */
export type JsonLocator = (path: JsonPath) => Pick<Location, 'line' | 'column' | 'endLine' | 'endColumn' | 'offset' | 'endOffset'> | undefined;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Formats a JSON path the way Location.path shows it: dotted keys, `[i]` indices, and keys that are not
 * plain identifiers in brackets and quotes (`HostConfig.PortBindings["80/tcp"][0]`).
 */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Builds the Location of a value at `path` in the JSON of `source` (`container:web`, `image:app:1`). */
export function jsonLocation(source: string, path: JsonPath, locate?: JsonLocator): Location {
  const at: Location = { source, path: formatJsonPath(path) };
  const pos = locate?.(path);
  if (pos) Object.assign(at, pos);
  return at;
}
