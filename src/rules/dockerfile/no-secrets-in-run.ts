import {
  type CopyInstruction,
  commandLocation,
  describeStage,
  isCopy,
  isUnknown,
  type Location,
  maskSecret,
  privateKeyBlocks,
  type RunInstruction,
} from '../../model/index.js';
import { isNonSecretValue, isSecretName } from '../shared/secrets.js';
import type { RuleContext } from '../types.js';
import {
  asCharacters,
  credentialsFormat,
  credentialValues,
  dollarExpands,
  execWord,
  isLiteral,
  isPlaceholderSecret,
  literalDollars,
  literalValue,
  secretWords,
  shellWordValue,
  urlSecrets,
  writtenIndex,
} from './secret-text.js';
import { quotingAt, quotingScanner } from './shell-scan.js';
import { dockerfileRule, lastStartingAtOrBefore, programOf, type RunScript, runScript, runsOf, type SimpleCommand, simpleCommands } from './util.js';

/**
 * `NAME=` before a value (valueAsShellReads reads the value: `NAME="ab\"cd"`, `NAME='x'y`), also at the start of a
 * quoted word: the script of an `sh -c "PGPASSWORD=… psql"`, or an argument of `env`.
 */
const ASSIGNMENT = /(?:^|[\s;&|(]|(?<=^|\s)['"])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?=[^\s;&|)])/g;
/** The password options read for every program (PASSWORD_FLAG). */
const PASSWORD_OPTIONS =
  '--password|--pass|--token|--api-key|--secret|--http-password|--ftp-password|--proxy-password|--requirepass|--masterauth|--db-password|--admin-password|--auth-token|--access-token|--client-secret|--secret-key|-D[\\w.-]*\\.password';
/**
 * A password option (group 2) and what follows it (group 3, `=` or blanks), at the start of a word or of a quoted
 * word (group 1 the quote: `"--password=…"`, whose value is read with the word).
 */
const PASSWORD_FLAG = new RegExp(`(?:^|\\s)(['"]?)(${PASSWORD_OPTIONS})(=|\\s+)(?=[^\\s;&|])`, 'g');
/**
 * A password option or a `NAME=` after an escaped quote anywhere (`\"--password=…\"`, `\"PGPASSWORD=…`): written so
 * only in a script inside a script, where PASSWORD_FLAG and ASSIGNMENT over the outer text do not see it.
 */
const ESCAPED_OPTION = new RegExp(`\\\\['"](?:${PASSWORD_OPTIONS}|[A-Za-z_][A-Za-z0-9_]*=)`);

/**
 * A password option's value that says where the secret is, or that the program asks for it, rather than holding
 * it: a BuildKit or compose secret spec (`--secret id=npm,src=/run/secrets/npm`, `id=x,env=X`), a provider or file
 * reference (`env:NAME`, `file:/path`, `@/path`, `op://vault/item`, `vault:secret/app#pw`, `aws-ssm:/prod/key`), or a
 * word (`prompt`, `stdin`, `auto`, `-`).
 */
const SECRET_REFERENCE =
  /^(?:id|src|source|env|type|target|required|mode)=|^(?:env|file|fd|pass|keyring|op|vault|aws-ssm|ssm|secretsmanager|gcp-sm|azure-kv|k8s|sops|doppler|infisical):|^@|^(?:prompt|stdin|auto|ask|-)$/i;
/** The password options read for every program before the server and JVM ones were added. */
const GENERIC_FLAGS = new Set(['--password', '--pass', '--token', '--api-key', '--secret', '--http-password', '--ftp-password', '--proxy-password']);
/** A secret's name given to `--secret` (`--secret db_password`): lower case, as names are written, not a value. */
const SECRET_NAME_WORD = /^[a-z][a-z0-9_.-]*$/;
const REDIRECT = /(?:^|[^0-9&<>])>>?\s*([^\s;&|]+)/;

/**
 * MySQL and MariaDB clients: their password option takes an optional value, so it must be glued (`-pSECRET`,
 * `--password=SECRET`); `-p DB` and `--password DB` prompt for the password and name a database.
 */
const MYSQL = /^(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mysqlpump|mysqlslap|mysqlsh|mariadb(?:-[a-z]+)?)$/;
/** curl options whose value is `user:password` (no colon: curl prompts for the password). */
const CURL_USER = new Set(['-u', '--user', '-U', '--proxy-user']);
/** curl options whose value is a request header. */
const CURL_HEADER = new Set(['-H', '--header', '--proxy-header']);
/** curl's short options that take a value: in a cluster (`-sSu VALUE`) the first of them ends it. */
const CURL_SHORT_VALUES = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz');
/** curl's long options that take a value and that this rule reads. */
const CURL_LONG_VALUES = new Set(['--user', '--proxy-user', '--header', '--proxy-header']);
/** Request headers that carry a credential, and its scheme: `Authorization: Bearer TOKEN`. */
const AUTH_HEADER =
  /^\s*(?:authorization|proxy-authorization|x-api-key|x-auth-token|private-token|x-vault-token|api-key)\s*:\s*(?:(?:bearer|basic|token)\s+)?(.+?)\s*$/i;
/** docker global options that take a value (before the subcommand: `docker -H host login`). */
const DOCKER_GLOBAL_VALUES = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

/** A literal secret found in one command's words: the option that carries it, where to report, and the value. */
interface WordSecret {
  flag: string;
  start: number;
  length: number;
  value: string;
}

/** The value of an option at `words[k]` that is `name VALUE`, `name=VALUE` (long) or `nameVALUE` (short). */
function optionValue(words: readonly string[], k: number, names: ReadonlySet<string>): { flag: string; value: string | undefined } | undefined {
  const t = words[k] as string;
  if (names.has(t)) return { flag: t, value: words[k + 1] };
  for (const n of names) {
    if (n.startsWith('--') ? t.startsWith(`${n}=`) : t.startsWith(n) && t.length > n.length)
      return { flag: n, value: t.slice(n.length + (n.startsWith('--') ? 1 : 0)) };
  }
  return undefined;
}

/**
 * curl's options as curl reads its words, with their values: `--name VALUE`, `--name=VALUE`, `-xVALUE`, `-x VALUE`
 * and clusters of short options (`-sSu VALUE`, `-fsSuVALUE`): a short option that takes a value ends its cluster,
 * and the rest of the word, or else the next word, is its value. `length` spans the word up to the option's letter.
 */
function curlOptions(words: readonly string[]): { flag: string; k: number; value: string | undefined; length: number }[] {
  const out: { flag: string; k: number; value: string | undefined; length: number }[] = [];
  for (let k = 1; k < words.length; k++) {
    const t = words[k] as string;
    if (t === '--') break;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq === -1 ? t : t.slice(0, eq);
      if (!CURL_LONG_VALUES.has(name)) continue;
      out.push({ flag: name, k, value: eq === -1 ? words[k + 1] : t.slice(eq + 1), length: name.length });
      if (eq === -1) k++;
      continue;
    }
    if (!t.startsWith('-')) continue;
    for (let j = 1; j < t.length; j++) {
      if (!CURL_SHORT_VALUES.has(t[j] as string)) continue;
      const rest = t.slice(j + 1);
      out.push({ flag: `-${t[j]}`, k, value: rest !== '' ? rest : words[k + 1], length: j + 1 });
      if (rest === '') k++;
      break;
    }
  }
  return out;
}

/** The subcommand of a docker or podman command (`login` in `docker -H x login`), and its index. */
function dockerSubcommand(c: SimpleCommand): number {
  for (let k = 1; k < c.words.length; k++) {
    const t = c.words[k] as string;
    if (DOCKER_GLOBAL_VALUES.has(t)) k++;
    else if (!t.startsWith('-')) return k;
  }
  return -1;
}

/**
 * Programs that take a password on their command line, in one table: the subcommand that logs in (after the
 * program's options; docker's global options take values), the options whose value is the password (a short one
 * also glued: `-pSECRET`, unless `glued` is false), whether it reads the password from standard input with
 * `--password-stdin`, and, for a program that runs another (`sshpass -p PW ssh -p 22 host`), the options of its
 * own that take a value: its options end at the first other word.
 * Long `--password`/`--pass` are also read for every program by PASSWORD_FLAG; a place is reported once.
 */
interface PasswordTool {
  sub: readonly string[];
  flags: readonly string[];
  stdin: boolean;
  glued?: false;
  ownValues?: readonly string[];
}
const LOGIN: PasswordTool = { sub: ['login'], flags: ['-p', '--password'], stdin: true };
/**
 * The MongoDB shells and database tools: `-p PASSWORD`, `-pPASSWORD`, `--password PASSWORD` (`-p` last, or before an
 * option, prompts; so does a value `prompt` or `stdin`, SECRET_REFERENCE).
 */
const MONGO: PasswordTool = { sub: [], flags: ['-p', '--password'], stdin: false };
const PASSWORD_TOOLS: Readonly<Record<string, PasswordTool>> = {
  docker: LOGIN,
  podman: LOGIN,
  buildah: LOGIN,
  skopeo: LOGIN,
  oras: LOGIN,
  crane: { ...LOGIN, sub: ['auth', 'login'] },
  helm: { ...LOGIN, sub: ['registry', 'login'] },
  sshpass: { sub: [], flags: ['-p'], stdin: false, ownValues: ['-f', '-d', '-P'] },
  'redis-cli': { sub: [], flags: ['-a', '--pass'], stdin: false, glued: false },
  mongosh: MONGO,
  mongo: MONGO,
  mongodump: MONGO,
  mongorestore: MONGO,
  mongoexport: MONGO,
  mongoimport: MONGO,
  mongostat: MONGO,
  mongotop: MONGO,
  mongofiles: MONGO,
};

/** The index of the first word after a password tool's subcommand (`docker -H x login` gives 3), or -1. */
function afterSubcommand(c: SimpleCommand, tool: PasswordTool): number {
  if (tool.sub.length === 0) return 1;
  const prog = programOf(c);
  let k = prog === 'docker' || prog === 'podman' ? dockerSubcommand(c) : c.words.findIndex((t, i) => i > 0 && !t.startsWith('-'));
  if (k === -1) return -1;
  for (const s of tool.sub) {
    if (c.words[k] !== s) return -1;
    k++;
  }
  return k;
}

/**
 * Programs that take a password as a positional argument, not after an option: the argument's index in `c.words`
 * and how the finding names where it goes (`htpasswd -b`), or undefined. Each reading gives up (undefined) on an
 * option it does not know, rather than take an option's value for the password.
 * - `htpasswd -b[cmBdpsDv…] [-C cost] [-r rounds] FILE USER PASSWORD`, `htpasswd -nb USER PASSWORD` (httpd.apache.org/
 *   docs/2.4/programs/htpasswd.html): in batch mode (`b` in an option cluster) the password is the last argument,
 *   after the file unless `n` prints the result instead; `-i` reads it from standard input.
 * - `vault login TOKEN` (developer.hashicorp.com/vault/docs/commands/login): with the token method (no `-method`),
 *   the first argument is the token; `-` reads it from standard input, `KEY=VALUE` arguments are the method's.
 * - `rabbitmqctl add_user USER PASSWORD`, `change_password USER PASSWORD`, `authenticate_user USER PASSWORD`
 *   (rabbitmq.com/docs/man/rabbitmqctl.8): the second argument after the command; a hash given with
 *   `--pre-hashed-password` is not the password.
 */
function positionalPassword(c: SimpleCommand): { k: number; flag: string } | undefined {
  const prog = programOf(c);
  if (prog !== 'htpasswd' && prog !== 'vault' && prog !== 'rabbitmqctl') return undefined;
  // The words without redirections (`> /h`, `2>/dev/null`), each with its index in `c.words`.
  const index: number[] = [];
  for (let k = 0; k < c.words.length; k++) {
    const t = c.words[k] as string;
    if (/^(?:\d*|&)(?:[<>]|>>|<<<|>&|<&)/.test(t)) {
      if (/^(?:\d*|&)(?:[<>]|>>|<<-?|<<<|>\||<>)$/.test(t)) k++;
    } else index.push(k);
  }
  const w = index.map((k) => c.words[k] as string);
  const found = positionalIn(w, prog);
  return found && { k: index[found.k] as number, flag: found.flag };
}

/** positionalPassword in the words `w` of a command of `prog` (redirections left out). */
function positionalIn(w: readonly string[], prog: string): { k: number; flag: string } | undefined {
  if (prog === 'htpasswd') {
    let letters = '';
    const args: number[] = [];
    for (let k = 1; k < w.length; k++) {
      const t = w[k] as string;
      // Options come first, each a cluster of letters; `C` (bcrypt cost) and `r` (rounds) end theirs with a value.
      const o = /^-([bcnimBdpsDv25]*)(?:([Cr])(\d*))?$/.exec(t);
      if (args.length > 0 || !t.startsWith('-') || t === '-') args.push(k);
      else if (o === null) return undefined;
      else {
        letters += o[1] as string;
        if (o[2] !== undefined && o[3] === '') k++;
      }
    }
    if (!letters.includes('b') || letters.includes('i') || args.length !== (letters.includes('n') ? 2 : 3)) return undefined;
    return { k: args.at(-1) as number, flag: 'htpasswd -b' };
  }
  if (prog === 'vault') {
    if (w[1] !== 'login') return undefined;
    for (let k = 2; k < w.length; k++) {
      const t = w[k] as string;
      if (!t.startsWith('-') || t === '-') return t.includes('=') ? undefined : { k, flag: 'vault login' };
      const name = t.replace(/^--?/, '').replace(/=.*$/s, '');
      if (name === 'method') return undefined;
      if (VAULT_BOOLEANS.has(name) || t.includes('=')) continue;
      if (!VAULT_VALUES.has(name)) return undefined;
      k++;
    }
    return undefined;
  }
  if (prog === 'rabbitmqctl') {
    const sub = w.findIndex((t) => RABBITMQ_PASSWORD_COMMANDS.has(t));
    if (sub === -1 || w.includes('--pre-hashed-password')) return undefined;
    const args: number[] = [];
    for (let k = sub + 1; k < w.length; k++) {
      const t = w[k] as string;
      if (!t.startsWith('-')) args.push(k);
      else if (RABBITMQ_VALUES.has(t)) k++;
      else if (!RABBITMQ_BOOLEANS.has(t) && !/^--[a-z-]+=/.test(t)) return undefined;
    }
    return args.length === 2 ? { k: args[1] as number, flag: `rabbitmqctl ${w[sub]}` } : undefined;
  }
  return undefined;
}

/** `vault login` options that take no value, and those that take one (`-path PATH`, also `-path=PATH`). */
const VAULT_BOOLEANS = new Set(['no-print', 'no-store', 'token-only', 'tls-skip-verify', 'non-interactive', 'output-curl-string', 'output-policy']);
const VAULT_VALUES = new Set([
  'path',
  'address',
  'agent-address',
  'ca-cert',
  'ca-path',
  'client-cert',
  'client-key',
  'namespace',
  'ns',
  'tls-server-name',
  'wrap-ttl',
  'format',
  'field',
  'header',
  'mfa',
  'policy-override',
  'unlock-key',
]);
/** rabbitmqctl commands whose second argument is a password, and its options that take a value. */
const RABBITMQ_PASSWORD_COMMANDS = new Set(['add_user', 'change_password', 'authenticate_user']);
const RABBITMQ_VALUES = new Set(['-n', '--node', '-t', '--timeout', '-p', '--vhost', '--formatter', '--erlang-cookie']);
const RABBITMQ_BOOLEANS = new Set(['-q', '--quiet', '-s', '--silent', '-l', '--longnames', '--no-table-headers']);

/** True when a command is a login that reads its password from standard input (`docker login --password-stdin`). */
function readsPasswordStdin(c: SimpleCommand): boolean {
  const tool = PASSWORD_TOOLS[programOf(c)];
  return tool?.stdin === true && afterSubcommand(c, tool) !== -1 && c.words.includes('--password-stdin');
}

/**
 * Package managers whose `config set KEY VALUE` (or `KEY=VALUE`) writes a registry credential: the words before
 * `set` (`config`, its alias `c`, or none: `npm set`), and the keys that hold a credential (group 1 the key as
 * written, group 2 the setting's name, group 3 a value after `=`). Options (`--location=project`, `-g`, `-H`) are
 * passed over wherever they are.
 * - npm (docs.npmjs.com/cli/commands/npm-config, /cli/configuring-npm/npmrc): `_authToken`, `_auth` (base64
 *   `user:password`) and `_password`, scoped to a registry (`//registry.npmjs.org/:_authToken`) or not.
 * - pnpm (pnpm.io/cli/config, /npmrc; `pnpm config set KEY=VALUE` splits at the first `=`): the same .npmrc keys.
 *   `pnpm set` is not documented; it is read like npm's, since the RUN's text is kept whether pnpm takes it or not.
 * - yarn: classic (classic.yarnpkg.com/lang/en/docs/cli/config) keeps npm's keys; berry (yarnpkg.com/configuration/
 *   yarnrc, `yarn config set [-H] NAME VALUE`) has `npmAuthToken` and `npmAuthIdent` (`user:password`), at the top
 *   or under `npmScopes.<scope>` / `npmRegistries["//host"]`. `yarn set version` sets no configuration.
 */
const NPMRC_AUTH = /^((?:\S*:)?(_authToken|_auth|_password))(?:=(.*))?$/s;
const PACKAGE_MANAGERS: Readonly<Record<string, { config: readonly (readonly string[])[]; key: readonly RegExp[] }>> = {
  npm: { config: [['config', 'set'], ['c', 'set'], ['set']], key: [NPMRC_AUTH] },
  pnpm: { config: [['config', 'set'], ['c', 'set'], ['set']], key: [NPMRC_AUTH] },
  yarn: { config: [['config', 'set']], key: [NPMRC_AUTH, /^((?:\S*[.\]])?(npmAuthToken|npmAuthIdent))(?:=(.*))?$/s] },
};

/**
 * A registry credential set with a package manager's `config set` (PACKAGE_MANAGERS): the key word's index, the
 * setting's name, the key's length (quotes removed) and the value (undefined when none is written).
 */
function registryAuthSetting(c: SimpleCommand): { k: number; key: string; keyLength: number; value: string | undefined } | undefined {
  const pm = PACKAGE_MANAGERS[programOf(c)];
  if (pm === undefined) return undefined;
  const w = c.words.filter((t) => !t.startsWith('-'));
  const sub = pm.config.find((words) => words.every((t, i) => w[i + 1] === t));
  const word = sub === undefined ? undefined : w[sub.length + 1];
  const m = word === undefined ? undefined : pm.key.map((re) => re.exec(word)).find((r) => r !== null);
  if (!m || sub === undefined) return undefined;
  return { k: c.words.indexOf(word as string), key: m[2] as string, keyLength: (m[1] as string).length, value: m[3] ?? w[sub.length + 2] };
}

/** What echo or printf writes: their operands after the options (printf: the first argument after a `%` format). */
function printed(c: SimpleCommand): { value: string; start: number; length: number } | undefined {
  const prog = programOf(c);
  let k = 1;
  if (prog === 'echo') while (k < c.words.length && /^-[neE]+$/.test(c.words[k] as string)) k++;
  else if (prog === 'printf') {
    if (c.words[k] === '--') k++;
    if ((c.words[k] ?? '').includes('%')) k++;
  } else return undefined;
  const first = c.words[k];
  if (first === undefined) return undefined;
  const value = c.words.slice(k).join(' ').replace(/\\n$/, '');
  return { value, start: c.starts[k] as number, length: first.length };
}

/**
 * Literal secrets given on one command's words: `mysql -pSECRET`, `curl -u user:SECRET`, an `Authorization`
 * header of curl or wget, `docker login -p SECRET`, and a literal piped into (or given as a here-string to)
 * `docker login --password-stdin`. `previous` is the command before it, when this one reads its output.
 */
function commandSecrets(c: SimpleCommand, previous: SimpleCommand | undefined, text: string, depth = 0, expandedBefore?: (i: number) => boolean): WordSecret[] {
  const out: WordSecret[] = [];
  const w = c.words;
  const prog = programOf(c);
  /**
   * `valueAt`: where the value's word is written in `text`; the value is then read from there as the shell gives it
   * to the program (shellWordValue: `'ab$$cd'` and `"ab\$cd"` hold literal dollars, `"ab\"cd"` a quote; an
   * `expandedBefore` dollar is an outer shell's), else as the word is.
   */
  const add = (flag: string, k: number, word: string | undefined, length = flag.length, valueAt?: number) => {
    const value = valueAt === undefined || word === undefined ? word : shellWordValue(text, valueAt, wordEnd(text, valueAt), expandedBefore);
    if (value === undefined) return;
    const plain = asCharacters(value);
    // A placeholder (`password`, `YOUR_VAULT_TOKEN`, `...`) or a masked token (`hf_xxxxxxxx…`) stands for the secret;
    // a password with a character repeated (`S3cretPw00000000`) is a password (isSecretTemplate's REPEATED is for
    // token shapes, not for what an option is given).
    if (plain.startsWith('-') || isPlaceholderSecret(plain)) return;
    if (literalValue(value)) out.push({ flag, start: c.starts[k] as number, length, value });
  };
  if (MYSQL.test(prog)) {
    for (let k = 1; k < w.length; k++) if (/^-p./.test(w[k] as string)) add('-p', k, (w[k] as string).slice(2), 2, (c.starts[k] as number) + 2);
  }
  if (prog === 'curl') {
    for (const o of curlOptions(w)) {
      if (o.value === undefined) continue;
      const colon = CURL_USER.has(o.flag) ? o.value.indexOf(':') : -1;
      if (colon !== -1) add(o.flag, o.k, o.value.slice(colon + 1), o.length);
      const auth = CURL_HEADER.has(o.flag) ? AUTH_HEADER.exec(o.value) : null;
      if (auth) add(o.flag, o.k, auth[1], o.length);
    }
  }
  if (prog === 'wget') {
    for (let k = 1; k < w.length; k++) {
      const header = optionValue(w, k, new Set(['--header']));
      const auth = header?.value === undefined ? null : AUTH_HEADER.exec(header.value);
      if (header && auth) add(header.flag, k, auth[1]);
    }
  }
  const tool = PASSWORD_TOOLS[prog];
  const from = tool === undefined ? -1 : afterSubcommand(c, tool);
  if (tool !== undefined && from !== -1) {
    for (let k = from; k < w.length; k++) {
      const t = w[k] as string;
      if (tool.ownValues !== undefined && !t.startsWith('-')) break;
      const eq = t.startsWith('--') ? t.indexOf('=') : -1;
      const name = eq === -1 ? t : t.slice(0, eq);
      // A value that says where the password is, or that the program asks for it (`prompt`, `stdin`), is not one.
      const value = tool.flags.includes(name) ? (eq === -1 ? w[k + 1] : t.slice(eq + 1)) : undefined;
      if (value !== undefined) {
        const valueAt = eq === -1 ? c.starts[k + 1] : (c.starts[k] as number) + eq + 1;
        if (!SECRET_REFERENCE.test(value)) add(name, k, value, name.length, valueAt);
      } else if (tool.glued !== false && tool.flags.some((f) => !f.startsWith('--') && t.startsWith(f) && t.length > f.length)) {
        if (!SECRET_REFERENCE.test(t.slice(2))) add(t.slice(0, 2), k, t.slice(2), 2, (c.starts[k] as number) + 2);
      } else if (tool.stdin && t === '<<<') add('--password-stdin', k + 1, w[k + 1], (w[k + 1] ?? '').length);
      else if (tool.stdin && t.startsWith('<<<')) add('--password-stdin', k, t.slice(3), t.length);
      if (tool.ownValues?.includes(name) || (tool.ownValues !== undefined && tool.flags.includes(name))) k++;
    }
    // `echo "S3cret" | docker login --password-stdin`: the literal is on the command before the pipe.
    const p = readsPasswordStdin(c) && c.piped && previous ? printed(previous) : undefined;
    if (p && isLiteral(p.value)) out.push({ flag: '--password-stdin', start: p.start, length: p.length, value: p.value });
  }
  const positional = positionalPassword(c);
  const pw = positional === undefined ? undefined : (w[positional.k] as string);
  if (positional && pw !== undefined && !SECRET_REFERENCE.test(pw)) {
    const at = c.starts[positional.k] as number;
    add(positional.flag, positional.k, pw, wordEnd(text, at) - at, at);
  }
  const setting = registryAuthSetting(c);
  if (setting) {
    // Located at the key as written: a key quoted as a whole (`'npmScopes.acme.npmAuthToken'`) with its quotes.
    const at = c.starts[setting.k] as number;
    const q = text[at];
    const quoted = (q === "'" || q === '"') && text[at + 1 + setting.keyLength] === q;
    add(setting.key, setting.k, setting.value, setting.keyLength + (quoted ? 2 : 0));
  }
  if (depth < SCRIPT_DEPTH) out.push(...nestedSecrets(c, text, depth, expandedBefore), ...positionalSecrets(c, text, depth, expandedBefore));
  return out;
}

/**
 * The literal secrets of the arguments after the STRING of `sh -c STRING $0 ARGS…` when STRING only runs a program
 * on them (argsProgram: `sh -c 'exec mongosh "$@"' -- -p …`): ARGS are read as that program's words, at their place
 * in `text`. The generic readings (`--password …`) already see them in the text.
 */
function positionalSecrets(c: SimpleCommand, text: string, depth: number, expandedBefore: ((i: number) => boolean) | undefined): WordSecret[] {
  const s = shellScriptWord(c);
  const prog = s === -1 || s + 2 >= c.words.length ? undefined : argsProgram(c.words[s] as string);
  if (prog === undefined) return [];
  const words = [prog, ...c.words.slice(s + 2)];
  const starts = [c.starts[s] as number, ...c.starts.slice(s + 2)];
  return commandSecrets({ words, starts, wrappers: [], piped: false }, undefined, text, depth + 1, expandedBefore);
}

/** Shells whose `-c STRING` runs STRING as a script (`sh -c '…'`, `bash -lc "…"`). */
const SHELL_PROGRAMS = /^(?:sh|bash|ash|dash|zsh)$/;

/** The index in `c.words` of STRING in a shell's `sh -c STRING` (`bash -o pipefail -lc STRING`), or -1. */
function shellScriptWord(c: SimpleCommand): number {
  if (!SHELL_PROGRAMS.test(programOf(c))) return -1;
  const w = c.words;
  for (let k = 1; k < w.length; k++) {
    const t = w[k] as string;
    if (/^[-+]o$/.test(t)) k++;
    else if (/^-[A-Za-z]*c[A-Za-z]*$/.test(t)) return k + 1 < w.length ? k + 1 : -1;
    else if (!/^[-+]/.test(t)) return -1;
  }
  return -1;
}

/**
 * The program a shell script runs on its positional parameters, when that is all it does: `exec PROG "$@"` or
 * `PROG "$@"` (`sh -c 'exec mongosh "$@"' -- -p …` gives mongosh the words after `$0`), else undefined. The quotes
 * may be escaped, as in a double-quoted STRING (`"exec app \\"$@\\""`).
 */
export function argsProgram(script: string): string | undefined {
  return /^\s*(?:exec\s+)?([\w./+-]+)\s+\\?"?\$@\\?"?\s*;?\s*$/.exec(script)?.[1];
}

/**
 * Where the STRING of each `sh -c STRING` of a shell text is written in it (its quotes included), in text order:
 * the parts of the text a shell reads again, and expands `$NAME` in.
 */
export function shellScripts(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const c of simpleCommands(text)) {
    const s = shellScriptWord(c);
    if (s !== -1) out.push({ start: c.starts[s] as number, end: wordEnd(text, c.starts[s] as number) });
  }
  return out;
}

