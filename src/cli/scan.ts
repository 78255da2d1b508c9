import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { compareFindings } from '../check/index.js';
import { scanCommands } from '../pipeline/run.js';
import { EXPLICIT_KINDS, type ExplicitKind, HANDLERS, scanPathsAsync } from '../pipeline/scan.js';
import { deferOptimisation } from '../pipeline/tiering.js';
import { MARKDOWN_REPORT_HEADING } from '../report/markdown.js';
import { UsageError } from './output.js';
import { refuseOverwrites } from './overwrite.js';
import { applyPolicy, loadPolicy, type PolicyFlags, policyFiles, rulesRun, withPolicyOptions, wroteBaselineLine } from './policy.js';
import { progressLine } from './progress.js';
import { checkOutputFlags, type OutputFlags, withOutputOptions, writeReport } from './report-output.js';
import type { ScanWorkerContext } from './scan-worker.js';

/** `bulwark scan [paths...]`: static scan of files and folders. */
export function registerScan(program: Command): void {
  withPolicyOptions(
    withOutputOptions(
      program
        .command('scan')
        .description('Scan files and folders (compose files, and the other sources Bulwark reads) for hardening gaps.')
        .argument('[paths...]', 'files and folders to scan', ['.']),
    ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ bulwark scan                          scan the current folder
  $ bulwark scan examples/insecure        scan one folder
  $ bulwark scan stack.yml --format json  any YAML file named explicitly is read as compose
  $ bulwark scan --as compose ./my-stack  a file whose name says nothing: name its kind (compose, dockerfile)
  $ bulwark scan . --fail-on critical     fail CI only on critical findings
  $ bulwark scan repos/ -j 0              one thread (the report is the same with worker threads)
  $ bulwark scan --command 'docker run --privileged nginx:1.27'
  $ grep -h 'docker run' deploy/*.txt | bulwark scan --command -

Compose files found in folders: compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml
with their override file, compose.<variant>.yaml and docker-compose.<variant>.yml (merged over the
main file), and *.compose.yaml. Each project is judged as compose runs it: files merged, extends
and include resolved, variables interpolated from the environment and .env (an unset variable is
reported as unknown, never guessed), every profile included.

Dockerfiles found in folders: Dockerfile, Containerfile, Dockerfile.<variant> and *.Dockerfile, and the
Dockerfile a compose build: names; a file named on the command line is read as a Dockerfile when its name
mentions dockerfile or containerfile. Any other file: name its kind with --as.

docker run and docker create lines are read from shell scripts (*.sh, *.bash, shebang scripts),
Makefile recipes, GitHub Actions run: blocks, GitLab CI script: lists, systemd ExecStart= lines
and sh/bash/console blocks of Markdown files; see docs/run-lines.md.

Policy: .bulwark.yaml (found upward from the first path up to the repository root or your home folder,
never from a folder other users can write; or --config; the report names it) switches rules off, overrides
severities and options, ignores paths and sets fail-on; see docs/configuration.md. A comment
\`# bulwark-ignore BW1001: reason\` on a line, or alone on the line above, suppresses a finding; a baseline
(--write-baseline FILE once, then --baseline FILE) makes CI fail only on new findings.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors, 3 internal error.`,
    )
    .option('--as <kind>', `read every file named on the command line as this kind, whatever its name: ${EXPLICIT_KINDS.join(', ')}`)
    .option('--command <command>', "check a docker run/create command instead of files ('-' reads commands from standard input)")
    .option(
      '-j, --jobs <n>',
      'worker threads besides the main thread, used when 64 or more compose projects and Dockerfiles are scanned (default: CPUs - 1, at most 7; below 4 CPUs none, and from 400 files a second thread parses compose files ahead instead; never more than CPUs - 1; 0: one thread)',
    )
    .action(async (paths: string[], flags: OutputFlags & PolicyFlags & { command?: string; jobs?: string; as?: string }, command: Command) => {
      checkOutputFlags(flags);
      // Most scans are a few files, done before optimised code would pay (scanPathsAsync turns it on for more).
      deferOptimisation();
      // Paths and --command together would scan only the command: a gate meant to check both would pass.
      if (flags.command !== undefined && command.args.length > 0) {
        throw new UsageError(`--command checks one command; it cannot be combined with paths (${command.args.join(' ')}): run two scans`);
      }
      const jobs = parseJobs(flags.jobs);
      const as = parseAs(flags.as, flags.command !== undefined, paths);
      const cwd = process.cwd();
      const policy = loadPolicy(flags, flags.command !== undefined ? ['.'] : paths, cwd);
      // Never write a report or a baseline over a file the scan reads: checked on the paths given before the scan
      // (fast), and on every file the scan read after it, before anything is written.
      const planned = policyFiles(policy, flags.output, cwd);
      const given = flags.command !== undefined ? [] : paths;
      refuseOverwrites(planned.writes, [...planned.reads, ...given], cwd);
      const finish = (
        findings: Parameters<typeof applyPolicy>[1],
        diagnostics: typeof policy.diagnostics,
        files: number,
        subjects: number,
        kinds: string[],
        scanned?: Parameters<typeof applyPolicy>[3],
      ) => {
        const out = applyPolicy(policy, findings, cwd, scanned);
        if (out.wroteBaseline && !flags.quiet) process.stderr.write(wroteBaselineLine(out.wroteBaseline));
        writeReport(
          {
            findings: out.findings,
            diagnostics: [...policy.diagnostics, ...diagnostics, ...out.diagnostics],
            files,
            subjects,
            subjectWord: 'subjects',
            suppressed: out.suppressed,
            rules: rulesRun(policy, kinds),
            ...(policy.failOn !== undefined ? { configFailOn: policy.failOn } : {}),
            ...(policy.configUsed ? { config: policy.configUsed } : {}),
          },
          flags,
        );
      };
      if (flags.command !== undefined) {
        const fromStdin = flags.command === '-';
        const text = fromStdin ? await readStdin() : flags.command;
        const out = await scanCommands([{ text, source: fromStdin ? '<stdin>' : '<command>' }], { settings: policy.settings });
        if (out.subjects === 0 && out.diagnostics.length === 0) throw new UsageError('--command holds no docker run or docker create command');
        finish(out.findings.sort(compareFindings), out.diagnostics, 0, out.subjects, ['run']);
        return;
      }
      const env = { ...process.env };
      const context: ScanWorkerContext = { cwd, env, ...(policy.config ? { config: policy.config } : {}) };
      const result = await scanPathsAsync({
        paths,
        cwd,
        env,
        settings: policy.settings,
        ignore: policy.ignore,
        ...ownReport(flags.output, cwd),
        ...(as !== undefined ? { as } : {}),
        // A .bulwark.yaml in a subfolder applies to nothing: said, unless --no-config asked for no configuration.
        ...(flags.config !== false ? { unusedConfigs: policy.configFile !== undefined ? { inForce: policy.configFile } : {} } : {}),
        ...(policy.configUsed ? { ignoreSource: policy.configUsed.file } : {}),
        // A progress line on a terminal, for scans of 200 compose projects and Dockerfiles or more.
        ...withProgress(progressLine('scanning compose files and Dockerfiles', 200, flags.quiet === true)),
        // Large scans spread compose projects and Dockerfiles over worker threads running this same script.
        ...(jobs === 0 || process.argv[1] === undefined
          ? {}
          : { parallel: { script: process.argv[1], context, ...(jobs !== undefined ? { workers: jobs } : {}) } }),
      });
      refuseOverwrites(planned.writes, [...result.claimed, ...Object.keys(result.suppressions)], cwd);
      // Only the handlers with at least one subject ran their rules: a shell script with no docker run checks nothing.
      const kinds = HANDLERS.filter((h) => (result.stats.bySource[h.name]?.subjects ?? 0) > 0).flatMap((h) => h.kinds);
      finish(result.findings, result.diagnostics, result.stats.files, result.stats.subjects, kinds, result);
    });
}

function withProgress(onProgress: ((done: number, total: number) => void) | undefined) {
  return onProgress ? { onProgress } : {};
}

/** `--jobs N`: a whole number from 0 to 64. @throws UsageError otherwise */
function parseJobs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > 64) throw new UsageError(`--jobs must be a whole number from 0 to 64; got "${v}"`);
  return Number(v);
}

/**
 * `--as KIND`: one of EXPLICIT_KINDS, with files to apply to (folders are scanned by file name, and `--command`
 * reads no file). @throws UsageError otherwise
 */
function parseAs(v: string | undefined, command: boolean, paths: readonly string[]): ExplicitKind | undefined {
  if (v === undefined) return undefined;
  if (!(EXPLICIT_KINDS as readonly string[]).includes(v)) throw new UsageError(`--as must be one of ${EXPLICIT_KINDS.join(', ')}; got "${v}"`);
  if (command) throw new UsageError('--as names the kind of the files given; --command reads no file');
  if (!paths.some((p) => isFileOrMissing(p)))
    throw new UsageError(`--as ${v} applies to files named on the command line, and only folders are given: name the files`);
  return v as ExplicitKind;
}

/** True for a path that is not a folder (a file, or nothing: the scan reports that itself). */
function isFileOrMissing(p: string): boolean {
  try {
    return !statSync(p).isDirectory();
  } catch {
    return true;
  }
}

/**
 * `skip` for the scan: the `--output` file when it holds a Markdown report Bulwark wrote before (its first line is
 * MARKDOWN_REPORT_HEADING). Markdown files are scanned for docker run lines, so the second run of
 * `scan . -f markdown -o report.md` read its own report, counted it, and then refused to write over an input.
 * Any other file at that path stays an input (and `--output` is refused over it).
 */
function ownReport(output: string | undefined, cwd: string): { skip?: string[] } {
  if (output === undefined) return {};
  const abs = resolve(cwd, output);
  let head = '';
  try {
    if (!statSync(abs).isFile()) return {};
    const fd = openSync(abs, 'r');
    try {
      const buf = Buffer.alloc(MARKDOWN_REPORT_HEADING.length + 1);
      head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return {};
  }
  return head === `${MARKDOWN_REPORT_HEADING}\n` ? { skip: [abs] } : {};
}

/** Reads all of standard input as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
