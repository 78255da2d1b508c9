import { describeStage, maskSecret } from '../../model/index.js';
import { isPlaceholderValue } from '../image/util.js';
import { isNonSecretValue, isSecretName, secretShape } from '../shared/secrets.js';
import { dockerfileRule, programOf, runScript, runsOf, simpleCommands } from './util.js';

const ASSIGNMENT = /(?:^|[\s;&|(])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|)]+)/g;
const PASSWORD_FLAG = /(?:^|\s)(--password|--pass|--token|--api-key|--secret)(?:=|\s+)("[^"]*"|'[^']*'|[^\s;&|]+)/g;
const REDIRECT = /(?:^|[^0-9&<>])>>?\s*([^\s;&|]+)/;
/** A word of the script as the value-shape check reads it (quotes, `=` and shell operators split words). */
const TOKEN = /[^\s'"=;&|()]+/g;

function unquote(v: string): string {
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}

/** True when a value is written out in the Dockerfile rather than taken from a variable, a file or a command. */
function isLiteral(v: string): boolean {
  return v !== '' && !v.includes('$') && !v.includes('`') && !isNonSecretValue(v) && !isPlaceholderValue(v);
}

/** BW2002: secrets written into RUN commands, or written from a variable into a file of the layer (seed §6.1; CIS 4.10). */
export const noSecretsInRun = dockerfileRule({
  meta: {
    id: 'BW2002',
    name: 'no-secrets-in-run',
    scope: 'dockerfile',
    severity: 'high',
    title: 'RUN commands do not carry or store secrets',
    rationale:
      'The text of every RUN is stored in the image history, so a token written in it (`NPM_TOKEN=… npm ci`, `--password …`) ships with the image. A secret echoed into a file (`echo $TOKEN > .npmrc`) stays in that layer even when a later RUN deletes the file.',
    remediation:
      'Mount the secret for that one RUN only: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`, or `--mount=type=secret,id=npmrc,target=/root/.npmrc`, and build with `docker build --secret id=npm_token,src=.npm_token .`. Remove any file holding a secret in the same RUN that wrote it.',
    references: {
      seed: '§6.1',
      cis: { version: '1.6.0', items: ['4.10'] },
      docs: ['https://docs.docker.com/build/building/secrets/'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      inlineSecret: 'A RUN in {stage} sets {name} to a literal secret ({masked}).',
      secretValue: 'A RUN in {stage} contains {kind} ({masked}).',
      passwordFlag: 'A RUN in {stage} passes a literal secret to {flag} ({masked}).',
      writesSecret: 'A RUN in {stage} writes secret variable {name} into {file}, which stays in the layer.',
    },
  },
  check(spec, ctx) {
    for (const { stage, run } of runsOf(spec.stages)) {
      const script = runScript(run);
      const text = script.text;
      const stageName = describeStage(stage);
      const reported = new Set<number>();
      for (const m of text.matchAll(ASSIGNMENT)) {
        const name = m[1] as string;
        const value = unquote(m[2] as string);
        const idx = (m.index ?? 0) + (m[0] as string).indexOf(name);
        if (!isSecretName(name) || !isLiteral(value)) continue;
        reported.add(idx);
        ctx.report({ messageId: 'inlineSecret', at: script.locate(idx, name.length), data: { stage: stageName, name, masked: maskSecret(value) } });
      }
      for (const m of text.matchAll(PASSWORD_FLAG)) {
        const value = unquote(m[2] as string);
        if (!isLiteral(value) || value.startsWith('-')) continue;
        const idx = (m.index ?? 0) + (m[0] as string).indexOf(m[1] as string);
        ctx.report({
          messageId: 'passwordFlag',
          at: script.locate(idx, (m[1] as string).length),
          data: { stage: stageName, flag: m[1] as string, masked: maskSecret(value) },
        });
      }
      TOKEN.lastIndex = 0;
      for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
        const shape = secretShape(m[0]);
        if (!shape || shape.kind === 'high-entropy' || reported.has(m.index)) continue;
        ctx.report({
          messageId: 'secretValue',
          at: script.locate(m.index, m[0].length),
          data: { stage: stageName, kind: shape.description, masked: maskSecret(m[0]) },
        });
      }
      const cmds = simpleCommands(text);
      for (const c of cmds) {
        const prog = programOf(c);
        if (prog !== 'echo' && prog !== 'printf' && prog !== 'cat') continue;
        const line = text.slice(c.starts[0], text.indexOf('\n', c.starts[0]) === -1 ? undefined : text.indexOf('\n', c.starts[0]));
        const r = REDIRECT.exec(line);
        if (!r) continue;
        const file = r[1] as string;
        if (file === '/dev/null' || file.startsWith('/dev/std') || file.startsWith('/run/secrets/')) continue;
        const v = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
        for (const vm of line.slice(0, r.index).matchAll(v)) {
          const name = vm[1] as string;
          if (!isSecretName(name)) continue;
          // Removed again in the same RUN: the file never reaches a layer.
          const after = text.slice((c.starts[0] as number) + r.index);
          if (new RegExp(`\\brm\\s+(?:-[a-zA-Z]+\\s+)*[^;&|\\n]*${escapeRe(file.replace(/^\.\//, ''))}`).test(after)) continue;
          ctx.report({
            messageId: 'writesSecret',
            at: script.locate((c.starts[0] as number) + (vm.index ?? 0), vm[0].length),
            data: { stage: stageName, name, file },
          });
          break;
        }
      }
    }
  },
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