/**
 * What the shell of an `sh -c STRING` command reads as its script: `script`, with `map[i]` where its character `i`
 * (its length included) is written in `text` from `base`, and `before`, shellWordValue's `expandedBefore` for it (in
 * a STRING in double quotes the outer shell has expanded each `$` not escaped before the inner one reads its quotes;
 * so has a shell around `text`, `expandedBefore`, at its own places). `at`: where STRING starts in `text`. `exact`:
 * whether `map` holds: STRING is written as is, bare or in one pair of quotes (the word keeps a quoted STRING's text
 * as written; in double quotes the shell drops the `\` before `"`, `$`, `\` and a backquote before the inner shell
 * reads it), or in several parts that wordReads maps (`parts`). Undefined for a command that is no `sh -c`.
 */
interface ScriptRead {
  script: string;
  map: number[];
  base: number;
  at: number;
  exact: boolean;
  /** Whether STRING is written in several parts (`'a'"b"`), read by wordReads. */
  parts?: boolean;
  before: ((i: number) => boolean) | undefined;
}

function scriptRead(c: SimpleCommand, text: string, expandedBefore: ((i: number) => boolean) | undefined): ScriptRead | undefined {
  const s = shellScriptWord(c);
  if (s === -1) return undefined;
  const written = c.words[s] as string;
  const at = c.starts[s] as number;
  const q = text[at] as string;
  const quoted = (q === "'" || q === '"') && text.startsWith(written, at + 1) && text[at + 1 + written.length] === q;
  const exact = quoted || (text.startsWith(written, at) && !/['"\\]/.test(written));
  // A STRING of several parts (`'a'"b"`, `'it'\''s'`): what the shell makes of them, each character's place kept.
  const parts = exact ? undefined : wordReads(text, at, wordEnd(text, at));
  if (parts !== undefined) {
    const before = (i: number) => parts.expanded.has(i) || (expandedBefore?.(parts.map[i] ?? 0) ?? false);
    return { script: parts.script, map: parts.map, base: 0, at, exact: true, parts: true, before };
  }
  const { script, map, expanded } = quoted && q === '"' ? doubleQuotedReads(written, 0) : asWritten(written);
  const base = quoted ? at + 1 : at;
  const before = exact ? (i: number) => expanded.has(i) || (expandedBefore?.(base + (map[i] ?? 0)) ?? false) : expandedBefore && (() => true);
  return { script, map, base, at, exact, before };
}

/**
 * What a shell makes of the word written at `text[from, to)` (doubleQuotedReads' shape, for a word of any parts):
 * quotes taken off, in double quotes the `\` before `"`, `$`, `\` and a backquote, outside quotes before any
 * character (a `\` and a line break, both); `map[i]` is where character `i` is written in `text` (`map[script.length]`
 * is `to`), `expanded` holds the indexes of the `$` this shell expands (the inner shell gets their values). Undefined
 * when a quote is left open.
 */
function wordReads(text: string, from: number, to: number): { script: string; map: number[]; expanded: Set<number> } | undefined {
  let script = '';
  const map: number[] = [];
  const expanded = new Set<number>();
  const put = (i: number): void => {
    script += text[i];
    map.push(i);
  };
  // A `$` at `i` that starts an expansion: marked (with the second `$` of a `$$`); returns the index read last.
  const dollar = (i: number, quoted: boolean): number => {
    if (!dollarExpands(text[i + 1] ?? '', quoted)) {
      put(i);
      return i;
    }
    expanded.add(script.length);
    put(i);
    if (text[i + 1] !== '$') return i;
    expanded.add(script.length);
    put(i + 1);
    return i + 1;
  };
  for (let i = from; i < to; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1 || close >= to) return undefined;
      for (let j = i + 1; j < close; j++) put(j);
      i = close;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < to && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < to && '"$`\\\n'.includes(text[j + 1] as string)) {
          j++;
          if (text[j] !== '\n') put(j);
        } else if (text[j] === '$') j = dollar(j, true);
        else put(j);
      }
      if (j >= to) return undefined;
      i = j;
    } else if (ch === '\\' && i + 1 < to) {
      i++;
      if (text[i] !== '\n') put(i);
    } else if (ch === '$') i = dollar(i, false);
    else put(i);
  }
  map.push(to);
  return { script, map, expanded };
}

