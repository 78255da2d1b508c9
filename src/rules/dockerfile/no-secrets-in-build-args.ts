import { describeStage, isUnknown, maskSecret } from '../../model/index.js';
import { isPlaceholderValue } from '../image/util.js';
import { isNonSecretValue, isSecretName, secretShape } from '../shared/secrets.js';
import { dockerfileRule, shippedStages } from './util.js';

/** BW2001: secrets given to the build as ARG (kept in the image history) or ENV of a build stage (seed §6.1; CIS 4.10). */
export const noSecretsInBuildArgs = dockerfileRule({
  meta: {
    id: 'BW2001',
    name: 'no-secrets-in-build-args',
    scope: 'dockerfile',
    severity: 'high',
    title: 'Secrets are not passed to the build as ARG or ENV',
    rationale:
      "Build arguments are recorded in the image history (`docker history --no-trunc` shows them in every RUN that follows) and in the build cache; ENV values of a build stage stay in that stage's layers and cache. A token passed either way can be read by anyone who can pull the image or reach the builder cache.",
    remediation:
      'Give the secret to the one RUN that needs it as a BuildKit secret mount: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` (or read `/run/secrets/npm_token`), and build with `docker build --secret id=npm_token,src=.npm_token .`. Use `--mount=type=ssh` for SSH keys.',
    references: {
      seed: '§6.1',
      cis: { version: '1.6.0', items: ['4.10'] },
      docs: ['https://docs.docker.com/build/building/secrets/'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      argByName: 'Build argument {name} looks like a secret ({masked}).',
      argByValue: 'Build argument {name} has {kind} as its default ({masked}).',
      envByName: '{stage} sets secret {name} as ENV ({masked}).',
      envByValue: '{stage} sets ENV {name} to {kind} ({masked}).',
    },
  },
  check(spec, ctx) {
    const args = [...spec.globalArgs, ...spec.stages.flatMap((s) => s.args)];
    for (const a of args) {
      if (isUnknown(a.value)) continue;
      const { name, value } = a.value;
      const shape = value === undefined ? undefined : secretShape(value);
      if (shape) ctx.report({ messageId: 'argByValue', at: a, data: { name, kind: shape.description, masked: maskSecret(value as string) } });
      else if (isSecretName(name) && (value === undefined || (!isNonSecretValue(value) && !isPlaceholderValue(value)))) {
        ctx.report({ messageId: 'argByName', at: a, data: { name, masked: value === undefined ? 'value from --build-arg' : maskSecret(value) } });
      }
    }
    // ENV of stages that reach the final image is the image's Env: BW3003 reports it there.
    const shipped = new Set(shippedStages(spec));
    for (const stage of spec.stages) {
      if (shipped.has(stage)) continue;
      for (const e of stage.env) {
        if (isUnknown(e.value)) continue;
        const { name, value } = e.value;
        if (e.value.unknownValue) continue; // `ENV TOKEN=$TOKEN`: the ARG it comes from is reported above.
        const shape = value === undefined ? undefined : secretShape(value);
        const stageName = describeStage(stage);
        if (shape)
          ctx.report({ messageId: 'envByValue', at: e, data: { name, stage: stageName, kind: shape.description, masked: maskSecret(value as string) } });
        else if (isSecretName(name) && value !== undefined && !isNonSecretValue(value) && !isPlaceholderValue(value)) {
          ctx.report({ messageId: 'envByName', at: e, data: { name, stage: stageName, masked: maskSecret(value) } });
        }
      }
    }
  },
});
