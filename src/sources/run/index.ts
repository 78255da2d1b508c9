import { Document, isScalar, visit } from 'yaml';
import { type ContainerSpec, type Diagnostic, type EnvVar, LineIndex, quoteValue, type Sourced, unknown } from '../../model/index.js';
import { type ParsedRun, parseCreateOptions, parseDockerRun } from './argv.js';
import { extractShell, hasShellShebang, type RunFileKind, runFileKind, type ShellBlock } from './extract.js';
import { lexNested, lexShell, nestedCommandWord, type ShellCommand, type ShellDialect, type ShellWord } from './shell.js';
import { type ComposeService, type ComposeTopLevel, composeInterpolation, specToComposeService } from './to-compose.js';
import { runToSpec } from './to-model.js';
import { validateShellBlocks } from './validate.js';

export { type ParsedRun, parseDockerRun, type RunOption } from './argv.js';
export { extractShell, hasShellShebang, type RunFileKind, runFileKind, type ShellBlock } from './extract.js';
export { FLAGS_BY_NAME, FLAGS_BY_SHORT, RUN_FLAGS, type RunFlag } from './flags.js';
export { lexShell, type ShellDialect, type ShellWord } from './shell.js';
export { type ComposeService, type ComposeTopLevel, specToComposeService } from './to-compose.js';
export { parseDevice, parseMountOpt, parseRestart, runToSpec } from './to-model.js';

/** Run lines found in a text: one ContainerSpec per `docker run`/`docker create`, and input problems. */
export interface RunScan {
  specs: ContainerSpec[];
  diagnostics: Diagnostic[];
}

/** Files larger than this are not scanned for run lines (a `too-large` diagnostic). */
export const MAX_RUN_FILE_BYTES = 8 * 1024 * 1024;

/** A shell block lexed once: its commands, the docker run/create invocations among them, and lexer errors. */
interface LexedBlock {
  block: ShellBlock;
  runs: ParsedRun[];
  errors: { offset: number; message: string }[];
}

/** Command strings run through another shell (`sh -c '...'`, `ssh host '...'`) are followed this deep. */
const MAX_COMMAND_STRING_DEPTH = 4;

/** True for a block that may hold a docker run line, or that is docker create options. */
function mayRun(b: ShellBlock): boolean {
  return b.createOptions !== undefined || /docker/.test(b.text);
}

/**
 * A block of docker create options (a workflow container's `options:`): its words, all of them options, with the
 * `options` key standing for the `docker` word and the container's `image:` as the image.
 */
function lexCreateOptions(b: ShellBlock, co: NonNullable<ShellBlock['createOptions']>): LexedBlock {
  const lexed = lexShell(b.text, b.base, b.dialect);
  const at: ShellWord = { text: 'options', rawText: 'options', start: co.key.start, end: co.key.end, offsets: [] };
  let image: ShellWord | undefined;
  if (co.image) {
    const i = lexShell(co.image.text, co.image.base, co.image.dialect);
    const only = i.commands.length === 1 && i.errors.length === 0 ? i.commands[0] : undefined;
    const start = co.image.base;
    const end = co.image.base + co.image.text.length;
    image =
      only?.length === 1
        ? (only[0] as ShellWord)
        : {
            text: '',
            rawText: co.image.text,
            start,
            end,
            offsets: [],
            unknown: unknown(`image ${JSON.stringify(co.image.text)} is not one word`, co.image.text),
          };
  }
  return { block: b, runs: [parseCreateOptions(lexed.commands.flat(), at, image, co.subject)], errors: lexed.errors };
}

function lexBlock(b: ShellBlock): LexedBlock {
  if (b.createOptions) return lexCreateOptions(b, b.createOptions);
  const lexed = lexShell(b.text, b.base, b.dialect);
  const commands = [...lexed.commands];
  const errors = [...lexed.errors];
  // Follow `sh -c 'docker run ...'` and `ssh host 'docker run ...'`, located at the characters of the string.
  let frontier = lexed.commands;
  for (let depth = 0; depth < MAX_COMMAND_STRING_DEPTH && frontier.length > 0; depth++) {
    const next: ShellCommand[] = [];
    for (const words of frontier) {
      const w = nestedCommandWord(words);
      if (!w || !/docker/.test(w.text)) continue;
      const inner = lexNested(w, b.dialect);
      next.push(...inner.commands);
      errors.push(...inner.errors);
    }
    commands.push(...next);
    frontier = next;
  }
  commands.sort((x, y) => (x[0]?.start ?? 0) - (y[0]?.start ?? 0));
  const runs: ParsedRun[] = [];
  for (const words of commands) {
    const run = parseDockerRun(words);
    if (run) runs.push(run);
  }
  return { block: b, runs, errors };
}

function specsOf(lexed: readonly LexedBlock[], source: string, index: LineIndex): RunScan {
  const specs: ContainerSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const l of lexed) {
    for (const e of l.errors)
      diagnostics.push({ code: 'shell-syntax', severity: 'error', message: e.message, at: index.location(source, e.offset, e.offset + 1) });
    for (const run of l.runs) {
      const spec = runToSpec(run, source, index, diagnostics);
      if (spec) specs.push(spec);
    }
  }
  return { specs, diagnostics };
}