/**
 * The literal secrets of the commands in a shell-form `sh -c STRING` (as exec form `["sh", "-c", "…"]` gives its
 * script): STRING's commands are read like the RUN's, at their place in `text` (scriptRead, which also maps a STRING
 * of several parts, `'a'"b"`). A STRING it cannot map (a quote left open) has no exact columns inside it: its
 * findings are located at its first character.
 */
function nestedSecrets(c: SimpleCommand, text: string, depth: number, expandedBefore: ((i: number) => boolean) | undefined): WordSecret[] {
  const r = scriptRead(c, text, expandedBefore);
  if (r === undefined) return [];
  const inner = simpleCommands(r.script);
  const out: WordSecret[] = [];
  inner.forEach((ic, j) => {
    for (const f of commandSecrets(ic, ic.piped ? inner[j - 1] : undefined, r.script, depth + 1, r.before)) {
      out.push(r.exact ? { ...f, start: r.base + (r.map[f.start] ?? 0) } : { ...f, start: r.at, length: 1 });
    }
  });
  return out;
}

/** What a shell reads of a text it is given as it is written (`sh -c 'STRING'`, a bare STRING): doubleQuotedReads' shape. */
function asWritten(written: string): { script: string; map: number[]; expanded: ReadonlySet<number> } {
  const map: number[] = [];
  for (let i = 0; i <= written.length; i++) map.push(i);
  return { script: written, map, expanded: new Set() };
}

