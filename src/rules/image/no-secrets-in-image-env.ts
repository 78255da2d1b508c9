import { isUnknown, maskSecret } from '../../model/index.js';
import { isNonSecretValue, isSecretName, secretShape } from '../shared/secrets.js';
import { imageRule, isPlaceholderValue } from './util.js';

/** BW3003: secrets in the image's environment and labels (seed §6.1, §6.2; CIS 4.10). */
export const noSecretsInImageEnv = imageRule({
  meta: {
    id: 'BW3003',
    name: 'no-secrets-in-image-env',
    scope: 'image',
    severity: 'high',
    title: 'Images carry no secrets in their environment or labels',
    rationale:
      'ENV values and LABEL values are part of the image config: `docker inspect` and `docker history` show them to anyone who can pull the image (labels are also listed by registries and `docker images --filter`), and every container started from it inherits the environment. A token set with ENV or LABEL (even copied from a build argument) is published with the image.',
    remediation:
      'Remove the ENV or LABEL. At build time, mount the secret for the RUN that needs it (`RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`); at run time, give it as a file (compose `secrets:`, read from /run/secrets/NAME, or a `*_FILE` variable pointing there).',
    references: {
      seed: '§6.1',
      cis: { version: '1.6.0', items: ['4.10'] },
      docs: ['https://docs.docker.com/build/building/secrets/'],
    },
    checklist: 'network-secrets',
    appliesTo: ['dockerfile', 'image'],
    messages: {
      byName: '{target} sets secret {name} in its environment ({masked}).',
      byValue: '{target} sets {variable} to {kind} ({masked}).',
      labelByName: '{target} carries secret label {name} ({masked}).',
      labelByValue: '{target} carries label {name} set to {kind} ({masked}).',
    },
  },
  check(img, ctx) {
    for (const e of img.env) {
      if (isUnknown(e.value)) continue;
      const { name, value, unknownValue } = e.value;
      const shape = value === undefined || unknownValue ? undefined : secretShape(value);
      const variable = name === '' ? 'an environment variable with an empty name' : `environment variable ${name}`;
      if (shape) ctx.report({ messageId: 'byValue', at: e, data: { variable, kind: shape.description, masked: maskSecret(value as string) } });
      else if (isSecretName(name)) {
        if (unknownValue) ctx.report({ messageId: 'byName', at: e, data: { name, masked: `value from ${unknownValue.raw ?? 'a build argument'}` } });
        else if (value !== undefined && !isNonSecretValue(value) && !isPlaceholderValue(value))
          ctx.report({ messageId: 'byName', at: e, data: { name, masked: maskSecret(value) } });
      }
    }
    for (const l of img.labels) {
      if (isUnknown(l.value)) continue;
      const [name, value] = l.value;
      const shape = secretShape(value);
      if (shape) ctx.report({ messageId: 'labelByValue', at: l, data: { name, kind: shape.description, masked: maskSecret(value) } });
      else if (isSecretName(name) && value !== '' && !isNonSecretValue(value) && !isPlaceholderValue(value))
        ctx.report({ messageId: 'labelByName', at: l, data: { name, masked: maskSecret(value) } });
    }
  },
});
