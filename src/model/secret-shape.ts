/**
 * Secret material recognised by its shape alone (tokens, keys, URL passwords, high-entropy strings), whatever the
 * variable holding it is called. Used by the secret rules and by `quoteValue`, which masks such values wherever a
 * message quotes them.
 */

/** A value shape that is a secret whatever the variable is called. */
export interface SecretShape {
  kind:
    | 'private-key'
    | 'aws-access-key'
    | 'github-token'
    | 'gitlab-token'
    | 'slack-token'
    | 'stripe-key'
    | 'google-api-key'
    | 'anthropic-key'
    | 'huggingface-token'
    | 'jwt'
    | 'url-credentials'
    | 'high-entropy';
  description: string;
}

/**
 * The BEGIN line of a private key, anywhere in a text; group 1 is its label. The label is words of capitals and
 * digits before `PRIVATE KEY`, and `BLOCK` after it for PGP: `PRIVATE KEY` and `ENCRYPTED PRIVATE KEY` (PKCS#8,
 * RFC 7468 §10 and §11), `RSA`/`DSA`/`EC PRIVATE KEY` (OpenSSL's traditional forms), `OPENSSH PRIVATE KEY`
 * (OpenSSH's PROTOCOL.key), `PGP PRIVATE KEY BLOCK` (RFC 4880 §6.2). Public keys and certificates (`PUBLIC KEY`,
 * `PGP PUBLIC KEY BLOCK`, `CERTIFICATE`) have other labels.
 *
 * An encrypted key counts as a private key, in every reader: the key ships with the image, where anyone who can
 * pull it can try passphrases offline, at any speed, for as long as they like; the passphrase it depends on is
 * often written beside it (an ENV, a build argument, the same repository); and rotating it means rotating the
 * key. A key that is only safe while its passphrase stays secret is still secret material (CIS 4.10).
 */
const PRIVATE_KEY_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/;

/**
 * A whole private key block: the BEGIN line at the start of a line (blanks before it allowed, for `<<-` heredocs
 * and indented files), base64 or header lines (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`, PGP's `Version: …`),
 * and the END line with the same label, also at the start of a line. A text that only mentions the BEGIN line (a
 * README, a grep pattern) holds no block. Not global: `test` and `exec` keep no state.
 */
export const PRIVATE_KEY_BLOCK = new RegExp(String.raw`^[ \t]*${PRIVATE_KEY_BEGIN.source}[ \t]*\r?\n[A-Za-z0-9+/=:,\s-]*?^[ \t]*-----END \1-----`, 'm');

/** True when `text` has the BEGIN line of a private key anywhere (PRIVATE_KEY_BEGIN), whole block or not. */
export function hasPrivateKeyBegin(text: string): boolean {
  return PRIVATE_KEY_BEGIN.test(text);
}

/**
 * The whole private key blocks of a text (PRIVATE_KEY_BLOCK), in order.
 * @returns where each starts in `text` (at its `-----BEGIN`, blanks before it left out) and the block, trimmed
 */
export function privateKeyBlocks(text: string): { index: number; block: string }[] {
  const out: { index: number; block: string }[] = [];
  if (!text.includes('PRIVATE KEY')) return out;
  for (const m of text.matchAll(new RegExp(PRIVATE_KEY_BLOCK.source, 'gm'))) {
    out.push({ index: (m.index ?? 0) + m[0].indexOf('-----BEGIN'), block: m[0].trim() });
  }
  return out;
}

/**
 * The start of a URL up to the `:` before its password, as a regular expression source: a scheme, `//`, and the user,
 * which may be empty (`redis://:PASSWORD@host`). The user is characters other than `/ ? # : @ $` and blanks (the first three end the authority:
 * `https://example.com?x=1:2@3` has no user and no password), a `$` not
 * followed by `{`, or a whole `${...}` expression: a compose or shell default holds a `:` (`${DB_USER:-app}`) that is
 * not the one before the password (`postgres://${DB_USER:-app}:S3cret@db` has the password `S3cret`, not
 * `-app}:S3cret`). The three branches start differently, so an unclosed `${` costs one scan, not a backtrack.
 */
export const URL_SCHEME_AND_USER = String.raw`[a-z][a-z0-9+.-]*:\/\/(?:\$\{[^}\s]*\}|\$(?!\{)|[^/?#\s:@$])*`;

/** The characters that end a URL's authority in a text (URL_PASSWORD_TEXT), as a character-class source. */
const AUTHORITY_END = String.raw`/?#\s"'\x60`;

/**
 * A URL's password after URL_SCHEME_AND_USER's `:`, as a regular expression source, to be followed by `@`: it runs
 * to the last `@` before the host, as Go's net/url (strings.LastIndex of the authority) and browsers read it, so a
 * password may hold `@` (`postgres://app:p@ssw0rd@db`: `p@ssw0rd`, not `p`). The authority ends at `/`, `?`, `#`
 * or a blank; a quote ends it too, for a URL quoted in a longer text.
 */
export const URL_PASSWORD_TEXT = `[^${AUTHORITY_END}]+`;

/** URL_PASSWORD_TEXT without `$`: a literal password, not one that holds a variable (`${DB_PASSWORD}`). */
export const URL_LITERAL_PASSWORD_TEXT = `[^${AUTHORITY_END}$]+`;