/**
 * What an inner shell reads of the text written from `from` inside a double-quoted string (the STRING of `sh -c "…"`),
 * up to the first `"` that no backslash escapes (the string's end), or with `oneWord` up to the end of the inner
 * shell's word: the outer shell takes the backslash off `\"`, `\$`, `\\` and a backquote, and expands every other
 * `$` that starts an expansion first. `map[i]` is where the inner text's character `i` (its length included) is
 * written in `written`; `expanded` holds the indexes, in the inner text, of the `$` the outer shell expanded
 * (`sh -c "app --password 'ab$$cd'"` gives the inner shell the outer one's process id, `'ab\$\$cd'` two dollars).
 */
function doubleQuotedReads(written: string, from: number, oneWord = false): { script: string; map: number[]; expanded: ReadonlySet<number> } {
  let script = '';
  const map: number[] = [];
  const expanded = new Set<number>();
  // With `oneWord`, the inner shell's quoting of what is read so far, to stop where its word ends.
  let quote: string | undefined;
  let escaped = false;
  let i = from;
  for (; i < written.length && written[i] !== '"'; i++) {
    if (oneWord) {
      const c = written[i] === '\\' && '"$`\\'.includes(written[i + 1] ?? '') ? (written[i + 1] as string) : (written[i] as string);
      if (escaped) escaped = false;
      else if (quote !== undefined) {
        if (c === quote) quote = undefined;
        else if (c === '\\' && quote === '"') escaped = true;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '\\') escaped = true;
      else if (/[\s;&|()<>]/.test(c)) break;
    }
    if (written[i] === '\\' && '"$`\\'.includes(written[i + 1] ?? '')) i++;
    else if (written[i] === '$' && dollarExpands(written[i + 1] ?? '', true)) {
      expanded.add(script.length);
      // The second `$` of a `$$` (the process id) is the same expansion's.
      if (written[i + 1] === '$') {
        script += '$';
        map.push(i);
        i++;
        expanded.add(script.length);
      }
    }
    script += written[i];
    map.push(i);
  }
  map.push(i);
  return { script, map, expanded };
}

/** Where a simple command begins: at its first wrapper (`sudo`), else at its program. */
function commandBegin(c: SimpleCommand): number {
  return c.wrappers[0]?.start ?? (c.starts[0] as number);
}

/**
 * The index in `cmds` (the simple commands of a RUN's text, in order; `separatorAt` is separatorFinder of that text) of the command whose standard input is the heredoc
 * whose marker's name is at `marker`: the command it is written in (`docker login --password-stdin <<EOF`), or the
 * one it is written before, as a redirection may be (`<<EOF docker login --password-stdin`). BuildKit runs a RUN
 * whose first line is more than one heredoc word through the shell as written, bodies appended (moby/buildkit
 * frontend/dockerfile/dockerfile2llb/convert.go, dispatchRun), so the shell gives the body to that command.
 * A separator between the marker and the next command (`true <<EOF && docker login`) leaves the marker to the
 * command before it. -1 when there is none.
 */
function markerOwner(cmds: readonly SimpleCommand[], marker: number, separatorAt: (from: number) => number): number {
  // Commands begin in text order: a binary search (a findIndex per heredoc body was quadratic on a RUN of
  // 20,000 `cat <<EN`).
  let lo = 0;
  let hi = cmds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (commandBegin(cmds[mid] as SimpleCommand) > marker) hi = mid;
    else lo = mid + 1;
  }
  const next = lo === cmds.length ? -1 : lo;
  if (next === -1) return cmds.length - 1;
  return separatorAt(marker) < commandBegin(cmds[next] as SimpleCommand) ? next - 1 : next;
}

/**
 * The first separator (`;`, `&`, `|`, parentheses, a line break) at or after an index of `text`, where the `&` of
 * `2>&1` and `<&3` (after a `<` or `>` at or after the index) separates nothing; the text's length when there is
 * none. For indexes in increasing order, the last answer is kept: every index up to it has the same one (but an
 * `&` right at the index, whose `<` or `>` lies before it). The markers of one command (`cat <<E1 <<E2 …`) read
 * the rest of the command once, not once each.
 */
function separatorFinder(text: string): (from: number) => number {
  let lastFrom = -1;
  let last = -1;
  return (from) => {
    if (text[from] === '&') return from;
    if (from >= lastFrom && from <= last) return last;
    let i = from;
    for (; i < text.length; i++) {
      const c = text[i] as string;
      if (c === '&' ? i === from || (text[i - 1] !== '<' && text[i - 1] !== '>') : ';|()\n'.includes(c)) break;
    }
    lastFrom = from;
    last = i;
    return i;
  };
}

/**
 * The first REDIRECT of the line from `start` (the text up to the next line break), as `REDIRECT.exec(line)` gives
 * it, for starts that never decrease. The line and its first redirection from the last start are kept: every
 * command before that redirection shares it (no match starts between), so one line of 50,000 commands is read
 * once, not once per command.
 */
function redirectFinder(text: string): (start: number) => { line: string; r: RegExpExecArray } | undefined {
  const re = new RegExp(REDIRECT.source, 'g');
  let lineEnd = -1;
  let from = -1;
  let at: { index: number; m: RegExpExecArray } | null = null;
  return (start) => {
    if (start >= lineEnd) {
      const nl = text.indexOf('\n', start);
      lineEnd = nl === -1 ? text.length : nl;
      from = -1;
    }
    // Matched in the whole text: `^` never matches there (a command starts with no `>`), and the line is cut
    // short when a match crosses its end (REDIRECT's `\s*` may read the line break).
    if (from === -1 || start < from || (at !== null && start > at.index)) {
      re.lastIndex = start;
      const m = re.exec(text.slice(0, lineEnd));
      at = m === null ? null : { index: m.index, m };
      from = start;
    }
    if (at === null) return undefined;
    const line = text.slice(start, lineEnd);
    const r = Object.assign([...at.m], { index: at.index - start, input: line, groups: at.m.groups }) as unknown as RegExpExecArray;
    return { line, r };
  };
}

/**
 * Whether `\brm\s+(?:-[a-zA-Z]+\s+)*[^;&|\n]*FILE` matches the text at or after `from` (the test that a file
 * written from a secret is removed again), read without that regex: its option words and `[^;&|\n]*` could each
 * take the same characters, quadratic on `rm -a -a -a …`. A match at an `rm` needs an occurrence of FILE that
 * starts after `rm`'s blanks or after one of its options and its blanks, before the next `;`, `&`, `|` or line
 * break. Results are kept per file (a later start before the match found has the same answer). A search reads
 * from the first `rm` after `from`, each character once: past 64 characters read per character of the text in
 * all (many files, each looked for in a long tail of `rm` commands), the file is not looked for (undefined).
 */
function removalFinder(text: string): (file: string, from: number) => boolean | undefined {
  const cache = new Map<string, { from: number; at: number }>();
  let budget = 64 * text.length + 65536;
  /** Every `rm` followed by blanks, and where its blanks end, in text order (a script without one reads nothing). */
  const rms: { at: number; end: number }[] = [];
  for (const m of text.matchAll(/\brm\s+/g)) rms.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  const option = /-[a-zA-Z]+\s+/y;
  return (file, from) => {
    const known = cache.get(file);
    if (known && from >= known.from && (known.at === -1 || from <= known.at)) return known.at !== -1;
    let lo = 0;
    let hi = rms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((rms[mid] as { at: number }).at < from) lo = mid + 1;
      else hi = mid;
    }
    const seen = new Set<number>();
    let at = -1;
    // The next occurrence of the file and the end of the segment, each kept while the indexes asked stay before
    // them: every character is read once per search, and what is read is charged to the budget.
    let occFrom = Number.POSITIVE_INFINITY;
    let occ = -1;
    let endFrom = -1;
    let end = -1;
    search: for (let k = lo; k < rms.length; k++) {
      const m = rms[k] as { at: number; end: number };
      for (let r = m.end; !seen.has(r); ) {
        seen.add(r);
        if (!(r >= endFrom && r <= end)) {
          endFrom = r;
          end = r;
          while (end < text.length && !';&|\n'.includes(text[end] as string)) end++;
          budget -= end - r;
        }
        if (!(r >= occFrom && (occ === -1 || r <= occ))) {
          occFrom = r;
          occ = text.indexOf(file, r);
          budget -= (occ === -1 ? text.length : occ) - r;
        }
        if (budget < 0) return undefined;
        if (occ !== -1 && occ + file.length <= end) {
          at = m.at;
          break search;
        }
        option.lastIndex = r;
        const next = option.exec(text);
        if (next === null) break;
        budget -= next[0].length;
        r += next[0].length;
      }
    }
    cache.set(file, { from, at });
    return at !== -1;
  };
}

