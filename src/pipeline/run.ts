import { basename } from 'node:path';
import { checkContainer, type Finding } from '../check/index.js';
import type { Diagnostic } from '../model/index.js';
import { RUNTIME_RULES } from '../rules/index.js';
import { readProblem } from '../sources/fs.js';
import { type RunFileInput, type RunScan, runFileKind, scanRunFile, scanRunFilesAsync } from '../sources/run/index.js';
import type { ScanContext, SourceHandler, SourceOutput } from './types.js';

/** Extensionless files bigger than this are not opened to look for a shell shebang. */
const MAX_SHEBANG_CANDIDATE_BYTES = 1024 * 1024;

/** True for a file name with no extension (`deploy`, `run-tests`), which may be a shebang script. */
function extensionless(abs: string): boolean {
  const name = basename(abs);
  return !name.includes('.') && name !== 'Dockerfile' && name !== 'LICENSE';
}

function readCandidate(abs: string, ctx: ScanContext, diagnostics: Diagnostic[]): string | undefined {
  const known = runFileKind(abs) !== undefined;
  const size = ctx.fs.size(abs);
  if (!known && (size === undefined || size > MAX_SHEBANG_CANDIDATE_BYTES)) return undefined;
  try {
    return ctx.fs.readText(abs);
  } catch (e) {
    if (known) diagnostics.push({ code: 'unreadable', severity: 'error', message: `cannot read: ${readProblem(e)}`, at: { source: ctx.fs.display(abs) } });
    return undefined;
  }
}

/**
 * The runtime rules that do not apply to a container a CI runner manages (ContainerSpec.managedBy): a GitHub
 * Actions job or service container lives for one job, the runner starts, stops and logs it, and the job's steps
 * install and write in it. Asking it for a restart policy, a health check, log rotation, limits, a read-only
 * root, dropped capabilities, no-new-privileges or a non-root user would be noise on every workflow.
 */
const NOT_FOR_CI_CONTAINERS = new Set(['BW1002', 'BW1006', 'BW1010', 'BW1011', 'BW1012', 'BW1013', 'BW1027', 'BW1028', 'BW1029', 'BW1030']);

/** RUNTIME_RULES without NOT_FOR_CI_CONTAINERS. */
const CI_CONTAINER_RULES = RUNTIME_RULES.filter((r) => !NOT_FOR_CI_CONTAINERS.has(r.meta.id));

function collect(results: { scan: RunScan | undefined }[], ctx: ScanContext, diagnostics: Diagnostic[]): SourceOutput {
  const findings: Finding[] = [];
  let files = 0;
  let subjects = 0;
  for (const { scan } of results) {
    if (!scan) continue;
    files++;
    diagnostics.push(...scan.diagnostics);
    for (const spec of scan.specs) {
      subjects++;
      findings.push(...checkContainer(spec.managedBy ? CI_CONTAINER_RULES : RUNTIME_RULES, spec, ctx.settings));
    }
  }
  return { findings, diagnostics, files, subjects };
}

/**
 * `docker run` / `docker create` lines in shell scripts (`*.sh`, `*.bash`, shebang scripts), Makefiles, GitHub
 * Actions workflows, GitLab CI files, systemd units and Markdown code blocks, checked with the runtime rules.
 * The asynchronous scan also checks the shell grammar with mvdan/sh (sh-syntax).
 */
export const runHandler: SourceHandler = {
  name: 'run',
  kinds: ['run'],
  matches(abs) {
    return runFileKind(abs) !== undefined || extensionless(abs);
  },
  scan(files, _explicit, ctx) {
    const diagnostics: Diagnostic[] = [];
    const results = files.map((abs) => {
      const text = readCandidate(abs, ctx, diagnostics);
      return { scan: text === undefined ? undefined : scanRunFile(abs, text, ctx.fs.display(abs)) };
    });
    return collect(results, ctx, diagnostics);
  },
  async scanAsync(files, _explicit, ctx) {
    const diagnostics: Diagnostic[] = [];
    const inputs: RunFileInput[] = [];
    for (const abs of files) {
      const text = readCandidate(abs, ctx, diagnostics);
      if (text !== undefined) inputs.push({ path: abs, text, source: ctx.fs.display(abs) });
    }
    const scans = await scanRunFilesAsync(inputs);
    return collect(
      scans.map((scan) => ({ scan })),
      ctx,
      diagnostics,
    );
  },
};

/**
 * Checks run lines given as text (`bulwark scan --command`): each text is one or more shell commands, read
 * with documentation conventions (`<digest>` placeholders are unknown values) and checked for shell syntax.
 * @param texts each text with the pseudo-file name it gets in findings (`<command>`, `<stdin>`)
 */
export async function scanCommands(texts: readonly { text: string; source: string }[], ctx: Pick<ScanContext, 'settings'>): Promise<SourceOutput> {
  const scans = await scanRunFilesAsync(texts.map((t) => ({ path: t.source, text: t.text, source: t.source, kind: 'command' as const })));
  return collect(
    scans.map((scan) => ({ scan })),
    ctx as ScanContext,
    [],
  );
}
