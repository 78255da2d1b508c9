import {
  commandLocation,
  type DockerfileSpec,
  type DockerfileStage,
  describeStage,
  isCopy,
  isUnknown,
  maskSecret,
  PRIVATE_KEY_BLOCK,
  stageChain,
} from '../../model/index.js';
import { isSecretName } from '../shared/secrets.js';
import { credentialsFormat, credentialValues, secretWords, TEMPLATE_NAME } from './secret-text.js';
import { dockerfileRule } from './util.js';

/** What a secret-looking file name is, or undefined. Certificates and public keys are not secrets. */
export function secretFileKind(path: string): string | undefined {
  const p = path.replace(/\/+$/, '');
  const base = p.replace(/^.*\//, '');
  const b = base.toLowerCase();
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(b)) return 'an SSH private key';
  if (b === '.ssh' || /(?:^|\/)\.ssh\//.test(p)) return 'an SSH folder';
  if (b === '.env' || (/^\.env\.[a-z0-9_-]+$/.test(b) && !TEMPLATE_NAME.test(b))) return 'an environment file';
  if (b === '.npmrc' || b === '.pypirc' || b === '.netrc' || b === '_netrc' || b === '.git-credentials' || b === '.htpasswd' || b === '.pgpass') {
    return 'a credentials file';
  }
  if ((b === 'credentials' && /(?:^|\/)\.aws\//.test(p)) || (b === 'config.json' && /(?:^|\/)\.docker\//.test(p))) return 'a credentials file';
  if (/\.(?:key|p12|pfx|jks|keystore|kdbx|ppk)$/.test(b) && !/(?:^|[._-])pub(?:lic)?(?:[._-]|$)/.test(b)) return 'a private key or keystore';
  if (b.endsWith('.pem') && pemNameMayHoldKey(base)) return 'a PEM file that may hold a private key';
  return undefined;
}

/** A word of a PEM file name that says "public key": `pub`, `public`, `pubkey`, `publickey`. */
const PUBLIC_WORD = /^pub(?:lic)?(?:key)?s?$/;
/** A word that says "private key": `key`, `priv`, `private`, `privkey`, `secret`, `cakey`, `serverkey`. */
const PRIVATE_WORD = /^(?:priv(?:ate)?|secret|[a-z]*keys?)$/;
/** A word that says "certificate": `ca`, `rootCA`, `myca`, `cacert`, `cert`, `certs`, `fullchain`, `bundle`, `root`... */
const CERT_WORD =
  /^(?:[a-z]*ca|ca(?:certs?|bundle|chain)|certs?[a-z]*|[a-z]*certs?|certificates?|[a-z]*chain|bundle|root|intermediate|trust(?:store)?|x509|crt)$/;

/**
 * True when a `.pem` name may hold a private key. The name is split into words at `.`, `_`, `-` and case changes
 * (`rootCA-key.pem`: root, ca, key, pem). A public word wins (`pubkey.pem`, `jwt-public.pem`); then a key word
 * says private (`ca-key.pem`, `rootCA-key.pem`, mkcert's CA key); then a certificate word says public
 * (`rootCA.pem`, `server-cert.pem`, `fullchain.pem`); any other `.pem` may hold a key.
 */
function pemNameMayHoldKey(base: string): boolean {
  const words = base
    .replace(/\.pem$/i, '')
    .split(/[._\-\s]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '');
  if (words.some((w) => PUBLIC_WORD.test(w))) return false;
  if (words.some((w) => PRIVATE_WORD.test(w))) return true;
  return !words.some((w) => CERT_WORD.test(w));
}

/** A public key or certificate block: a file named like a key that holds one is not secret. */
const PUBLIC_BLOCK = /^-----BEGIN (?:[A-Z0-9]+ )*(?:PUBLIC KEY(?: BLOCK)?|CERTIFICATE)-----/m;

/** BW2003: key, credential and .env files copied into an image, or written into it from a heredoc with a secret in their text (seed §6.1; CIS 4.10). */
export const noSecretFilesCopied = dockerfileRule({
  meta: {
    id: 'BW2003',
    name: 'no-secret-files-copied',
    scope: 'dockerfile',
    severity: 'high',
    title: 'Key and credential files are not copied into images',
    rationale:
      'A file copied by COPY or ADD is part of a layer for good: deleting it later only hides it, and anyone who can pull the image (or read the builder cache, for a build stage) can extract it. Private keys, `.env` files, `.npmrc` tokens and git credentials are the usual leaks. A file written from a heredoc (`COPY <<EOF /root/.aws/credentials`) is no better: its secret is in the layer and in the Dockerfile itself.',
    remediation:
      'Mount the file for the RUN that needs it instead: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`, or `RUN --mount=type=ssh git clone ...` for SSH keys; give runtime secrets as files at run time (compose `secrets:`). A credentials file written from a heredoc can name variables that the tool reads at run time instead (`_authToken=${NPM_TOKEN}` in `.npmrc`), with the delimiter quoted (`COPY <<"EOF" /root/.npmrc`) so that the builder writes the reference and not the value. Exclude such files in `.dockerignore` so `COPY . .` cannot pick them up.',
    references: {
      seed: '§6.1',
      cis: { version: '1.6.0', items: ['4.10'] },
      docs: ['https://docs.docker.com/build/building/secrets/'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      secretFile: '{keyword} in {stage} copies {file}, {kind}, into the image.',
      secretWritten: '{keyword} in {stage} writes {file}, {kind}, into the image from a heredoc.',
      secretInHeredoc: '{keyword} in {stage} writes {what} ({masked}) into {file} from a heredoc.',
      expandsSecret:
        '{keyword} in {stage} writes {name} into {file} from a heredoc whose delimiter is not quoted: the builder expands it, so its value stays in the layer.',
    },
  },
  check(spec, ctx) {
    for (const stage of spec.stages) {
      for (const i of stage.instructions) {
        if (!isCopy(i)) continue;
        for (const s of i.sources) {
          if (isUnknown(s.value) || s.value.startsWith('<<') || /^[a-z][a-z0-9+.-]*:\/\//i.test(s.value)) continue;
          // A .pem file read from the context is judged by what it holds; its name decides only when it was not read.
          const held = i.from === undefined ? spec.pemSources?.[s.value] : undefined;
          const kind = held === 'private-key' ? 'a PEM file holding a private key' : held === 'no-private-key' ? undefined : secretFileKind(s.value);
          if (kind) ctx.report({ messageId: 'secretFile', at: s, data: { keyword: i.keyword, stage: describeStage(stage), file: s.value, kind } });
        }
        // COPY <<EOF /root/.ssh/id_rsa: a key written from the heredoc body is in the layer for good. Other files
        // written from a heredoc (a .env of settings) are visible in the Dockerfile and are judged by their text.
        const heredocs = i.sources.filter((s) => !isUnknown(s.value) && s.value.startsWith('<<'));
        const dest = i.destination;
        const to = dest && !isUnknown(dest.value) ? dest.value : undefined;
        if (heredocs.length > 0 && dest && to !== undefined) {
          // Each heredoc is a file: named after its delimiter when the destination is a folder.
          const files = heredocs.map((h) => {
            const name = (h.value as string).replace(/^<<-?\s*["']?([^"']*)["']?$/, '$1');
            return to.endsWith('/') ? `${to}${name}` : to;
          });
          const body = i.args.text.slice(i.args.text.indexOf('\n') + 1);
          const hasKey = PRIVATE_KEY_BLOCK.test(body);
          let reported = false;
          for (const file of files) {
            const named = secretFileKind(file);
            const keyFile =
              (named === 'an SSH private key' || named === 'a private key or keystore') && (hasKey || !PUBLIC_BLOCK.test(body)) ? named : undefined;
            const kind = keyFile ?? (hasKey && files.length === 1 ? 'a private key' : undefined);
            if (!kind) continue;
            reported = true;
            ctx.report({ messageId: 'secretWritten', at: dest, data: { keyword: i.keyword, stage: describeStage(stage), file, kind } });
          }
          if (hasKey && !reported) {
            const file = files.length === 1 ? (files[0] as string) : to;
            ctx.report({ messageId: 'secretWritten', at: dest, data: { keyword: i.keyword, stage: describeStage(stage), file, kind: 'a private key' } });
          }
          // Secrets in the text of the bodies: secret shapes (a GitHub token, an AWS key id...) in any file, and in a
          // credentials or .env file its secret lines (`aws_secret_access_key = ...`, `_authToken=...`). The bodies of
          // several heredocs are read together, so a finding names the file when only one is written or only one is
          // a credentials file, and the destination folder otherwise.
          const bodyStart = i.args.text.indexOf('\n') + 1;
          const seen = new Set<number>();
          const report = (index: number, length: number, what: string, value: string, file: string) => {
            if (seen.has(index)) return;
            seen.add(index);
            ctx.report({
              messageId: 'secretInHeredoc',
              at: commandLocation(i.args, bodyStart + index, length),
              data: { keyword: i.keyword, stage: describeStage(stage), what, masked: maskSecret(value), file },
            });
          };
          const one = files.length === 1 ? (files[0] as string) : to;
          for (const t of secretWords(body)) report(t.index, t.word.length, t.shape.description, t.word, one);
          const credentials = files.filter((f) => credentialsFormat(f) !== undefined);
          const file = credentials.length === 1 ? (credentials[0] as string) : to;
          const format = credentials[0] === undefined ? undefined : credentialsFormat(credentials[0]);
          if (format) for (const v of credentialValues(body, format)) report(v.index, v.value.length, v.name, v.value, file);
          // An unquoted delimiter makes the builder expand `$NAME` in the body with the stage's build arguments and
          // ENV (BuildKit instructions SourcesAndDest.Expand): a secret one is written into the file, in the layer.
          if (heredocs.every((h) => !/["'\\]/.test(h.value as string))) {
            const declared = declaredNames(spec, stage, i.at.offset ?? 0);
            for (const m of body.matchAll(/\\?\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
              const name = m[1] as string;
              if (m[0].startsWith('\\') || !declared.has(name) || !isSecretName(name)) continue;
              const index = m.index ?? 0;
              if (seen.has(index)) continue;
              seen.add(index);
              ctx.report({
                messageId: 'expandsSecret',
                at: commandLocation(i.args, bodyStart + index, m[0].length),
                data: { keyword: i.keyword, stage: describeStage(stage), name: declared.get(name) as string, file: one },
              });
            }
          }
        }
      }
    }
  },
});

/**
 * The variables a heredoc of `stage` expands to a value: the build arguments declared in the stage and the ENV of
 * the stage and of the stages it builds on, each with how a message names it (`build argument NPM_TOKEN`,
 * `variable NPM_TOKEN`), declared before the offset `before` in `stage` itself. A global ARG not declared again in
 * the stage is empty there, so it is not one.
 */
function declaredNames(spec: DockerfileSpec, stage: DockerfileStage, before: number): Map<string, string> {
  const out = new Map<string, string>();
  const inScope = (at: { offset?: number }) => (at.offset ?? 0) < before;
  for (const s of stageChain(spec, stage)) {
    for (const e of s.env) if (!isUnknown(e.value) && (s !== stage || inScope(e.at))) out.set(e.value.name, `variable ${e.value.name}`);
  }
  for (const a of stage.args) if (!isUnknown(a.value) && inScope(a.at)) out.set(a.value.name, `build argument ${a.value.name}`);
  return out;
}