/**
 * The literal credentials in the remote sources of an ADD: the password of `https://user:password@host/…` (a
 * `$VAR` is not one), and secret-shaped tokens anywhere in the URL (`https://ghp_…@github.com/…`). Each is located
 * at its own characters when the source is written on one line as its value, else at the source.
 */
function urlCredentials(add: CopyInstruction): { at: Location; kind: string; value: string }[] {
  const out: { at: Location; kind: string; value: string }[] = [];
  for (const s of add.sources) {
    const v = s.value;
    if (isUnknown(v) || !/^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i.test(v)) continue;
    const exact = s.at.line !== undefined && s.at.line === s.at.endLine && s.at.column !== undefined && s.at.endColumn === s.at.column + v.length;
    const at = (index: number, length: number): Location =>
      exact ? { ...s.at, column: (s.at.column as number) + index, endColumn: (s.at.column as number) + index + length } : s.at;
    for (const t of urlSecrets(v)) out.push({ at: at(t.index, t.word.length), kind: t.kind, value: t.word });
  }
  return out;
}

/** Whether `index` falls in one of `spans` ([start, end), sorted and not overlapping), by a binary search. */
function inSpan(spans: readonly { start: number; end: number }[], index: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as { end: number }).end <= index) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  return s !== undefined && s.start <= index;
}

/**
 * One literal secret in a command's text (literalSecrets): an inline `NAME=secret` assignment (`inlineSecret`, at
 * the name), a password option (`passwordFlag`, at the option), or a secret shape or private key (`secretValue`, at
 * the value); `index` and `length` in the text, `masked` the value as maskSecret shows it.
 */
export type LiteralSecret =
  | { messageId: 'inlineSecret'; index: number; length: number; name: string; masked: string }
  | { messageId: 'passwordFlag'; index: number; length: number; flag: string; masked: string }
  | { messageId: 'secretValue'; index: number; length: number; kind: string; masked: string };

/**
 * The value of the option or assignment whose value is written at `at` of a shell `text`, as the program receives it
 * (shellWordValue: each `$` that is a character as LITERAL_DOLLAR), and where its word ends in `text`; undefined
 * when a quote is left open. A value inside a quoted string is read by the shell that string is given to
 * (`sh -c '…'`); inside a double-quoted one, after the outer shell took the backslash off `\$`, `\"` and `\\` and
 * expanded every other `$` (doubleQuotedReads: `sh -c "app --password 'ab\$\$cd'"` passes `ab$$cd`). `quoting` is
 * the text's quotingScanner, asked in text order; `before`, shellWordValue's `expandedBefore` for a text an outer
 * shell read first (a script in a script: nestedOptionSecrets); `quoteAfter`, the text's quoteFinder, asked in the
 * same order.
 */
function valueAsShellReads(
  text: string,
  at: number,
  quoting: ReturnType<typeof quotingScanner>,
  before?: (i: number) => boolean,
  quoteAfter?: (at: number) => number,
): { value: string; end: number } | undefined {
  const quote = quoting(at).quote;
  if (quote === '"') {
    const inner = doubleQuotedReads(text, at, true);
    const value = shellWordValue(inner.script, 0, inner.script.length, (i) => inner.expanded.has(i) || (before?.(inner.map[i] as number) ?? false));
    return value === undefined ? undefined : { value, end: inner.map[inner.script.length] as number };
  }
  const close = quote === "'" ? (quoteAfter?.(at) ?? text.indexOf("'", at)) : -1;
  const end = wordEnd(text, at, close === -1 ? text.length : close);
  const value = shellWordValue(text, at, end, before);
  return value === undefined ? undefined : { value, end };
}

/**
 * The index of the first `'` at or after an index of `text` (-1 when none is), for indexes that never decrease: the
 * last answer is kept while the indexes stay at or before it, so the options of one long single-quoted string
 * (`sh -c '… --password a … --password b …'`) read the string once, not once each.
 */
function quoteFinder(text: string): (at: number) => number {
  let from = -1;
  let found = -1;
  return (at) => {
    if (from !== -1 && at >= from && (found === -1 || at <= found)) return found;
    from = at;
    found = text.indexOf("'", at);
    return found;
  };
}

/**
 * The literal secrets of one shell command text, in the order they are found: secret variables set inline,
 * passwords given to options (`-p`, `-u user:pass`, `--password`, `docker login -p`, an `Authorization` header,
 * and in an `sh -c STRING`), secret shapes and private keys. `text` is the shell text read for commands; `raw` the
 * text read for shapes (a RUN with data heredocs: the same indexes, the bodies not blanked; else `text`). A text
 * may hold LITERAL_DOLLAR for a `$` no shell reads (literalDollars), and a value read from it LITERAL_BACKQUOTE for a
 * backquote in single quotes: each `masked` shows them as the characters they are (asCharacters). Pure,
 * shared with the runtime rule that reads a container's command (BW1032).
 */
export function literalSecrets(text: string, raw: string = text): { found: LiteralSecret[]; cmds: SimpleCommand[]; reported: Set<number> } {
  const found: LiteralSecret[] = [];
  const mask = (value: string): string => maskSecret(asCharacters(value));
  const reported = new Set<number>();
  // Where the values of the secret variables reported start and end: a secret shape inside one is the same secret,
  // not a second finding (`SLACK_TOKEN=xoxb-… app`).
  const assigned: { start: number; end: number }[] = [];
  // Where a password option was reported: PASSWORD_FLAG and the per-program reading may both see one.
  const flagged = new Set<number>();
  // Where the values of those options start: a token given to a password option is one finding, not a second
  // secretValue finding for its shape (`yarn config set npmAuthToken ghp_…`, `echo ghp_… | docker login`).
  const valuesAt = new Set<number>();
  const noteValue = (value: string, from: number): void => {
    const at = text.indexOf(value, from);
    if (at !== -1) valuesAt.add(at);
  };
  const cmds = simpleCommands(text);
  const take = (options: OptionSecret[], toText: (i: number) => number): void => {
    for (const o of options) {
      const index = toText(o.index);
      if (o.messageId === 'inlineSecret') {
        if (reported.has(index)) continue;
        reported.add(index);
        assigned.push({ start: toText(o.valueStart), end: toText(o.valueEnd) });
        found.push({ messageId: 'inlineSecret', index, length: o.length, name: o.name, masked: mask(o.value) });
      } else {
        if (flagged.has(index)) continue;
        flagged.add(index);
        valuesAt.add(toText(o.valueStart));
        found.push({ messageId: 'passwordFlag', index, length: o.length, flag: o.name, masked: mask(o.value) });
      }
    }
  };
  const top = optionSecrets(text, cmds, undefined);
  // A value in an `sh -c` script inside an `sh -c` script (`sh -c 'sh -c "app --password …"'`) is read by the pass
  // over the outer script (nestedOptionSecrets), which knows the quoting its shell reads: only looked for when this
  // text has a password option or a secret's name at all.
  const nested = top.seen || ESCAPED_OPTION.test(text) ? nestedOptionSecrets(text, cmds, undefined, 0) : undefined;
  take(nested === undefined ? top.found : top.found.filter((o) => !inSpan(nested.skip, o.index)), (i) => i);
  for (const n of nested?.found ?? []) take(n.options, n.toText);
  if (nested !== undefined) assigned.sort((a, b) => a.start - b.start);
  cmds.forEach((c, k) => {
    for (const f of commandSecrets(c, c.piped ? cmds[k - 1] : undefined, text)) {
      if (flagged.has(f.start)) continue;
      flagged.add(f.start);
      noteValue(f.value, f.start);
      found.push({ messageId: 'passwordFlag', index: f.start, length: f.length, flag: f.flag, masked: mask(f.value) });
    }
  });
  // Secret shapes anywhere in the text as written: heredoc bodies that are data (`cat <<EOF > f`) included,
  // since the image history keeps them.
  for (const t of secretWords(raw)) {
    if (reported.has(t.index) || flagged.has(t.index) || valuesAt.has(t.index) || inSpan(assigned, t.index)) continue;
    reported.add(t.index);
    found.push({ messageId: 'secretValue', index: t.index, length: t.word.length, kind: t.shape.description, masked: mask(t.word) });
  }
  for (const k of privateKeyBlocks(raw)) {
    found.push({ messageId: 'secretValue', index: k.index, length: 10, kind: 'a PEM private key', masked: mask(k.block) });
  }
  return { found, cmds, reported };
}

/**
 * A secret variable set inline (`inlineSecret`, at its name) or a password option (`passwordFlag`, at the option)
 * found in a shell text by optionSecrets: `name` is the variable or the option, `value` the value as the program
 * receives it (shellWordValue's), written at `[valueStart, valueEnd)` of the text (valueStart where its characters
 * begin, after an opening quote).
 */
