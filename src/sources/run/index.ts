import { Document } from 'yaml';
import { type ContainerSpec, type Diagnostic, LineIndex } from '../../model/index.js';
import { parseDockerRun } from './argv.js';
import { extractShell, hasShellShebang, type RunFileKind, runFileKind, type ShellBlock } from './extract.js';
import { lexShell, type ShellDialect } from './shell.js';
import { type ComposeService, specToComposeService } from './to-compose.js';
import { runToSpec } from './to-model.js';
import { validateShellBlocks } from './validate.js';

export { type ParsedRun, parseDockerRun, type RunOption } from './argv.js';
export { extractShell, hasShellShebang, type RunFileKind, runFileKind, type ShellBlock } from './extract.js';
export { FLAGS_BY_NAME, FLAGS_BY_SHORT, RUN_FLAGS, type RunFlag } from './flags.js';
export { lexShell, type ShellDialect, type ShellWord } from './shell.js';
export { type ComposeService, specToComposeService } from './to-compose.js';
export { parseDevice, parseMountOpt, parseRestart, runToSpec } from './to-model.js';

/** Run lines found in a text: one ContainerSpec per `docker run`/`docker create`, and input problems. */
export interface RunScan {
  specs: ContainerSpec[];
  diagnostics: Diagnostic[];
}

/** Files larger than this are not scanned for run lines (a `too-large` diagnostic). */
export const MAX_RUN_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Finds and maps the `docker run` / `docker create` commands of shell blocks (synchronous; no shell-grammar
 * validation beyond the lexer's own: unterminated quotes, unclosed `$(`, here-documents). Lexing problems
 * become located `shell-syntax` diagnostics and the block's commands before the problem are still checked.
 * @param source the file name shown in findings
 */
export function scanShellBlocks(text: string, blocks: readonly ShellBlock[], source: string, index = new LineIndex(text)): RunScan {
  const specs: ContainerSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const b of blocks) {
    if (!/docker/.test(b.text)) continue;
    const lexed = lexShell(b.text, b.base, b.dialect);
    for (const e of lexed.errors)
      diagnostics.push({ code: 'shell-syntax', severity: 'error', message: e.message, at: index.location(source, e.offset, e.offset + 1) });
    const commands = [...lexed.commands].sort((a, c) => (a[0]?.start ?? 0) - (c[0]?.start ?? 0));
    for (const words of commands) {
      const run = parseDockerRun(words);
      if (!run) continue;
      const spec = runToSpec(run, source, index, diagnostics);
      if (spec) specs.push(spec);
    }
  }
  return { specs, diagnostics };
}

/**
 * Scans shell text that is itself the command (`bulwark scan --command`, rule-test cases): `<placeholder>`
 * words, as documentation prints them, are taken as unknown values rather than redirections.
 */
export function scanRunCommand(text: string, source = '<command>', dialect: ShellDialect = 'doc'): RunScan {
  return scanShellBlocks(text, [{ text, base: 0, dialect }], source);
}

/** The guards every run-line file goes through: size, NUL bytes. Returns a diagnostic when the file is refused. */
function guard(text: string, source: string, index: LineIndex): Diagnostic | undefined {
  if (text.length > MAX_RUN_FILE_BYTES) {
    return {
      code: 'too-large',
      severity: 'error',
      message: `file is over the ${MAX_RUN_FILE_BYTES}-byte limit for run lines; not scanned`,
      at: index.location(source, 0, 0),
    };
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1)
    return { code: 'binary', severity: 'error', message: 'binary file (contains NUL bytes); not scanned', at: index.location(source, nul, nul + 1) };
  return undefined;
}

/**
 * Scans one file of a run-line kind (synchronously, without the shell-grammar check of scanRunFileAsync).
 * @param kind the file kind; undefined to decide from `path` and a shell shebang
 * @returns undefined when the file holds no shell at all (no known kind, no shebang)
 */
export function scanRunFile(path: string, text: string, source: string, kind?: RunFileKind): RunScan | undefined {
  const k = kind ?? runFileKind(path) ?? (hasShellShebang(text) ? 'shell' : undefined);
  if (k === undefined) return undefined;
  const index = new LineIndex(text);
  const refused = guard(text, source, index);
  if (refused) return { specs: [], diagnostics: [refused] };
  const { blocks, errors } = extractShell(k, text);
  const diagnostics: Diagnostic[] = errors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: e.message,
    at: index.location(source, e.offset, e.offset + 1),
  }));
  const r = scanShellBlocks(text, blocks, source, index);
  return { specs: r.specs, diagnostics: [...diagnostics, ...r.diagnostics] };
}

/**
 * Like scanRunFile, and first checks the shell grammar of every block that mentions docker with mvdan/sh
 * (`sh-syntax`): a block the shell would refuse gets a located `shell-syntax` diagnostic and is not scanned.
 */
export async function scanRunFileAsync(path: string, text: string, source: string, kind?: RunFileKind): Promise<RunScan | undefined> {
  const k = kind ?? runFileKind(path) ?? (hasShellShebang(text) ? 'shell' : undefined);
  if (k === undefined) return undefined;
  const index = new LineIndex(text);
  const refused = guard(text, source, index);
  if (refused) return { specs: [], diagnostics: [refused] };
  const { blocks, errors } = extractShell(k, text);
  const diagnostics: Diagnostic[] = errors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: e.message,
    at: index.location(source, e.offset, e.offset + 1),
  }));
  const candidates = blocks.filter((b) => /docker/.test(b.text));
  const invalid = await validateShellBlocks(text, candidates, source, index);
  diagnostics.push(...invalid.diagnostics);
  const r = scanShellBlocks(
    text,
    candidates.filter((b) => !invalid.refused.has(b)),
    source,
    index,
  );
  return { specs: r.specs, diagnostics: [...diagnostics, ...r.diagnostics] };
}

/** The result of converting run lines to compose. */
export interface RunToCompose {
  /** A compose file with one service per run line; empty when no line could be read. */
  yaml: string;
  services: { name: string; service: ComposeService; dropped: string[] }[];
  diagnostics: Diagnostic[];
}

/**
 * Converts the `docker run` / `docker create` commands of a text to an equivalent compose file (one service per
 * command; names from `--name`, else `app`, `app-2`...). Options compose cannot express are listed per service
 * in `dropped`, and as a comment in the YAML.
 */
export function runLinesToCompose(text: string, source = '<command>'): RunToCompose {
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const lexed = lexShell(text, 0, 'doc');
  for (const e of lexed.errors)
    diagnostics.push({ code: 'shell-syntax', severity: 'error', message: e.message, at: index.location(source, e.offset, e.offset + 1) });
  const services: RunToCompose['services'] = [];
  const used = new Set<string>();
  for (const words of lexed.commands) {
    const run = parseDockerRun(words);
    if (!run) continue;
    const spec = runToSpec(run, source, index, diagnostics);
    if (!spec) continue;
    const converted = specToComposeService(spec, run);
    let name = converted.name;
    for (let n = 2; used.has(name); n++) name = `${converted.name}-${n}`;
    used.add(name);
    services.push({ ...converted, name });
  }
  if (services.length === 0) return { yaml: '', services, diagnostics };
  const doc = new Document({ services: Object.fromEntries(services.map((s) => [s.name, s.service])) });
  const dropped = services.flatMap((s) => s.dropped.map((d) => `${s.name}: ${d}`));
  if (dropped.length > 0) doc.commentBefore = ` Not carried over (no compose equivalent):\n${dropped.map((d) => `   ${d}`).join('\n')}`;
  return { yaml: doc.toString({ lineWidth: 0 }), services, diagnostics };
}
