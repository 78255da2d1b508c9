/**
 * Secret detection shared by the runtime rules (environment variables) and the Dockerfile rules (ENV, ARG):
 * by variable name, and by value shape. Tuned against false positives: a flag value (`yes`, `8`), a file
 * reference (`/run/secrets/db`, `*_FILE`) or a public key is not a secret. The value shapes live in the model
 * (src/model/secret-shape.ts), where `quoteValue` masks them in messages too.
 */

import { URL_SCHEME_AND_USER } from '../../model/index.js';

export { entropy, type SecretShape, secretShape } from '../../model/index.js';

/**
 * Names that say "secret": ending in PASSWORD, PASSWD, PASSPHRASE, SECRET or TOKEN (`PGPASSWORD`, `NPM_TOKEN`), also
 * with a number or a word that only says which one (`DB_PASSWORD2`, `PASSWORD_2`, `ADMIN_PASSWORD_NEW`,
 * `DB_PASSWORD_PRIMARY`, `SECRET_VALUE`), in KEY, PASS or PWD after an underscore (`AWS_SECRET_ACCESS_KEY`), or in a
 * key word written as one (`APIKEY`, `MYAPP_SECRETKEY`): not any word that ends in KEY (`MONKEY`, `TURKEY`, `WHISKEY`),
 * and not a word after the secret word that says something else (`TOKEN_URL`, `PASSWORD_POLICY`, `MAX_TOKENS`).
 */
const SECRET_NAME =
  /(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIALS?)(?:_?\d+|_(?:NEW|OLD|PRIMARY|SECONDARY|CURRENT|PREVIOUS|NEXT|VALUE|PLAIN|PLAINTEXT|RAW|B64|BASE64|HEX))?$|(?:^|_)(?:PASS|PWD|KEY)$|(?:API|APP|ACCESS|AUTH|CLIENT|CRYPT|DEPLOY|ENC|ENCRYPTION|HMAC|JWT|LICENSE|MASTER|PRIVATE|SECRET|SERVICE|SESSION|SIGN|SIGNING|SSH|SSL|TLS|WEBHOOK)KEY$/;
/**
 * Names that end like a secret but hold none: public keys and GPG fingerprints (official images set `GPG_KEY`),
 * key ids, paths to files, sizes and durations, database and cache key names, feature flags.
 */
const NOT_SECRET_NAME =
  /(?:^|_)(?:PUBLIC_KEY|PUB_KEY|GPG_KEYS?|KEY_ID|KEY_FILE|KEY_PATH|KEY_NAME|FILE|PATH|DIR|URL_?PATH|LENGTH|LEN|MIN|MAX|TTL|EXPIRY|EXPIRES|TIMEOUT|ENABLED|DISABLED|ALGORITHM|HEADER|NAME|USER|USERNAME|ID|SORT_KEY|PARTITION_KEY|PRIMARY_KEY|CACHE_KEY|ROUTING_KEY|FOREIGN_KEY|HOTKEY|PUBKEY|GPGKEYS?|PUBLISHABLE_KEY|SITE_KEY)$|ALLOW_EMPTY|RANDOM_ROOT|SKIP_|^KEY$|^PWD$|^OLDPWD$/;
const FLAG_VALUE = /^(?:|yes|no|true|false|on|off|0|1|none|null|disabled?|enabled?|required|optional|auto|unset|changeme-in-prod)$/i;

/** True when a variable name says it holds a secret (`DB_PASSWORD`, `NPM_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export function isSecretName(name: string): boolean {
  const n = name.toUpperCase();
  return SECRET_NAME.test(n) && !NOT_SECRET_NAME.test(n);
}

/**
 * True when a value is a flag or a reference rather than secret material (`yes`, `8`, `/run/secrets/x`, `${VAULT_PW}`).
 * A number of five digits or more is not a flag (`ADMIN_PASSWORD=123456` is a password); a value that starts with
 * `/` but holds `+` or `=` is base64, not a path (`/u7Hk+9qLmZ2pR4sT6vX8yA==`).
 */
export function isNonSecretValue(value: string): boolean {
  const v = value.trim();
  // A path names where the secret is (GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/key.json, TLS_KEY=/certs/tls.key):
  // that is the pattern the remediation recommends, not secret material. So is a variable reference kept for a
  // later expansion (compose `$${DB_PASSWORD}` gives the container the text `${DB_PASSWORD}`, which an entrypoint
  // or envsubst fills in).
  return FLAG_VALUE.test(v) || /^\d{1,4}$/.test(v) || /^(?:\/|\.{1,2}\/|~\/)[^\s+=]*$/.test(v) || VARIABLE_REFERENCE.test(v);
}

/** A value that is only a shell or compose variable reference: `$NAME`, `${NAME}`, `${NAME:-default}`. */
const VARIABLE_REFERENCE = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+-][^{}]*)?\})$/;

/**
 * A URL template whose password is an interpolated variable (`postgres://app:${DB_PASSWORD}@db/app`, also with an
 * empty user: `redis://:${REDIS_PASSWORD}@redis`): once deployed,
 * the environment carries the password. Returns the variable text, or undefined.
 */
export function urlPasswordVariable(template: string): string | undefined {
  // The user may be empty (`redis://:${REDIS_PASSWORD}@redis`, the form Redis clients take).
  return URL_PASSWORD_VARIABLE.exec(template)?.[1];
}

const URL_PASSWORD_VARIABLE = new RegExp(`^${URL_SCHEME_AND_USER}:(\\$\\{[A-Za-z_][A-Za-z0-9_]*[^}]*\\}|\\$[A-Za-z_][A-Za-z0-9_]*)@`, 'i');
