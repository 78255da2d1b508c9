import { Command, CommanderError } from 'commander';
import { maskSecretsIn } from '../model/index.js';
import { printable } from '../report/printable.js';
import { registerAudit } from './audit.js';
import { registerConvert } from './convert.js';
import { EXIT } from './exit-codes.js';
import { guardStdout, UsageError } from './output.js';
import { registerRules } from './rules.js';
import { registerScan } from './scan.js';
import { sourceMappedStack } from './source-stack.js';
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
    // commander's own errors quote what was typed (`unknown option '--ghp_…'`): masked like every other message.
    // Set before the commands are registered, which copy it.
    .configureOutput({ writeErr: (text) => process.stderr.write(maskSecretsIn(text)) })
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
      // A usage error may quote a value as typed (`--fail-on <token>`, an --output path): never a secret.
      process.stderr.write(`bulwark: ${maskSecretsIn(e.message)}\n`);
      process.exitCode = EXIT.input;
      return;
    }
    process.stderr.write(internalErrorText(e, process.env));
    process.exitCode = EXIT.internal;
  }
}

/**
 * What an internal error (a bug: exit 3) prints on standard error: the error's name and message, and how to report
 * it; the stack trace only with BULWARK_DEBUG=1, for that report, its bundle frames mapped to the sources (sourceMappedStack). Secret-shaped words and URL passwords are masked
 * (an error's message may quote a value read from a file), and control characters shown as escapes.
 */
export function internalErrorText(e: unknown, env: Readonly<Record<string, string | undefined>>): string {
  const err = e instanceof Error ? e : undefined;
  const debug = env.BULWARK_DEBUG === '1';
  const what = err ? (debug && err.stack ? sourceMappedStack(err.stack) : `${err.name}: ${err.message}`) : String(e);
  const shown = debug ? maskSecretsIn(what) : printable(maskSecretsIn(what));
  const more = debug ? '' : ' (run it again with BULWARK_DEBUG=1 to add the stack trace)';
  return `bulwark: internal error: ${shown}\nThis is a bug in Bulwark; please report it with the command you ran${more}.\n`;
}
