import type { Command } from 'commander';
import { scanPaths } from '../pipeline/scan.js';
import { checkOutputFlags, type OutputFlags, withOutputOptions, writeReport } from './report-output.js';

/** `bulwark scan [paths...]`: static scan of files and folders. */
export function registerScan(program: Command): void {
  withOutputOptions(
    program
      .command('scan')
      .description('Scan files and folders (compose files, and the other sources Bulwark reads) for hardening gaps.')
      .argument('[paths...]', 'files and folders to scan', ['.']),
  )
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
    .action((paths: string[], flags: OutputFlags) => {
      checkOutputFlags(flags);
      const result = scanPaths({ paths, cwd: process.cwd(), env: process.env });
      writeReport(
        { findings: result.findings, diagnostics: result.diagnostics, files: result.stats.files, subjects: result.stats.subjects, subjectWord: 'subjects' },
        flags,
      );
    });
}
