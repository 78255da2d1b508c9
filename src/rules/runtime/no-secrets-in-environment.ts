import { isUnknown, maskSecret } from '../../model/index.js';
import { isNonSecretValue, isSecretName, secretShape, urlPasswordVariable } from '../shared/secrets.js';
import { runtimeRule } from '../types.js';

/** BW1024: secrets passed as environment variables instead of files (seed §6.2). */
export const noSecretsInEnvironment = runtimeRule({
  meta: {
    id: 'BW1024',
    name: 'no-secrets-in-environment',
    scope: 'runtime',
    severity: 'high',
    title: 'Secrets are not passed as environment variables',
    rationale:
      'Environment variables are shown by `docker inspect`, inherited by every child process, written to crash dumps and debug logs, and often end up in version control with the compose file. Secrets given as files (compose `secrets:`, mounted under /run/secrets) avoid all of that.',
    remediation:
      'Declare the secret under top-level `secrets:` (from a file or an external store) and give it to the service with `secrets: [name]`; point the application at the file, for example `POSTGRES_PASSWORD_FILE=/run/secrets/db_password`.',
    references: {
      seed: '§6.2',
      docs: ['https://docs.docker.com/compose/how-tos/use-secrets/'],
    },
    checklist: 'network-secrets',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      byName: '{target} passes secret {name} as an environment variable ({masked}).',
      byValue: '{target} sets {variable} to {kind} ({masked}).',
    },
  },
  check(c, ctx) {
    for (const e of c.env) {
      if (isUnknown(e.value)) continue;
      const { name, value } = e.value;
      const variable = name === '' ? 'an environment variable with an empty name' : `environment variable ${name}`;
      const shape = value === undefined ? undefined : secretShape(value);
      const urlVar = e.value.template === undefined ? undefined : urlPasswordVariable(e.value.template);
      if (urlVar !== undefined) {
        ctx.report({ messageId: 'byValue', at: e, data: { variable, kind: 'a URL with a password', masked: `password from ${urlVar}` } });
      } else if (shape) {
        ctx.report({ messageId: 'byValue', at: e, data: { variable, kind: shape.description, masked: maskSecret(value as string) } });
      } else if (isSecretName(name) && (value === undefined || !isNonSecretValue(value))) {
        const masked =
          e.value.unknownValue !== undefined
            ? `value from ${e.value.unknownValue.raw ?? 'the environment'}`
            : value === undefined
              ? "value taken from the caller's environment"
              : maskSecret(value);
        ctx.report({ messageId: 'byName', at: e, data: { name, masked } });
      }
    }
  },
});