/**
 * Finds and maps the `docker run` / `docker create` commands of shell blocks (synchronous; no shell-grammar
 * validation beyond the lexer's own: unterminated quotes, unclosed `$(`, here-documents). Lexing problems
 * become located `shell-syntax` diagnostics and the block's commands before the problem are still checked.
 * @param source the file name shown in findings
 */
export function scanShellBlocks(text: string, blocks: readonly ShellBlock[], source: string, index = new LineIndex(text)): RunScan {
  return specsOf(blocks.filter(mayRun).map(lexBlock), source, index);
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

/** One file to scan for run lines. `kind` undefined: decided from the path and a shell shebang. */
export interface RunFileInput {
  path: string;
  text: string;
  /** The file name shown in findings. */
  source: string;
  kind?: RunFileKind;
}

/** A file after extraction and lexing, before the grammar check. */
interface PreparedFile {
  source: string;
  index: LineIndex;
  text: string;
  diagnostics: Diagnostic[];
  lexed: LexedBlock[];
}

function prepare(f: RunFileInput): PreparedFile | undefined {
  const k = f.kind ?? runFileKind(f.path) ?? (hasShellShebang(f.text) ? 'shell' : undefined);
  if (k === undefined) return undefined;
  const index = new LineIndex(f.text);
  const refused = guard(f.text, f.source, index);
  if (refused) return { source: f.source, index, text: f.text, diagnostics: [refused], lexed: [] };
  const { blocks, errors } = extractShell(k, f.text);
  const diagnostics: Diagnostic[] = errors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: e.message,
    at: index.location(f.source, e.offset, e.offset + 1),
  }));
  const lexed = blocks.filter(mayRun).map(lexBlock);
  return { source: f.source, index, text: f.text, diagnostics, lexed };
}

/**
 * Scans one file of a run-line kind (synchronously, without the shell-grammar check of scanRunFilesAsync).
 * @param kind the file kind; undefined to decide from `path` and a shell shebang
 * @returns undefined when the file holds no shell at all (no known kind, no shebang)
 */
export function scanRunFile(path: string, text: string, source: string, kind?: RunFileKind): RunScan | undefined {
  const p = prepare(kind === undefined ? { path, text, source } : { path, text, source, kind });
  if (!p) return undefined;
  const r = specsOf(p.lexed, p.source, p.index);
  return { specs: r.specs, diagnostics: [...p.diagnostics, ...r.diagnostics] };
}

/**
 * Like scanRunFile for many files, and first checks the shell grammar with mvdan/sh (`sh-syntax`) of every block
 * that holds a docker run/create command or that the lexer found broken: a block the shell would refuse gets a
 * located `shell-syntax` diagnostic and is not scanned. All files are checked in one parser call (plus about two per
 * refused block), since each call starts a fresh WASM Go runtime.
 * @returns one result per input, undefined for files that hold no shell
 */
export async function scanRunFilesAsync(files: readonly RunFileInput[]): Promise<(RunScan | undefined)[]> {
  const prepared = files.map(prepare);
  const toCheck = prepared.flatMap((p) =>
    p
      ? p.lexed
          // docker create options are no shell script: the lexer alone reads them.
          .filter((l) => !l.block.createOptions && (l.runs.length > 0 || l.errors.length > 0))
          .map((l) => ({ text: p.text, block: l.block, source: p.source, index: p.index }))
      : [],
  );
  const { diagnostics, refused } = await validateShellBlocks(toCheck);
  return prepared.map((p) => {
    if (!p) return undefined;
    const mine = diagnostics.filter((d) => d.at.source === p.source);
    const kept = p.lexed.filter((l) => !refused.has(l.block));
    // docker create options were not given to the shell parser: their lexer errors stay errors.
    const r = specsOf(
      kept.map((l) => (l.block.createOptions ? l : { ...l, errors: [] })),
      p.source,
      p.index,
    );
    // The shell parser accepted these blocks, so where the built-in lexer stopped, the lexer is at fault: a
    // warning says which part of the block was not checked.
    const lexerLimits: Diagnostic[] = kept.flatMap((l) =>
      (l.block.createOptions ? [] : l.errors).map((e) => ({
        code: 'shell-syntax' as const,
        severity: 'warning' as const,
        message: `${e.message} (the shell accepts it; the rest of this block is not checked)`,
        at: p.index.location(p.source, e.offset, e.offset + 1),
      })),
    );
    return { specs: r.specs, diagnostics: [...p.diagnostics, ...mine, ...lexerLimits, ...r.diagnostics] };
  });
}

/** scanRunFilesAsync for one file. */
export async function scanRunFileAsync(path: string, text: string, source: string, kind?: RunFileKind): Promise<RunScan | undefined> {
  const [r] = await scanRunFilesAsync([kind === undefined ? { path, text, source } : { path, text, source, kind }]);
  return r;
}

