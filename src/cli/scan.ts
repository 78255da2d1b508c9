import type { Command } from 'commander';
import { compareFindings, defaultSettings } from '../check/index.js';
import { scanCommands } from '../pipeline/run.js';
import { scanPathsAsync } from '../pipeline/scan.js';
import { UsageError } from './output.js';
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
  $ bulwark scan --command 'docker run --privileged nginx:1.27'
  $ grep -h 'docker run' deploy/*.txt | bulwark scan --command -

Compose files found in folders: compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml
with their override file, compose.<variant>.yaml and docker-compose.<variant>.yml (merged over the
main file), and *.compose.yaml. Each project is judged as compose runs it: files merged, extends
and include resolved, variables interpolated from the environment and .env (an unset variable is
reported as unknown, never guessed), every profile included.

docker run and docker create lines are read from shell scripts (*.sh, *.bash, shebang scripts),
Makefile recipes, GitHub Actions run: blocks, GitLab CI script: lists, systemd ExecStart= lines
and sh/bash/console blocks of Markdown files; see docs/run-lines.md.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors, 3 internal error.`,
    )
    .option('--command <command>', "check a docker run/create command instead of files ('-' reads commands from standard input)")
    .action(async (paths: string[], flags: OutputFlags & { command?: string }) => {
      checkOutputFlags(flags);
      if (flags.command !== undefined) {
        const fromStdin = flags.command === '-';
        const text = fromStdin ? await readStdin() : flags.command;
        const out = await scanCommands([{ text, source: fromStdin ? '<stdin>' : '<command>' }], { settings: defaultSettings });
        if (out.subjects === 0 && out.diagnostics.length === 0) throw new UsageError('--command holds no docker run or docker create command');
        writeReport(
          { findings: out.findings.sort(compareFindings), diagnostics: out.diagnostics, files: 0, subjects: out.subjects, subjectWord: 'subjects' },
          flags,
        );
        return;
      }
      const result = await scanPathsAsync({ paths, cwd: process.cwd(), env: process.env });
      writeReport(
        { findings: result.findings, diagnostics: result.diagnostics, files: result.stats.files, subjects: result.stats.subjects, subjectWord: 'subjects' },
        flags,
      );
    });
}

/** Reads all of standard input as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
