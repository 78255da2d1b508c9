/**
 * Secret detection shared by the runtime rules (environment variables) and the Dockerfile rules (ENV, ARG):
 * by variable name, and by value shape. Tuned against false positives: a flag value (`yes`, `8`), a file
 * reference (`/run/secrets/db`, `*_FILE`) or a public key is not a secret.
 */

/** Names that say "secret": ending in PASSWORD, PASSWD, SECRET or TOKEN (`PGPASSWORD`, `NPM_TOKEN`), or in KEY, PASS or PWD after an underscore. */
const SECRET_NAME = /(?:PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIALS?)$|(?:^|_)(?:PASS|PWD|[A-Z0-9]*KEY)$/;
/**
 * Names that end like a secret but hold none: public keys and GPG fingerprints (official images set `GPG_KEY`),
 * key ids, paths to files, sizes and durations, database and cache key names, feature flags.
 */
const NOT_SECRET_NAME =
  /(?:^|_)(?:PUBLIC_KEY|PUB_KEY|GPG_KEYS?|KEY_ID|KEY_FILE|KEY_PATH|KEY_NAME|FILE|PATH|DIR|URL_?PATH|LENGTH|LEN|MIN|MAX|TTL|EXPIRY|EXPIRES|TIMEOUT|ENABLED|DISABLED|ALGORITHM|HEADER|NAME|USER|USERNAME|ID|SORT_KEY|PARTITION_KEY|PRIMARY_KEY|CACHE_KEY|ROUTING_KEY|FOREIGN_KEY|HOTKEY|PUBKEY|GPGKEYS?|PUBLISHABLE_KEY|SITE_KEY)$|ALLOW_EMPTY|RANDOM_ROOT|SKIP_|^KEY$|^PWD$|^OLDPWD$/;
const FLAG_VALUE = /^(?:|yes|no|true|false|on|off|0|1|none|null|changeme-in-prod)$/i;

/** True when a variable name says it holds a secret (`DB_PASSWORD`, `NPM_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export function isSecretName(name: string): boolean {
  const n = name.toUpperCase();
  return SECRET_NAME.test(n) && !NOT_SECRET_NAME.test(n);
}

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
    | 'jwt'
    | 'url-credentials'
    | 'high-entropy';
  description: string;
}

const SHAPES: { kind: SecretShape['kind']; re: RegExp; description: string }[] = [
  { kind: 'private-key', re: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, description: 'a PEM private key' },
  { kind: 'aws-access-key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, description: 'an AWS access key id' },
  { kind: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/, description: 'a GitHub token' },
  { kind: 'gitlab-token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/, description: 'a GitLab token' },
  { kind: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, description: 'a Slack token' },
  { kind: 'stripe-key', re: /\b[sr]k_live_[A-Za-z0-9]{16,}\b/, description: 'a Stripe live key' },
  { kind: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}\b/, description: 'a Google API key' },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, description: 'a JSON Web Token' },
  { kind: 'url-credentials', re: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, description: 'a URL with a password' },
];

/** No value shorter than this has a shape (the shortest match of SHAPES is the URL credentials `a://b:c@`). */
const MIN_SHAPE_LENGTH = 8;

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
  // The shortest text any shape matches is 8 characters (`a://b:c@`; high entropy needs 32): most words
  // of a RUN are shorter, and need none of the regular expressions below.
  if (value.length < MIN_SHAPE_LENGTH) return undefined;
  for (const s of SHAPES) {
    if (s.re.test(value)) {
      // `postgres://user:${PW}@db` and `://user:password@` placeholders are not literal secrets.
      if (s.kind === 'url-credentials' && /:\/\/[^:]+:(?:\$|\*+@|password@|<)/i.test(value)) continue;
      return { kind: s.kind, description: s.description };
    }
  }
  // Content digests (`node:20@sha256:…`, `sha512:…`) are public identifiers, not secrets.
  const withoutDigests = value.replace(/\b(?:sha256|sha384|sha512):[0-9a-f]{32,}/gi, '');
  if (withoutDigests !== value) return undefined;
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

/** True when a value is a flag or a reference rather than secret material (`yes`, `8`, `/run/secrets/x`). */
export function isNonSecretValue(value: string): boolean {
  const v = value.trim();
  // A path names where the secret is (GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/key.json, TLS_KEY=/certs/tls.key):
  // that is the pattern the remediation recommends, not secret material.
  return FLAG_VALUE.test(v) || /^\d{1,6}$/.test(v) || /^(?:\/|\.{1,2}\/|~\/)\S*$/.test(v);
}

/**
 * A URL template whose password is an interpolated variable (`postgres://app:${DB_PASSWORD}@db/app`): once deployed,
 * the environment carries the password. Returns the variable text, or undefined.
 */
export function urlPasswordVariable(template: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:(\$\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)@/i.exec(template)?.[1];
}
