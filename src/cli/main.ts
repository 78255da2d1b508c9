import { Command, CommanderError } from 'commander';
import { registerAudit } from './audit.js';
import { registerConvert } from './convert.js';
import { EXIT } from './exit-codes.js';
import { guardStdout, UsageError } from './output.js';
import { registerRules } from './rules.js';
import { registerScan } from './scan.js';
import { VERSION } from './version.js';

/** Builds the `bulwark` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('bulwark')
    .description('Harden Docker hosts and workloads: one rule set over compose files, Dockerfiles, docker run lines, daemon and host configuration.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Program options only before the command, so `convert run-to-compose docker run -d -h host ...` keeps its words.
    .enablePositionalOptions()
    .exitOverride();
  registerScan(program);
  registerAudit(program);
  registerRules(program);
  registerConvert(program);
  return program;
}

/** Runs the CLI; never lets a stack trace reach a user except for internal errors, which say how to report them. */
export async function main(argv: string[]): Promise<void> {
  // Every command, help included, may be piped into `head`: a closed stdout ends the process quietly.
  guardStdout();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? EXIT.clean : EXIT.input;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`bulwark: ${e.message}\n`);
      process.exitCode = EXIT.input;
      return;
    }
    process.stderr.write(
      `bulwark: internal error: ${(e as Error)?.stack ?? String(e)}\nThis is a bug in Bulwark; please report it with the command you ran.\n`,
    );
    process.exitCode = EXIT.internal;
  }
}