const SHAPES: { kind: SecretShape['kind']; re: RegExp; description: string }[] = [
  { kind: 'private-key', re: PRIVATE_KEY_BEGIN, description: 'a PEM private key' },
  { kind: 'aws-access-key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, description: 'an AWS access key id' },
  { kind: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/, description: 'a GitHub token' },
  { kind: 'gitlab-token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/, description: 'a GitLab token' },
  { kind: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, description: 'a Slack token' },
  { kind: 'stripe-key', re: /\b[sr]k_live_[A-Za-z0-9]{16,}\b/, description: 'a Stripe live key' },
  { kind: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}\b/, description: 'a Google API key' },
  // `sk-ant-api03-` (an API key; `admin01` an Admin API key, `oat01` an OAuth token) then about 95 characters of
  // base64url. The type and 80 or more characters are required, upper and lower case in them: `sk-ant-...`,
  // `sk-ant-api03-your-key-here` and words of one case are not keys.
  {
    kind: 'anthropic-key',
    re: /\bsk-ant-[a-z]+\d{2}-(?=[\w-]*[A-Z])(?=[\w-]*[a-z])[A-Za-z0-9_-]{80,}/,
    description: 'an Anthropic API key',
  },
  // `hf_` then 34 or more letters and digits, upper and lower case mixed (the tokens are random): `hf_transfer`,
  // `hf_hub_download` and one-case placeholders are not tokens.
  { kind: 'huggingface-token', re: /\bhf_(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{34,}\b/, description: 'a Hugging Face token' },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, description: 'a JSON Web Token' },
  // The user may be empty: `redis://:PASSWORD@host` is how Redis URLs carry a password (requirepass has no user).
  { kind: 'url-credentials', re: new RegExp(`^${URL_SCHEME_AND_USER}:${URL_PASSWORD_TEXT}@`, 'i'), description: 'a URL with a password' },
];

/**
 * The token shapes of SHAPES that start at a word boundary, without their word boundaries: found glued to a letter,
 * digit or `_` on either side (`key_AKIA…`, `AKIA…_prod`, `deploy_ghp_…`): pasted next to a name, a token is still
 * one. For masking only (gluedSecretShape): a finding needs the shape to stand apart.
 */
const GLUED: { kind: SecretShape['kind']; re: RegExp; description: string }[] = SHAPES.filter((s) => s.re.source.startsWith('\\b')).map((s) => ({
  ...s,
  re: new RegExp(s.re.source.slice(2).replace(/\\b$/, ''), s.re.flags),
}));

/**
 * The shape of a token glued to a letter, digit or `_` in `value` (`key_AKIAIOSFODNN7EXAMPLE`, `AKIA…_prod`), which
 * secretShape does not see (its token shapes start and some end at a word boundary). Messages mask such a value too (quoteValue, maskShapes);
 * rules do not report it.
 */
export function gluedSecretShape(value: string): SecretShape | undefined {
  if (value.length < MIN_SHAPE_LENGTH) return undefined;
  for (const s of GLUED) if (s.re.test(value)) return { kind: s.kind, description: s.description };
  return undefined;
}

/** An AWS ARN: `arn:` partition, service, region (may be empty), account (12 digits or empty), then the resource. */
const AWS_ARN = /^arn:aws(?:-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12})?:\S+$/;
/** A Stripe publishable key: public by design (its secret counterpart `sk_live_…` stays a secret). */
const STRIPE_PUBLISHABLE = /^pk_(?:live|test)_[A-Za-z0-9]+$/;

/** No value shorter than this has a shape (the shortest match of SHAPES is the URL credentials `a://:c@`). */
const MIN_SHAPE_LENGTH = 7;

/** Shannon entropy of a string, in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * The secret shape a value has, if any. High entropy needs 32+ characters with no spaces, letters and
 * digits mixed, and at least 4.5 bits per character (hex digests and UUIDs stay below or are excluded).
 */
export function secretShape(value: string): SecretShape | undefined {
  // The shortest text any shape matches is 7 characters (`a://:c@`; high entropy needs 32): most words
  // of a RUN are shorter, and need none of the regular expressions below.
  if (value.length < MIN_SHAPE_LENGTH) return undefined;
  for (const s of SHAPES) {
    if (s.re.test(value)) {
      // `postgres://user:${PW}@db` and `://user:password@` placeholders are not literal secrets.
      if (s.kind === 'url-credentials' && /:\/\/[^:]*:(?:\$|\*+@|password@|<)/i.test(value)) continue;
      return { kind: s.kind, description: s.description };
    }
  }
  // Content digests (`node:20@sha256:…`, `sha512:…`) are public identifiers, not secrets.
  const withoutDigests = value.replace(/\b(?:sha256|sha384|sha512):[0-9a-f]{32,}/gi, '');
  if (withoutDigests !== value) return undefined;
  // Names of secrets and keys that are public by design: an AWS ARN (`arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf`)
  // names where the secret is, and a Stripe publishable key (`pk_live_…`, `pk_test_…`) is meant for browsers.
  if (AWS_ARN.test(value) || STRIPE_PUBLISHABLE.test(value)) return undefined;
  if (
    value.length >= 32 &&
    !/\s/.test(value) &&
    !value.includes('/') &&
    /[A-Za-z]/.test(value) &&
    /\d/.test(value) &&
    !/^[0-9a-f-]+$/i.test(value) &&
    entropy(value) >= 4.5
  ) {
    return { kind: 'high-entropy', description: 'a high-entropy string' };
  }
  return undefined;
}