interface OptionSecret {
  messageId: 'inlineSecret' | 'passwordFlag';
  index: number;
  length: number;
  name: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

/**
 * The secret variables set inline (`NAME=secret`) and the password options (PASSWORD_FLAG: `--password secret`) of
 * a shell text, in text order, each value read as the program receives it (valueAsShellReads: also one in an
 * `sh -c '…'` or `sh -c "…"` string of the text, which its shell reads). `before` is shellWordValue's
 * `expandedBefore` for a text an outer shell read first. `seen`: whether the text has any secret-named assignment
 * or password option, read or not.
 */
function optionSecrets(text: string, cmds: readonly SimpleCommand[], before: ((i: number) => boolean) | undefined): { found: OptionSecret[]; seen: boolean } {
  const found: OptionSecret[] = [];
  let seen = false;
  // How the assignments' values are quoted, asked in text order (PASSWORD_FLAG's matches below have a scanner of their own).
  const assignmentQuoting = quotingScanner(text);
  const assignmentQuote = quoteFinder(text);
  const assignment = new RegExp(ASSIGNMENT);
  for (let m = assignment.exec(text); m !== null; m = assignment.exec(text)) {
    const name = m[1] as string;
    const idx = m.index + m[0].indexOf(name);
    if (!isSecretName(name)) continue;
    seen = true;
    const at = m.index + m[0].length;
    const read = valueAsShellReads(text, at, assignmentQuoting, before, assignmentQuote);
    if (read === undefined) continue;
    // What the value's word holds is read: an assignment written inside it (`A="x B=y"`) is none.
    assignment.lastIndex = Math.max(assignment.lastIndex, read.end);
    // A placeholder (`YOUR_API_KEY`, `changeme`) or a masked-out token (`hf_xxxxxxxx…`) stands for the secret.
    if (!literalValue(read.value) || isPlaceholderSecret(asCharacters(read.value), name) || printfFormat(cmds, idx, read.value)) continue;
    found.push({ messageId: 'inlineSecret', index: idx, length: name.length, name, value: read.value, valueStart: at, valueEnd: read.end });
  }
  // The command each word starts, to read an option in the context of its program (built at the first option).
  let commandOf: Map<number, SimpleCommand> | undefined;
  // How the matches are quoted, asked in text order (a value in single quotes keeps its `$`, unless the option is
  // in a double-quoted string, whose `$` a shell expanded first).
  const quoting = quotingScanner(text);
  const quote = quoteFinder(text);
  const passwordFlag = new RegExp(PASSWORD_FLAG);
  for (let m = passwordFlag.exec(text); m !== null; m = passwordFlag.exec(text)) {
    seen = true;
    const open = m[1] as string;
    const flag = m[2] as string;
    const at = m.index + m[0].length;
    // In a quoted word, blanks after the option are part of it (`"--password x"` is one argument, no option).
    if (open !== '' && m[3] !== '=') continue;
    const read =
      open === '' ? valueAsShellReads(text, at, quoting, before, quote) : quotedOptionValue(text, m.index + m[0].indexOf(open), flag, quoting, before, quote);
    if (read === undefined) continue;
    passwordFlag.lastIndex = Math.max(passwordFlag.lastIndex, read.end);
    const value = asCharacters(read.value);
    if (
      !literalValue(read.value) ||
      value.startsWith('-') ||
      isPlaceholderSecret(value) ||
      SECRET_REFERENCE.test(value) ||
      (flag === '--secret' && SECRET_NAME_WORD.test(value))
    )
      continue;
    // The options added for servers and JVMs (`--requirepass`, `-Dspring.datasource.password=`) take a path or a flag
    // as often as a secret in some programs: those are not reported.
    if (!GENERIC_FLAGS.has(flag) && isNonSecretValue(value)) continue;
    const idx = (m.index ?? 0) + (m[0] as string).indexOf(flag);
    if (printfFormat(cmds, idx, value)) continue;
    // `mysql --password DB` prompts: DB is a database name (the value must be glued with `=`).
    if (commandOf === undefined) {
      commandOf = new Map();
      for (const c of cmds) for (const start of c.starts) commandOf.set(start, c);
    }
    const c = commandOf.get(idx);
    if ((m[3] as string) !== '=' && c && MYSQL.test(programOf(c))) continue;
    // Where the value is written in its word: after an opening quote (`"ghp_…"`, `\"ghp_…\"` in an `sh -c "…"`).
    const written = text.slice(at, read.end).indexOf(value.replace(/[`"'\\].*$/s, ''));
    found.push({
      messageId: 'passwordFlag',
      index: idx,
      length: flag.length,
      name: flag,
      value: read.value,
      valueStart: at + Math.max(written, 0),
      valueEnd: read.end,
    });
  }
  return { found, seen };
}

/**
 * The value of a password option written at the start of a quoted word (`"--password=S3cret"`, `'--token=ab'\''cd'`,
 * also in a script's string: `sh -c "app '--password=…'"`), the quote at `open`: the whole word as the shell gives
 * it to the program (valueAsShellReads from the quote), less the option and its `=`. Undefined for an escaped quote
 * (a character: the word is no option) or when a quote is left open.
 */
function quotedOptionValue(
  text: string,
  open: number,
  flag: string,
  quoting: ReturnType<typeof quotingScanner>,
  before: ((i: number) => boolean) | undefined,
  quoteAfter: (at: number) => number,
): { value: string; end: number } | undefined {
  if (quoting(open).escaped) return undefined;
  const word = valueAsShellReads(text, open, quoting, before, quoteAfter);
  return word?.value.startsWith(`${flag}=`) ? { value: word.value.slice(flag.length + 1), end: word.end } : undefined;
}

/**
 * Whether the text at `index` is in a word of a `printf` command and `value` holds a conversion (`printf
 * '--password=%s\n' "$PW"`, `printf "DB_PASSWORD=%s" "$PW"`): a format that writes the secret given after it, not
 * one. `cmds` are the text's simple commands, in order.
 */
function printfFormat(cmds: readonly SimpleCommand[], index: number, value: string): boolean {
  if (!/%[-+ #0-9.]*[a-zA-Z]/.test(value)) return false;
  // The last command that begins at or before `index` (commands begin in text order).
  let lo = 0;
  let hi = cmds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (commandBegin(cmds[mid] as SimpleCommand) <= index) lo = mid + 1;
    else hi = mid;
  }
  const c = cmds[lo - 1];
  return c !== undefined && programOf(c) === 'printf';
}

/**
 * How deep `sh -c` scripts are read inside the text of a command: a script in a script in a script
 * (`sh -c 'sh -c "sh -c …"'`), three shells below the command's own. Deeper ones are not read (no finding, no error):
 * they are rare, and a bound keeps the reading linear.
 */
const SCRIPT_DEPTH = 3;

/**
 * The password options and secret variables of the `sh -c` scripts of a shell text that optionSecrets over the text
 * does not read right, up to SCRIPT_DEPTH. optionSecrets reads values one shell deep (its own words, and in the
 * strings of its scripts written in one pair of quotes, whose quoting valueAsShellReads knows), so each script that
 * holds scripts is read again as a text of its own, its findings in those scripts kept (two levels inside this text:
 * `sh -c 'sh -c "app --password …"'`), and so is each script written in several parts (`'it'\''s'`, `'a'"b"`),
 * all of it. `found`: those findings, with `toText` mapping their indexes to this text's; `skip`: where what they
 * read is written in this text (sorted), left to them. Undefined when this text has no script.
 */
function nestedOptionSecrets(
  text: string,
  cmds: readonly SimpleCommand[],
  before: ((i: number) => boolean) | undefined,
  depth: number,
  children: readonly ScriptSpan[] = scriptsOf(text, cmds, before),
): { found: { options: OptionSecret[]; toText: (i: number) => number }[]; skip: { start: number; end: number }[] } | undefined {
  if (children.length === 0) return undefined;
  const found: { options: OptionSecret[]; toText: (i: number) => number }[] = [];
  const skip: { start: number; end: number }[] = [];
  for (const child of children) {
    const toText = (i: number): number => child.base + (child.map[i] ?? child.map.length - 1);
    // Most scripts run no shell: their commands are not split for one.
    const inner = child.parts || RUNS_SHELL.test(child.script) ? simpleCommands(child.script) : undefined;
    const grand = inner === undefined ? [] : scriptsOf(child.script, inner, child.before);
    if (inner === undefined || (!child.parts && grand.length === 0)) continue;
    if (child.parts) skip.push({ start: child.start, end: child.end });
    else for (const g of grand) skip.push({ start: toText(g.start), end: toText(g.end) });
    if (depth + 1 >= SCRIPT_DEPTH + (child.parts ? 1 : 0)) continue;
    // An exact child's own words were read over this text: its pass keeps what lies in its scripts (`grand`).
    const deeper = nestedOptionSecrets(child.script, inner, child.before, depth + 1, grand);
    const own = optionSecrets(child.script, inner, child.before).found.filter(
      (o) => (child.parts || inSpan(grand, o.index)) && (deeper === undefined || !inSpan(deeper.skip, o.index)),
    );
    found.push({ options: own, toText });
    for (const d of deeper?.found ?? []) found.push({ options: d.options, toText: (i) => toText(d.toText(i)) });
  }
  skip.sort((a, b) => a.start - b.start);
  return { found, skip };
}

/**
 * The `sh -c STRING` scripts of a shell text whose characters' places are known (scriptRead's `exact`), with where
 * STRING is written in the text (`[start, end)`, its quotes included).
 */
function scriptsOf(text: string, cmds: readonly SimpleCommand[], before: ((i: number) => boolean) | undefined): ScriptSpan[] {
  const out: ScriptSpan[] = [];
  for (const c of cmds) {
    const r = scriptRead(c, text, before);
    if (r?.exact) out.push(Object.assign(r, { start: r.at, end: wordEnd(text, r.at) }));
  }
  return out;
}

/** A script of scriptsOf: what its shell reads, and where it is written in the text read (`[start, end)`). */
type ScriptSpan = ScriptRead & { start: number; end: number };

/** A text that may run a shell on a script (SHELL_PROGRAMS with an option): only then are its commands read for one. */
const RUNS_SHELL = /\b(?:ba|da|z|a)?sh\s+[-+]/;

/**
 * The shell text an exec-form array that is no `sh -c` script (`joined`, runScript's, its elements joined by blanks)
 * is read as, so that each element is read as the value the program gets: each `$` that is a character as
 * LITERAL_DOLLAR (literalDollars), and an element with a character a shell would read (a quote, a backslash, a
 * blank…) written in single quotes from that character on (execWord: `["app", "--password=O'Brien-Pass9x"]`,
 * `"ab\\$cd"`, which gives the program six characters), each finding located at its own characters (writtenIndex;
 * an index between elements at `whole`, the array). `joined` itself, dollars read, when no element has such a
 * character.
 */
function execText(elements: readonly string[], joined: RunScript, whole: Location): RunScript {
  const words = elements.map((e) => execWord(literalDollars(e)));
  if (words.every((w, k) => w.length === (elements[k] as string).length)) {
    const text = literalDollars(joined.text);
    return { ...joined, text, raw: text };
  }
  // Where each element starts in the text and in `joined.text`.
  const at: { start: number; from: number; length: number }[] = [];
  let start = 0;
  let from = 0;
  for (const [k, w] of words.entries()) {
    at.push({ start, from, length: w.length });
    start += w.length + 1;
    from += (elements[k] as string).length + 1;
  }
  const text = words.join(' ');
  const locate = (index: number, length: number): Location => {
    const k = lastStartingAtOrBefore(at, index);
    const a = at[k];
    if (a === undefined || index >= a.start + a.length) return whole;
    const e = elements[k] as string;
    const first = writtenIndex(e, index - a.start);
    return joined.locate(a.from + first, Math.max(writtenIndex(e, index - a.start + length) - first, 1));
  };
  return { ...joined, text, raw: text, locate };
}

/**
 * `script` (runScript's, of an exec-form array) located through JSON escapes: an index inside an element written with
 * escapes (`\"`, `\\`, `\u0041`), which runScript locates at the whole array, is located at the characters that
 * write it in the file (rawOffsets). The elements are those `script.text` joins by blanks: all of them, or the SCRIPT
 * of `["sh", "-c", SCRIPT, …]`. `script` itself when no element has an escape.
 */
function jsonEscapesLocated(run: RunInstruction, script: RunScript): RunScript {
  const { exec, execSpans: spans } = run;
  if (run.form !== 'exec' || exec === undefined || spans === undefined || spans.length !== exec.length) return script;
  const first = script.text === exec.join(' ') ? 0 : exec.length > 2 && script.text === exec[2] ? 2 : -1;
  const elements = first === 0 ? exec : exec.slice(2, 3);
  const escaped = (k: number): boolean => {
    const span = spans[first + k] as { start: number; end: number };
    return span.end - span.start !== (elements[k] as string).length;
  };
  if (first === -1 || !elements.some((_, k) => escaped(k))) return script;
  const starts: { start: number }[] = [];
  let start = 0;
  for (const e of elements) {
    starts.push({ start });
    start += e.length + 1;
  }
  const locate = (index: number, length: number): Location => {
    const k = lastStartingAtOrBefore(starts, index);
    const e = elements[k];
    const offset = index - (starts[k]?.start ?? 0);
    if (e === undefined || offset + length > e.length || !escaped(k)) return script.locate(index, length);
    const span = spans[first + k] as { start: number; end: number };
    const raw = rawOffsets(run.args.text, span, e);
    if (raw === undefined) return script.locate(index, length);
    const from = raw[offset] as number;
    return commandLocation(run.args, span.start + from, (raw[offset + length] as number) - from);
  };
  return { ...script, locate };
}

/**
 * Where each character of the JSON string value `e` is written in its text `text[span.start, span.end)` (an escape
 * takes 2 characters, `\uXXXX` 6), from the span's start, the value's end included; undefined when the text does not
 * decode to `e` (a line continuation in it).
 */
function rawOffsets(text: string, span: { start: number; end: number }, e: string): number[] | undefined {
  const out: number[] = [];
  let decoded = '';
  for (let r = span.start; r < span.end; ) {
    out.push(r - span.start);
    const c = text[r] as string;
    if (c !== '\\') {
      decoded += c;
      r++;
    } else if (text[r + 1] === 'u') {
      decoded += String.fromCharCode(Number.parseInt(text.slice(r + 2, r + 6), 16));
      r += 6;
    } else {
      const n = text[r + 1] ?? '';
      decoded += JSON_ESCAPES[n] ?? n;
      r += 2;
    }
  }
  out.push(span.end - span.start);
  return decoded === e ? out : undefined;
}

/** The JSON escapes that stand for another character than the one after the backslash. */
const JSON_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/**
 * The literal secrets of one command (a RUN, or the command of a CMD, ENTRYPOINT or HEALTHCHECK given as one),
 * reported (literalSecrets). `instruction` opens each message (`A RUN`, `A CMD`). Returns what the RUN-only checks
 * read on.
 */
function checkLiterals(
  run: RunInstruction,
  instruction: string,
  stageName: string,
  ctx: RuleContext<'inlineSecret' | 'secretValue' | 'passwordFlag'>,
): { script: RunScript; text: string; cmds: SimpleCommand[]; reported: Set<number> } {
  // An exec-form array that is no `sh -c` script: no shell reads its elements, so a `$` in them is a character
  // (`["app", "--password", "pa$w0rd"]`), unless it starts what the program may expand (literalDollars), and a
  // quote in them is one (execText).
  const exec = run.form === 'exec' ? run.exec : undefined;
  const joined = jsonEscapesLocated(run, runScript(run));
  const script = exec !== undefined && joined.text === exec.join(' ') ? execText(exec, joined, run.args.at) : joined;
  const text = script.text;
  const { found, cmds, reported } = literalSecrets(text, script.raw);
  const report = (f: LiteralSecret, at: Location): void => {
    const stage = stageName;
    if (f.messageId === 'inlineSecret') ctx.report({ messageId: f.messageId, at, data: { instruction, stage, name: f.name, masked: f.masked } });
    else if (f.messageId === 'passwordFlag') ctx.report({ messageId: f.messageId, at, data: { instruction, stage, flag: f.flag, masked: f.masked } });
    else ctx.report({ messageId: f.messageId, at, data: { instruction, stage, kind: f.kind, masked: f.masked } });
  };
  for (const f of found) report(f, script.locate(f.index, f.length));
  // `["sh", "-c", SCRIPT, "--", "--password", "…"]`: the elements after SCRIPT are its positional parameters
  // (`"$@"`), passed as written. They are read as the words of a command of their own, at their elements, when
  // runScript read SCRIPT alone (else they are in the text it read).
  if (exec !== undefined && exec.length > 3 && exec[1] === '-c' && text === exec[2]) {
    // A SCRIPT that only runs a program on them (`exec mongosh "$@"`): the arguments after `$0` are that program's
    // words, read after its name (`mongosh -p …`), and `$0` on its own.
    const prog = argsProgram(exec[2] as string);
    const read = (from: number, to: number, prefix: string): void => {
      const rest: RunInstruction = { ...run, exec: exec.slice(from, to) };
      if (run.execSpans) rest.execSpans = run.execSpans.slice(from, to);
      const words = execText(rest.exec as string[], jsonEscapesLocated(rest, runScript(rest)), run.args.at);
      for (const f of literalSecrets(literalDollars(prefix) + words.text).found) report(f, words.locate(Math.max(f.index - prefix.length, 0), f.length));
    };
    if (prog === undefined || exec.length === 4) read(3, exec.length, '');
    else {
      read(3, 4, '');
      read(4, exec.length, `${prog} `);
    }
  }
  return { script, text, cmds, reported };
}

/** BW2002: secrets written into RUN commands (and the commands of CMD, ENTRYPOINT, HEALTHCHECK), or written from a variable into a file of the layer (seed §6.1; CIS 4.10). */
export const noSecretsInRun = dockerfileRule({
  meta: {
    id: 'BW2002',
    name: 'no-secrets-in-run',
    scope: 'dockerfile',
    severity: 'high',
    title: 'RUN, CMD, ENTRYPOINT, HEALTHCHECK and ADD do not carry or store secrets',
    rationale:
      'The text of every RUN is stored in the image history, so a secret written in it ships with the image: a token set inline (`NPM_TOKEN=... npm ci`), a password on a command line (`--password ...`, `mysql -p...`, `curl -u user:...`, `docker login -p ...` and the other registry logins, `sshpass -p ...`, `redis-cli -a ...`, a registry token set with `npm`, `pnpm` or `yarn config set` (`//registry.npmjs.org/:_authToken ...`, `npmAuthToken ...`), `echo ... | docker login --password-stdin` or a heredoc body fed to it), a token in a heredoc body, even one that is only data for `cat > file`. A secret echoed into a file (`echo $TOKEN > .npmrc`), or set from a variable with `npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN` (which writes `~/.npmrc`), stays in that layer even when it came from a secret mount and a later RUN deletes the file. The commands of CMD, ENTRYPOINT and HEALTHCHECK are kept in the image config as written (`docker inspect` shows them to anyone who can pull the image), so the same literal secrets in them ship too; so does a password or token in the URL of an ADD (`ADD https://deploy:...@host/file`), which the Dockerfile and the image history keep.',
    remediation:
      'Mount the secret for that one RUN only: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`, or `--mount=type=secret,id=npmrc,target=/root/.npmrc`, and build with `docker build --secret id=npm_token,src=.npm_token .`. Give passwords from the mount the same way: `RUN --mount=type=secret,id=db_pw,env=DB_PASSWORD mysql -p"$DB_PASSWORD" ...`, `curl -u "ci:$TOKEN"`, `docker login --password-stdin -u ci registry < /run/secrets/registry`. Remove any file holding a secret in the same RUN that wrote it. A CMD, ENTRYPOINT or HEALTHCHECK reads its secret when the container runs, from a variable the runtime sets (`mysqladmin ping -p"$MYSQL_PASSWORD"`) or a mounted secret file (`--password-file /run/secrets/db_pw`), never a literal. Download a file that needs credentials in a RUN that reads them from a secret mount (`RUN --mount=type=secret,id=netrc,target=/root/.netrc curl -fsSLo /x https://host/file`), or give `docker build` the credentials of a Git source (`--secret id=GIT_AUTH_TOKEN`), not the URL.',
    references: {
      seed: '§6.1',
      cis: { version: '1.6.0', items: ['4.10'] },
      docs: ['https://docs.docker.com/build/building/secrets/'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile'],
    messages: {
      inlineSecret: '{instruction} in {stage} sets {name} to a literal secret ({masked}).',
      secretValue: '{instruction} in {stage} contains {kind} ({masked}).',
      passwordFlag: '{instruction} in {stage} passes a literal secret to {flag} ({masked}).',
      writesSecret: 'A RUN in {stage} writes secret variable {name} into {file}, which stays in the layer.',
      writesLiteral: 'A RUN in {stage} writes {name} ({masked}) into {file}, which stays in the layer.',
      urlCredential: 'ADD in {stage} downloads from a URL that holds {kind} ({masked}).',
      unchecked:
        'Whether a RUN in {stage} writes secret variables into files cannot be known: it writes too many files (or too long lines) to read in linear time.',
    },
  },
  check(spec, ctx) {
    // The commands the container runs (CMD, ENTRYPOINT, HEALTHCHECK CMD, and those an ONBUILD sets for child images)
    // are kept in the image config as written: a literal secret in them ships as one in a RUN does. They run when the container starts, not in
    // the build, so what they write to files is not in a layer (an entrypoint that writes ~/.npmrc from $TOKEN).
    for (const stage of spec.stages) {
      for (const i of stage.instructions) {
        if (!('command' in i) || i.command === undefined) continue;
        const c = i.command;
        const run: RunInstruction = { keyword: 'RUN', at: i.at, flags: [], args: c.text, form: c.form, mounts: [] };
        if (c.exec) run.exec = c.exec;
        if (c.execSpans) run.execSpans = c.execSpans;
        // An ONBUILD CMD (ENTRYPOINT, HEALTHCHECK) trigger: kept in this image's config, the command of every child image.
        const shown = i.keyword === 'ONBUILD' ? `An ONBUILD ${i.trigger ?? ''}` : i.keyword === 'ENTRYPOINT' ? 'An ENTRYPOINT' : `A ${i.keyword}`;
        checkLiterals(run, shown, describeStage(stage), ctx);
      }
    }
    // ADD keeps its source URL in the Dockerfile and the image history: a password or token in it ships too.
    for (const stage of spec.stages) {
      for (const i of stage.instructions) {
        if (!isCopy(i) || i.keyword !== 'ADD') continue;
        for (const c of urlCredentials(i)) {
          ctx.report({ messageId: 'urlCredential', at: c.at, data: { stage: describeStage(stage), kind: c.kind, masked: maskSecret(c.value) } });
        }
      }
    }
    for (const { stage, run } of runsOf(spec.stages)) {
      const stageName = describeStage(stage);
      const { script, text, cmds, reported } = checkLiterals(run, 'A RUN', stageName, ctx);
      const raw = script.raw;
      // A data heredoc written to a credentials file (`cat <<EOF > /root/.aws/credentials`): its secret lines.
      for (const b of script.dataBodies) {
        const format = b.file === undefined ? undefined : credentialsFormat(b.file);
        if (format === undefined) continue;
        for (const v of credentialValues(raw.slice(b.start, b.end), format)) {
          const idx = b.start + v.index;
          if (reported.has(idx)) continue;
          ctx.report({
            messageId: 'writesLiteral',
            at: script.locate(idx, v.value.length),
            data: { stage: stageName, name: v.name, masked: maskSecret(v.value), file: b.file as string },
          });
        }
      }
      // A heredoc body that is a login's standard input (`docker login --password-stdin <<EOF`, `<<EOF docker login
      // --password-stdin`, or `cat <<EOF | docker login --password-stdin`): the body is the password.
      const separatorAt = separatorFinder(text);
      for (const b of script.dataBodies) {
        if (b.marker === undefined) continue;
        const k = markerOwner(cmds, b.marker, separatorAt);
        const owner = cmds[k];
        const next = cmds[k + 1];
        const fed = owner !== undefined && (readsPasswordStdin(owner) || (programOf(owner) === 'cat' && next?.piped === true && readsPasswordStdin(next)));
        if (!fed) continue;
        const body = raw.slice(b.start, b.end);
        const value = body.replace(/\r?\n$/, '').trim();
        const idx = b.start + (body.length - body.trimStart().length);
        if (!isLiteral(value) || reported.has(idx)) continue;
        reported.add(idx);
        ctx.report({
          messageId: 'passwordFlag',
          at: script.locate(idx, value.split('\n')[0]?.trimEnd().length ?? 1),
          data: { instruction: 'A RUN', stage: stageName, flag: '--password-stdin', masked: maskSecret(value) },
        });
      }
      // Each echo, printf or cat reads its line up to its redirection, and the shell's quoting of it: linear per
      // command, which the budget keeps linear per RUN (one line of 50,000 `echo $A &&` before one `> f` read the
      // line once per command). Past it, the rest is not read, and the finding says so.
      let budget = 16 * text.length + 65536;
      const redirects = redirectFinder(text);
      const removals = removalFinder(text);
      let gaveUp = false;
      commands: for (const c of cmds) {
        const prog = programOf(c);
        if (prog !== 'echo' && prog !== 'printf' && prog !== 'cat') continue;
        const start = c.starts[0] as number;
        const found = redirects(start);
        if (!found) continue;
        const { line, r } = found;
        const file = r[1] as string;
        if (file === '/dev/null' || file.startsWith('/dev/std') || file.startsWith('/run/secrets/')) continue;
        budget -= r.index;
        if (budget < 0) {
          gaveUp = true;
          break;
        }
        const quoting = quotingScanner(line);
        const v = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
        for (const vm of line.slice(0, r.index).matchAll(v)) {
          const name = vm[1] as string;
          // `'…${NPM_TOKEN}'` and `\$NPM_TOKEN` write the reference itself (npm expands it at run time), not the secret.
          if (!isSecretName(name)) continue;
          const q = quoting(vm.index ?? 0);
          if (q.quote === "'" || q.escaped) continue;
          // Removed again in the same RUN: the file never reaches a layer.
          const removed = removals(file.replace(/^\.\//, ''), start + r.index);
          if (removed === undefined) {
            gaveUp = true;
            break commands;
          }
          if (removed) continue;
          ctx.report({
            messageId: 'writesSecret',
            at: script.locate(start + (vm.index ?? 0), vm[0].length),
            data: { stage: stageName, name, file },
          });
          break;
        }
      }
      // A data heredoc with an unquoted delimiter written to a file (`cat <<EOF > /root/.npmrc`): the shell expands
      // `$NPM_TOKEN` in its body, so the value, also one from a secret mount, is written into the layer.
      for (const b of script.dataBodies) {
        if (b.file === undefined || b.marker === undefined || b.file.startsWith('/dev/') || b.file.startsWith('/run/secrets/')) continue;
        const from = raw.lastIndexOf('<<', b.marker);
        const delimiter = from === -1 ? '' : (/^<<-?\s*\S*/.exec(raw.slice(from, b.marker + 256))?.[0] ?? '');
        if (from === -1 || /["'\\]/.test(delimiter)) continue;
        const file = b.file;
        for (const m of raw.slice(b.start, b.end).matchAll(/\\?\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
          const name = m[1] as string;
          if (m[0].startsWith('\\') || !isSecretName(name)) continue;
          const removed = removals(file.replace(/^\.\//, ''), b.marker);
          if (removed !== false) break;
          ctx.report({
            messageId: 'writesSecret',
            at: script.locate(b.start + (m.index ?? 0), m[0].length),
            data: { stage: stageName, name, file },
          });
          break;
        }
      }
      for (const w of configWrites(cmds, text)) {
        ctx.report({ messageId: 'writesSecret', at: script.locate(w.start, w.length), data: { stage: stageName, name: w.name, file: w.file } });
      }
      if (gaveUp) ctx.report({ messageId: 'unchecked', status: 'unknown', at: run.at, data: { stage: stageName } });
    }
  },
});

/**
 * Where the shell word that starts at `from` ends in `text`: at the first blank or operator character (`;&|()<>`)
 * outside quotes, a backslash escaping the character after it (outside single quotes); at `to` at the latest.
 */
function wordEnd(text: string, from: number, to = text.length): number {
  let quote: string | undefined;
  for (let i = from; i < to; i++) {
    const ch = text[i] as string;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\') i++;
    else if (/[\s;&|()<>]/.test(ch)) return i;
  }
  return to;
}

/** The configuration file each package manager's `config set` writes by default (the user's). */
function configFile(program: string, key: string): string {
  if (program !== 'yarn') return '~/.npmrc';
  return /^npmAuth/.test(key) ? '~/.yarnrc.yml' : '~/.yarnrc';
}

/**
 * Registry credentials that `npm`, `pnpm` or `yarn config set` writes from a variable the shell expands
 * (`npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN`): the token lands in the user's configuration
 * file, in the layer, even when it came from a secret mount. Not when the variable is in single quotes or escaped
 * (the reference is written, and the tool expands it when it runs), nor when a later command of the same RUN
 * removes it again (`npm config delete KEY`, `yarn config unset KEY`, `rm ~/.npmrc`). Each at the variable.
 */
function configWrites(cmds: readonly SimpleCommand[], text: string): { start: number; length: number; name: string; file: string }[] {
  const out: { start: number; length: number; name: string; file: string }[] = [];
  // The last command that removes each setting (`npm config delete KEY`) or configuration file (`rm ~/.npmrc`),
  // read once: a RUN of 50,000 `config set` commands stays linear.
  // A word quoted as a whole, or up to the `=` it was cut at (`"//host/:_authToken=$T"`), without its quotes.
  const unquote = (t: string | undefined) => t?.replace(/^(['"])(.*?)\1?$/s, '$2');
  const lastRemoval = new Map<string, number>();
  cmds.forEach((d, k) => {
    const w = d.words.filter((t) => !t.startsWith('-'));
    const program = programOf(d);
    if (program === 'rm') {
      for (const t of w) for (const f of ['.npmrc', '.yarnrc.yml', '.yarnrc']) if (t.endsWith(f)) lastRemoval.set(`file ${f}`, k);
    } else if (PACKAGE_MANAGERS[program] && /^(?:config|c)$/.test(w[1] ?? '') && /^(?:delete|rm|unset)$/.test(w[2] ?? '') && w[3] !== undefined) {
      lastRemoval.set(`${program} ${unquote(w[3])}`, k);
    }
  });
  cmds.forEach((c, k) => {
    const setting = registryAuthSetting(c);
    if (setting?.value === undefined || !setting.value.includes('$')) return;
    // The word that holds the value: the key's own (`KEY=$VALUE`) or a later one.
    const keyWord = c.words[setting.k] as string;
    const vk = keyWord.includes('=') && keyWord.endsWith(setting.value) ? setting.k : c.words.indexOf(setting.value, setting.k + 1);
    if (vk === -1) return;
    const from = c.starts[vk] as number;
    // Quoting is read from the command's start, where none is open (commands split at unquoted separators).
    const head = c.starts[0] as number;
    const command = text.slice(head, wordEnd(text, from));
    const v = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
    v.lastIndex = from - head;
    let m = v.exec(command);
    while (m !== null && !shellExpands(command, m.index)) m = v.exec(command);
    if (m === null) return;
    const program = programOf(c);
    const file = configFile(program, setting.key);
    const removed = Math.max(lastRemoval.get(`${program} ${unquote(keyWord.replace(/=.*$/s, ''))}`) ?? -1, lastRemoval.get(`file ${file.slice(2)}`) ?? -1) > k;
    if (!removed) out.push({ start: head + m.index, length: m[0].length, name: m[1] as string, file });
  });
  return out;
}

/**
 * True when the shell expands the `$` at `index` of a command line: not inside single quotes, not escaped by a
 * backslash (outside single quotes, `\$` is a literal dollar sign).
 */
export function shellExpands(line: string, index: number): boolean {
  const q = quotingAt(line, index);
  return q.quote !== "'" && !q.escaped;
}
