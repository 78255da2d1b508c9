import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';

/** A stack frame's position in a file: `(/path/dist/bulwark.cjs:1:23456)` or a bare `at /path/file.cjs:1:2`. */
const FRAME = /(\(|at )([^()\s]+\.c?js):(\d+):(\d+)(\)?)$/;

/**
 * A stack trace with each frame of a bundled file given its place in the TypeScript sources, read from the source
 * map beside it (`dist/bulwark.cjs.map`, which the build writes): `at scan (/repo/src/pipeline/scan.ts:120:7 [/repo/dist/bulwark.cjs:1:23456])` (source paths
 * made absolute from the map's folder).
 * The bundle is minified for whitespace, so its own positions say little; Node.js 20 does not apply source maps
 * to the `vm.Script` the launcher runs it in, even with --enable-source-maps. Frames of files without a readable
 * source map, and positions the map does not cover, are left as they are. Used for BULWARK_DEBUG=1 only; never throws.
 * @param stack an Error's `stack`
 */
export function sourceMappedStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack
    .split('\n')
    .map((line) => {
      const m = FRAME.exec(line);
      if (!m) return line;
      const [all, open, file, lineText, columnText, close] = m as unknown as [string, string, string, string, string, string];
      if (!maps.has(file)) maps.set(file, readSourceMap(`${file}.map`));
      const entry = maps.get(file)?.findEntry(Number(lineText) - 1, Number(columnText) - 1) as
        | Partial<{ originalSource: string; originalLine: number; originalColumn: number }>
        | undefined;
      if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return line;
      const source = resolve(dirname(file), entry.originalSource);
      const mapped = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1} [${file}:${lineText}:${columnText}]`;
      return `${line.slice(0, line.length - all.length)}${open}${mapped}${close}`;
    })
    .join('\n');
}

/** The source map in a file, or undefined when it is missing or not a source map. */
function readSourceMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload);
  } catch {
    return undefined;
  }
}
