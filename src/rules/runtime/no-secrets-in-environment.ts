import { type BuildArg, isUnknown, maskSecret, type Sourced, shownName, URL_LITERAL_PASSWORD_TEXT, URL_SCHEME_AND_USER } from '../../model/index.js';
import { isPlaceholderSecret, isSecretTemplate, REPEATED } from '../dockerfile/secret-text.js';
import { isNonSecretValue, isSecretName, secretShape, urlPasswordVariable } from '../shared/secrets.js';
import { type RuleContext, runtimeRule } from '../types.js';

/**
 * BW1024: secrets passed as environment variables instead of files (seed §6.2), and secrets written in compose
 * `build.args`, which reach the build as `--build-arg`.
 */
export const noSecretsInEnvironment = runtimeRule({
  meta: {
    id: 'BW1024',
    name: 'no-secrets-in-environment',
    scope: 'runtime',
    severity: 'high',
    title: 'Secrets are not passed as environment variables',
    rationale:
      'Environment variables are shown by `docker inspect`, inherited by every child process, written to crash dumps and debug logs, and often end up in version control with the compose file. Secrets given as files (compose `secrets:`, mounted under /run/secrets) avoid all of that. A secret written in compose `build.args` is committed with the compose file, and compose passes it as `docker build --build-arg`: an ARG a RUN uses is recorded in the image history (`docker history --no-trunc`) and the build cache, where anyone who can pull the image can read it.',
    remediation:
      'Declare the secret under top-level `secrets:` (from a file or an external store) and give it to the service with `secrets: [name]`; point the application at the file, for example `POSTGRES_PASSWORD_FILE=/run/secrets/db_password`. Never give a credential to a build as a build argument: declare it under the service `build.secrets` (from a top-level `secrets:` entry) and read it in the one RUN that needs it, `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`.',
    references: {
      seed: '§6.2',
      docs: ['https://docs.docker.com/compose/how-tos/use-secrets/', 'https://docs.docker.com/build/building/secrets/'],
    },
    checklist: 'network-secrets',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      byName: '{target} passes secret {name} as an environment variable ({masked}).',
      byValue: '{target} sets {variable} to {kind} ({masked}).',
      buildArgByName: '{target} passes secret {name} as a build argument ({masked}).',
      buildArgByValue: '{target} passes {kind} as build argument {name} ({masked}).',
    },
  },
  check(c, ctx) {
    for (const e of c.env) {
      if (isUnknown(e.value)) continue;
      const { name, value } = e.value;
      const variable = name === '' ? 'an environment variable with an empty name' : `environment variable ${shownName(name)}`;
      const shape = value === undefined ? undefined : secretShape(value);
      const urlVar = e.value.template === undefined ? undefined : urlPasswordVariable(e.value.template);
      // A value shaped like a token that is a template of one (`ghp_XXXXXXXX…`, `sk-...`) is no token: no finding by
      // value. Under a secret's name it is still reported by name, as a placeholder (`changeme`, `hf_xxxxxxxx…`) or a
      // variable is: the finding is the way the secret reaches the container (the environment, readable in
      // `docker inspect` and /proc/PID/environ), which does not change when the file holds a sample value.
      const template = urlVar === undefined && shape !== undefined && value !== undefined && isSecretTemplate(value, name) && !URL_WITH_PASSWORD.test(value);
      if (urlVar !== undefined) {
        ctx.report({ messageId: 'byValue', at: e, data: { variable, kind: 'a URL with a password', masked: `password from ${urlVar}` } });
      } else if (shape && !template) {
        ctx.report({ messageId: 'byValue', at: e, data: { variable, kind: shape.description, masked: maskSecret(value as string) } });
      } else if (isSecretName(name) && (value === undefined || !isNonSecretValue(value))) {
        const masked =
          e.value.unknownValue !== undefined
            ? `value from ${e.value.unknownValue.raw ?? 'the environment'}`
            : value === undefined
              ? "value taken from the caller's environment"
              : maskSecret(value);
        ctx.report({ messageId: 'byName', at: e, data: { name: shownName(name), masked } });
      }
    }
    for (const a of c.build?.argsWritten ?? []) checkBuildArg(a, ctx);
  },
});

/** A URL with a literal password (`https://oauth2:glpat-…@gitlab.com`): reported whatever the password looks like. */
const URL_WITH_PASSWORD = new RegExp(`^${URL_SCHEME_AND_USER}:${URL_LITERAL_PASSWORD_TEXT}@`, 'i');

/**
 * Reports a compose `build.args` entry whose value, as written in the file, is a secret: shaped like one, or given to
 * a name that says "secret". Only what the file writes counts: a value taken from the environment (`args: [NPM_TOKEN]`,
 * `NPM_TOKEN: ${NPM_TOKEN}`, set or not) is not in the file; a value partly written and partly interpolated is judged
 * by its shape as written, variables as their expressions. Flags, paths, placeholders (`changeme`, `<token>`) and
 * token templates (`ghp_XXXXXXXX…`) are not secrets; a URL with a literal password is one, whatever the password.
 */
function checkBuildArg(a: Sourced<BuildArg>, ctx: RuleContext<'buildArgByName' | 'buildArgByValue'>): void {
  if (isUnknown(a.value)) return;
  const { name, value, pieces } = a.value;
  if (value === undefined || isUnknown(value)) return;
  const written = pieces ? pieces.map((p) => p.variable ?? p.text).join('') : value;
  if (written.trim() === '' || isPlaceholderSecret(written, name)) return;
  const shape = secretShape(written);
  if (shape && (!REPEATED.test(written) || URL_WITH_PASSWORD.test(written))) {
    ctx.report({ messageId: 'buildArgByValue', at: a, data: { name: shownName(name), kind: shape.description, masked: maskSecret(written) } });
  } else if (!shape && pieces === undefined && isSecretName(name) && !isNonSecretValue(value)) {
    ctx.report({ messageId: 'buildArgByName', at: a, data: { name: shownName(name), masked: maskSecret(value) } });
  }
}
