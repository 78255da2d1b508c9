import type { Command } from 'commander';
import { scanPaths } from '../pipeline/scan.js';
import { renderJson } from '../report/json.js';
import { summarize } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { EXIT } from './exit-codes.js';
import { atOrAbove, emit, FORMATS, type Format, parseFailOn, UsageError, useColor } from './output.js';
import { VERSION } from './version.js';

interface ScanFlags {
  format: string;
  failOn: string;
  color?: boolean;
  quiet?: boolean;
  output?: string;
}

/** `bulwark scan [paths...]`: static scan of files and folders. */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('Scan compose files (and, as sources are added, Dockerfiles, run lines, daemon configs) for hardening gaps.')
    .argument('[paths...]', 'files and folders to scan', ['.'])
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical, high, medium, low, info, none', 'high')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-q, --quiet', 'leave out the remediation lines in text output')
    .option('--no-color', 'never colour text output (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Examples:
  $ bulwark scan                          scan the current folder
  $ bulwark scan examples/insecure        scan one folder
  $ bulwark scan stack.yml --format json  any YAML file named explicitly is read as compose
  $ bulwark scan . --fail-on critical     fail CI only on critical findings

Compose files found in folders: compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml
with their override file, compose.<variant>.yaml and docker-compose.<variant>.yml (merged over the
main file), and *.compose.yaml. Each project is judged as compose runs it: files merged, extends
and include resolved, variables interpolated from the environment and .env (an unset variable is
reported as unknown, never guessed), every profile included.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors, 3 internal error.`,
    )
    .action((paths: string[], flags: ScanFlags) => {
      if (!(FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${flags.format}"`);
      const failOn = parseFailOn(flags.failOn);
      const result = scanPaths({ paths, cwd: process.cwd(), env: process.env });
      const summary = summarize(result.findings, result.diagnostics, result.stats.files, result.stats.subjects);
      const format = flags.format as Format;
      const text =
        format === 'json'
          ? renderJson(result.findings, result.diagnostics, summary, VERSION)
          : renderText(result.findings, result.diagnostics, summary, {
              color: flags.output === undefined && useColor(flags.color, process.stdout),
              quiet: flags.quiet === true,
              subjectWord: 'containers',
            });
      emit(text, flags.output);
      if (summary.errors > 0) process.exitCode = EXIT.input;
      else if (result.findings.some((f) => f.status === 'violation' && atOrAbove(f.severity, failOn)) || (failOn === 'info' && summary.unknown > 0))
        process.exitCode = EXIT.findings;
      else process.exitCode = EXIT.clean;
    });
}
