import type { Command } from 'commander';
import { checkContainer } from '../check/index.js';
import { type EnvVar, maskDiagnostic, type Sourced } from '../model/index.js';
import { RUNTIME_RULES } from '../rules/index.js';
import { type LiteralSecretJudge, runLinesToCompose, type SecretEnvJudge } from '../sources/run/index.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './output.js';

/** Quotes one argument for a shell, so that words given separately are read back as the same words. */
function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The environment variables of a container that BW1024 (no-secrets-in-environment) reports as violations: a secret
 * by its name or by its value's shape. The converter writes them as interpolation of their name, so that a token
 * given with `-e` on a run line does not end up in a compose file that may be committed (README: secret values are
 * never printed).
 */
const secretEnv: SecretEnvJudge = (spec) => {
  const flagged = new Set<Sourced<EnvVar>>();
  const rule = RUNTIME_RULES.find((r) => r.meta.id === 'BW1024');
  if (!rule) return flagged;
  const at = new Set(checkContainer([rule], spec).flatMap((f) => (f.status === 'violation' ? [f.location.offset] : [])));
  for (const e of spec.env) if (e.at.offset !== undefined && at.has(e.at.offset)) flagged.add(e);
  return flagged;
};

/**
 * Where BW1032 (no-secrets-in-command) reports a literal secret in a container's command, entrypoint, health command
 * or labels (offsets in the run line's text): the converter leaves those out of the compose file, which may be
 * committed, and lists them in its comment without their values.
 */
const literalSecrets: LiteralSecretJudge = (spec) => {
  const rule = RUNTIME_RULES.find((r) => r.meta.id === 'BW1032');
  if (!rule) return [];
  return checkContainer([rule], spec).flatMap((f) => (f.status === 'violation' && f.location.offset !== undefined ? [f.location.offset] : []));
};

/** Reads all of standard input as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `bulwark convert run-to-compose 'docker run ...'`: prints the equivalent compose service. */
export function registerConvert(program: Command): void {
  const convert = program
    .command('convert')
    .description('Convert between the forms a container can be written in.')
    // So that run-to-compose can take a docker command as separate words, its options (`-d`, `-p`) included.
    .enablePositionalOptions();
  convert
    .command('run-to-compose')
    .passThroughOptions()
    .description('Print the compose service equivalent to a docker run (or docker create) command.')
    .argument('<command...>', "the command, quoted as one argument or given as separate words; '-' reads it from standard input")
    .addHelpText(
      'after',
      `
Examples:
  $ bulwark convert run-to-compose 'docker run -d --name api -p 127.0.0.1:8080:80 --read-only nginx:1.27'
  $ bulwark convert run-to-compose - < deploy.sh      every run line of a script, one service each

Named volumes and networks get their top-level entries (networks as external: docker run only joins
existing ones). Options that compose cannot express (--rm, -d, --cidfile, ...) are listed in a comment at the top.
A secret written on the line (-e TOKEN=ghp_..., what BW1024 reports) is not copied: it becomes TOKEN: \${TOKEN},
read from the environment or .env, and is named in the comment at the top.
Exit codes: 0 converted, 2 no command or a command Docker would refuse (unknown flag, bad value): the error
goes to standard error and nothing is printed on standard output.`,
    )
    .action(async (words: string[]) => {
      const text = words.length === 1 && words[0] === '-' ? await readStdin() : words.length === 1 ? (words[0] as string) : words.map(shellQuote).join(' ');
      const r = runLinesToCompose(text, words[0] === '-' ? '<stdin>' : '<command>', secretEnv, literalSecrets);
      for (const d of r.diagnostics.map(maskDiagnostic))
        process.stderr.write(`bulwark: ${d.at.source}:${d.at.line}:${d.at.column}: ${d.severity}: ${d.message}\n`);
      // Nothing on standard output after an error, so that `> compose.yaml` never writes a file compose would refuse.
      if (r.diagnostics.some((d) => d.severity === 'error')) {
        process.exitCode = EXIT.input;
        return;
      }
      if (r.services.length === 0) throw new UsageError('no docker run or docker create command to convert');
      process.stdout.write(r.yaml);
      process.exitCode = EXIT.clean;
    });
}