/**
 * Characters no compose value may hold: YAML parsers that follow YAML 1.1 (go-yaml, which compose uses) read NEL,
 * U+2028 and U+2029 as line breaks, which the YAML writer leaves as they are (a value could then start a key of
 * its own), and DEL, the C1 controls, a byte order mark and U+FFFE/U+FFFF make compose refuse the file. Newlines,
 * tabs and other control characters are written quoted and escaped.
 */
const NOT_IN_COMPOSE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/**
 * Checks the words of a run line for what cannot go into a compose file: a character of NOT_IN_COMPOSE (an
 * error: the line is not converted) and a run-time part compose cannot compute (`$(date)`, `$1`: a warning, the
 * part is written as literal text).
 * @returns false when the line is refused
 */
function composable(words: readonly ShellWord[], run: ParsedRun, source: string, index: LineIndex, diagnostics: Diagnostic[]): boolean {
  let ok = true;
  for (const w of words) {
    if (w.start < run.dockerWord.start) continue;
    const at = index.location(source, w.start, w.end);
    const bad = NOT_IN_COMPOSE.exec(w.rawText);
    if (bad) {
      const code = `U+${(bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
      diagnostics.push({
        code: 'invalid-value',
        severity: 'error',
        message: `${code} cannot be written to a compose file (a YAML reader takes it for a line break or refuses it)`,
        at,
      });
      ok = false;
    }
    for (const p of w.parts ?? []) {
      if (typeof p === 'string' || !/[$`]/.test(p.raw ?? '') || composeInterpolation(p) !== undefined) continue;
      diagnostics.push({
        code: 'invalid-interpolation',
        severity: 'warning',
        message: `${quoteValue(p.raw ?? '')} is expanded by the shell when the line runs; compose cannot do that, so the compose file holds it as literal text`,
        at,
      });
    }
  }
  return ok;
}

/** The result of converting run lines to compose. */
export interface RunToCompose {
  /** A compose file with one service per run line; empty when no line could be read. */
  yaml: string;
  services: { name: string; service: ComposeService; dropped: string[]; topLevel: ComposeTopLevel; secrets: string[] }[];
  diagnostics: Diagnostic[];
}

/** Which environment variables of a container hold a secret written in its definition (see specToComposeService). */
export type SecretEnvJudge = (spec: ContainerSpec) => ReadonlySet<Sourced<EnvVar>>;

/** Where a container's command, entrypoint, health command and labels hold a literal secret (offsets in the text; BW1032). */
export type LiteralSecretJudge = (spec: ContainerSpec) => readonly number[];

/**
 * Converts the `docker run` / `docker create` commands of a text to an equivalent compose file (one service per
 * command; names from `--name`, else `app`, `app-2`...), with the top-level `volumes:` (named volumes) and
 * `networks:` (external: docker run only joins existing networks) the services refer to. Options compose cannot
 * express (`--rm`, `-d`, `--cidfile`...) are listed per service in `dropped`, and as a comment at the top of the YAML.
 */
export function runLinesToCompose(text: string, source = '<command>', secretEnv?: SecretEnvJudge, literalSecrets?: LiteralSecretJudge): RunToCompose {
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
    if (!composable(words, run, source, index, diagnostics)) continue;
    const spec = runToSpec(run, source, index, diagnostics);
    if (!spec) continue;
    const converted = specToComposeService(spec, run, secretEnv?.(spec), literalSecrets?.(spec));
    let name = converted.name;
    for (let n = 2; used.has(name); n++) name = `${converted.name}-${n}`;
    used.add(name);
    services.push({ ...converted, name });
  }
  if (services.length === 0) return { yaml: '', services, diagnostics };
  const volumes = Object.assign({}, ...services.map((s) => s.topLevel.volumes)) as Record<string, unknown>;
  const networks = Object.assign({}, ...services.map((s) => s.topLevel.networks)) as Record<string, unknown>;
  const doc = new Document({
    services: Object.fromEntries(services.map((s) => [s.name, s.service])),
    ...(Object.keys(volumes).length > 0 ? { volumes } : {}),
    ...(Object.keys(networks).length > 0 ? { networks } : {}),
  });
  // A key written `<<` is a merge key to compose's YAML reader (and to Bulwark's): `-e '<<=1'` or `--network '<<'`
  // must come out quoted, as the plain string it is.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') pair.key.type = 'QUOTE_DOUBLE';
    },
  });
  const dropped = services.flatMap((s) => s.dropped.map((d) => `${s.name}: ${d}`));
  const notes: string[] = [];
  if (dropped.length > 0) notes.push(` Not carried over (no compose equivalent):\n${dropped.map((d) => `   ${d}`).join('\n')}`);
  const secrets = services.flatMap((s) => s.secrets.map((v) => `${s.name}: ${v}`));
  if (secrets.length > 0)
    notes.push(
      ` Secrets not copied (compose reads each from the environment or .env; better, a compose secret, see BW1024):\n${secrets.map((d) => `   ${d}`).join('\n')}`,
    );
  if (notes.length > 0) doc.commentBefore = notes.join('\n');
  return { yaml: doc.toString({ lineWidth: 0 }), services, diagnostics };
}
