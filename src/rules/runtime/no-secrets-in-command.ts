import { type CommandArg, type CommandLine, isUnknown, type Label, type Location, locationWithin, maskSecret, type Sourced } from '../../model/index.js';
import { argsProgram, literalSecrets, shellScripts } from '../dockerfile/no-secrets-in-run.js';
import { execWord, isLiteral, isPlaceholderSecret, isSecretTemplate, literalDollars, REPEATED, writtenIndex } from '../dockerfile/secret-text.js';
import { lastStartingAtOrBefore } from '../dockerfile/util.js';
import { isNonSecretValue, isSecretName, secretShape } from '../shared/secrets.js';
import { type RuleContext, runtimeRule } from '../types.js';

type CommandMessage = 'inlineSecret' | 'passwordFlag' | 'secretValue';

/**
 * BW1032: literal secrets in the command, entrypoint, health check and labels of a container (seed §6.2), which
 * `docker inspect` (and `ps`, for the command) shows to anyone who can read them.
 */
export const noSecretsInCommand = runtimeRule({
  meta: {
    id: 'BW1032',
    name: 'no-secrets-in-command',
    scope: 'runtime',
    severity: 'high',
    title: 'Commands, entrypoints, health checks and labels carry no literal secrets',
    rationale:
      "A container's command, entrypoint, health check and labels are stored in its configuration as written: `docker inspect` shows them to anyone who can reach the Docker API, the command line is readable by every process of the host in `ps` and /proc/PID/cmdline, and they are committed with the compose file or the script that starts the container. A password given to an option (`--password ...`, `-u user:...`, `mysql -p...`), a token set inline (`export AWS_SECRET_ACCESS_KEY=... && exec app`), a URL with a password (`postgres://app:...@db/app`) or a token in a label leaks through all of them.",
    remediation:
      'Give runtime secrets as files: declare them under top-level `secrets:`, give them to the service with `secrets: [name]`, and point the program at the file (`--password-file /run/secrets/db_password`, `POSTGRES_PASSWORD_FILE=/run/secrets/db_password`). A program that only takes the secret on its command line reads the file when the command runs: `command: ["sh", "-c", "exec app --token \\"$$(cat /run/secrets/api_token)\\""]`. Otherwise take it from a variable of the environment compose runs in (`--token=${API_TOKEN}`, set from a secret store in CI, not written in the file): that keeps it out of the file, though `docker inspect` still shows the value. Never write a literal. Never put a credential in a label: labels are metadata, shown to every reader of the API.',
    references: {
      seed: '§6.2',
      docs: [
        'https://docs.docker.com/compose/how-tos/use-secrets/',
        'https://docs.docker.com/reference/compose-file/services/#command',
        'https://docs.docker.com/reference/compose-file/services/#labels',
      ],
    },
    checklist: 'network-secrets',
    appliesTo: ['compose', 'run', 'engine'],
    messages: {
      inlineSecret: '{target} sets {name} to a literal secret in its {where} ({masked}).',
      passwordFlag: '{target} passes a literal secret to {flag} in its {where} ({masked}).',
      secretValue: '{target} has {kind} in its {where} ({masked}).',
      labelByName: '{target} sets {where} to a literal secret ({masked}).',
      labelByValue: '{target} sets {where} to {kind} ({masked}).',
    },
  },
  check(c, ctx) {
    // `entrypoint: ["sh"]` with `command: ["-c", SCRIPT]`, or `entrypoint: ["sh", "-c"]` with `command: [SCRIPT]`:
    // Docker runs `sh -c SCRIPT`.
    const ep = c.entrypoint?.value;
    const epArgs = ep === undefined || isUnknown(ep) ? [] : ep.args.map((a) => (isUnknown(a.value) ? undefined : writtenText(a.value)));
    const last = epArgs.at(-1);
    const shellEntrypoint = last !== undefined && SHELLS.test(last);
    const shellDashC = last !== undefined && /^-[a-z]*c$/.test(last) && SHELLS.test(epArgs.at(-2) ?? '');
    const compose = c.origin === 'compose';
    if (c.command) checkCommand(c.command, 'command', ctx, compose, shellEntrypoint, shellDashC);
    if (c.entrypoint) checkCommand(c.entrypoint, 'entrypoint', ctx, compose);
    if (c.healthcheckTest) checkCommand(c.healthcheckTest, 'health check', ctx, compose);
    for (const l of c.labels ?? []) checkLabel(l, ctx);
  },
});

/** What the file writes literally for an argument: its text as written, variables as their expressions; '' when not known. */
function writtenText(a: CommandArg): string {
  if (a.written !== undefined) return a.written;
  return isUnknown(a.value) ? '' : a.value;
}

/** A shell program (`sh`, `/bin/bash`): `["sh", "-c", SCRIPT]` runs SCRIPT, read as a shell form. */
const SHELLS = /^(?:\/(?:usr\/(?:local\/)?)?bin\/)?(?:ba|da|z|k|a)?sh$/;

/**
 * Reports the literal secrets of a command (BW2002's literalSecrets). The shell form is read as its text; the exec
 * form as its arguments joined by blanks (each one shell word, execWord: an argument with blanks, quotes, backslashes
 * or other shell characters is read in single quotes, each `'` escaped, so that each reads as the program gets it), or
 * as SCRIPT for `["sh", "-c", SCRIPT]` (and for `["-c", SCRIPT]` after a shell entrypoint,
 * `afterShell`, or `[SCRIPT]` after a `["sh", "-c"]` entrypoint, `afterShellDashC`), followed on a line of their own
 * by the arguments after SCRIPT (its positional parameters: `["sh", "-c", "exec app \"$@\"", "--", "--password",
 * "…"]`), read as words. Each finding is located within the argument it falls in (at the whole argument when it
 * holds a `$` compose reads from `$$`).
 */
function checkCommand(
  cmd: Sourced<CommandLine>,
  where: string,
  ctx: RuleContext<CommandMessage>,
  compose: boolean,
  afterShell = false,
  afterShellDashC = false,
): void {
  if (isUnknown(cmd.value)) return;
  const { form, args } = cmd.value;
  const texts = args.map((a) => (isUnknown(a.value) || (isUnknown(a.value.value) && a.value.written === undefined) ? undefined : writtenText(a.value)));
  const [p0, p1] = texts;
  // The arguments read, with where each starts in the text (in increasing order), and the text's pieces, joined
  // once at the end: appending to one string and testing its end per argument was quadratic on 80,000 arguments.
  // `unquoted`: for an argument written in single quotes (execWord), the argument's own text.
  const parts: { arg: Sourced<CommandArg>; text: string; start: number; unquoted?: string }[] = [];
  const pieces: string[] = [];
  let length = 0;
  let lastChar = '';
  const append = (piece: string): void => {
    if (piece === '') return;
    pieces.push(piece);
    length += piece.length;
    lastChar = piece[piece.length - 1] as string;
  };
  /** Appends arguments as words: each `$` that an argument holds as a character read as one (literalDollars). */
  const appendWords = (from: number, to = args.length): void => {
    for (let k = from; k < to; k++) {
      const arg = args[k] as Sourced<CommandArg>;
      const t = isUnknown(arg.value) || arg.value.written !== undefined ? (texts[k] ?? '') : literalDollars(texts[k] ?? '');
      // No shell reads the argument: the shell reading must give it back as the program gets it, a `'` or a `\` in
      // it included (`--password=O'Brien-Pass9x` is written `--password=O''\''Brien-Pass9x'`, each finding located
      // at its own characters).
      const written = execWord(t);
      if (length !== 0 && lastChar !== '\n') append(' ');
      parts.push(written === t ? { arg, text: t, start: length } : { arg, text: written, start: length, unquoted: t });
      append(written);
    }
  };
  const script =
    form === 'exec' && afterShell && /^-[a-z]*c$/.test(p0 ?? '') && p1 !== undefined
      ? 1
      : form === 'exec' && afterShellDashC && p0 !== undefined
        ? 0
        : undefined;
  if (form === 'shell' || script !== undefined || (p0 !== undefined && SHELLS.test(p0) && /^-[a-z]*c$/.test(p1 ?? '') && texts[2] !== undefined)) {
    const k = form === 'shell' ? 0 : (script ?? 2);
    const arg = args[k];
    let first = texts[k] ?? '';
    // A compose string command or entrypoint is split into words without a shell: its `$` are characters, but in
    // the STRING of an `sh -c STRING` it holds, which that shell reads.
    if (form === 'shell' && where !== 'health check' && arg !== undefined && !isUnknown(arg.value) && arg.value.written === undefined) {
      first = outsideScripts(first, literalDollars);
    }
    if (arg !== undefined) parts.push({ arg, text: first, start: 0 });
    append(first);
    if (form === 'exec' && k + 1 < args.length) {
      append('\n');
      // A SCRIPT that only runs a program on them (`exec mongosh "$@"`): the arguments after `$0` are read as that
      // program's words (`mongosh -p …`), on a line of their own after `$0`.
      const prog = argsProgram(first);
      if (prog !== undefined && k + 2 < args.length) {
        appendWords(k + 1, k + 2);
        append(`\n${prog}`);
        appendWords(k + 2);
      } else appendWords(k + 1);
    }
  } else appendWords(0);
  const text = pieces.join('');
  if (text.trim() === '') return;
  const locate = (index: number, length: number): Location => {
    // The last part that starts at or before `index` (parts are in text order). Parts do not overlap (an empty one
    // spans one character, the blank after it).
    const p = parts[lastStartingAtOrBefore(parts, index)];
    if (p === undefined || index >= p.start + Math.max(p.text.length, 1)) return cmd.at;
    // Compose writes each `$` of a value without variables as `$$`: the file's columns are not the text's (but for
    // a block scalar, whose lines say where each part of the text is written).
    if (compose && /[$\uE024]/.test(p.text) && !isUnknown(p.arg.value) && p.arg.value.written === undefined && p.arg.value.lines === undefined) return p.arg.at;
    const lines = isUnknown(p.arg.value) ? undefined : p.arg.value.lines;
    if (p.unquoted === undefined) return locationWithin(p.arg.at, p.text, index - p.start, length, lines);
    // An argument written in single quotes (appendWords): at its own characters.
    const first = writtenIndex(p.unquoted, index - p.start);
    return locationWithin(p.arg.at, p.unquoted, first, Math.max(writtenIndex(p.unquoted, index - p.start + length) - first, 1), lines);
  };
  for (const f of literalSecrets(text).found) {
    const at = locate(f.index, f.length);
    if (f.messageId === 'inlineSecret') ctx.report({ messageId: 'inlineSecret', at, data: { where, name: f.name, masked: f.masked } });
    else if (f.messageId === 'passwordFlag') ctx.report({ messageId: 'passwordFlag', at, data: { where, flag: f.flag, masked: f.masked } });
    else ctx.report({ messageId: 'secretValue', at, data: { where, kind: f.kind, masked: f.masked } });
  }
}

/** `text` with `f` applied to the parts outside the STRING of each `sh -c STRING` in it (shellScripts). */
function outsideScripts(text: string, f: (part: string) => string): string {
  if (!text.includes('$')) return text;
  let out = '';
  let from = 0;
  for (const s of shellScripts(text)) {
    out += f(text.slice(from, s.start)) + text.slice(s.start, s.end);
    from = s.end;
  }
  return out + f(text.slice(from));
}

/**
 * Reports a label whose value, as written, is a secret: shaped like one (a token, a URL with a password), a
 * credential after its HTTP authentication scheme (`Bearer ...`, `Basic ...`, `token ...`, `SSWS ...`, or the whole header,
 * `Authorization: Bearer ...`) under any key, or a literal given to a key that says "secret" (`com.example.api-token`,
 * read as `COM_EXAMPLE_API_TOKEN`). Routing rules, image metadata, flags, paths, placeholders and values taken from
 * variables are not.
 */
function checkLabel(l: Sourced<Label>, ctx: RuleContext<'labelByName' | 'labelByValue'>): void {
  if (isUnknown(l.value)) return;
  const { name } = l.value;
  const written = writtenText(l.value);
  // A label is never read by a shell: a `$` in a value without variables is a character (`pa$$w0rd` in compose).
  const text = l.value.written === undefined ? literalDollars(written) : written;
  if (text.trim() === '' || isPlaceholderSecret(text, name)) return;
  const where = `label ${name}`;
  const shape = secretShape(text);
  if (shape && !REPEATED.test(text)) {
    ctx.report({ messageId: 'labelByValue', at: l, data: { where, kind: shape.description, masked: maskSecret(written) } });
    return;
  }
  const credential = AUTH_CREDENTIAL.exec(text)?.[1];
  if (credential !== undefined) {
    if (looksLikeCredential(credential, name)) ctx.report({ messageId: 'labelByName', at: l, data: { where, masked: maskSecret(written) } });
    return;
  }
  const key = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (!shape && isSecretName(key) && isLiteral(text) && !isNonSecretValue(text) && looksLikeSecretMaterial(text))
    ctx.report({ messageId: 'labelByName', at: l, data: { where, masked: maskSecret(written) } });
}

/**
 * A value an `Authorization` header takes, with or without its name: an HTTP authentication scheme and one word, the
 * credential (group 1). The schemes are RFC 9110 §11.6.2's registered `Bearer` and `Basic` and the vendor schemes
 * that carry one token: GitHub's `token`, Discord's `Bot`, Okta's `SSWS`, Elasticsearch's `ApiKey` (and `Api-Key`).
 * A colon after the scheme (`Bearer: …`, a common slip) is read as a blank. Traefik's
 * `customrequestheaders.Authorization` and similar labels keep the header whole.
 */
const AUTH_CREDENTIAL = /^\s*(?:(?:proxy-)?authorization\s*:\s*)?(?:bearer|basic|token|bot|ssws|api-?key)(?:\s*:)?\s+(\S+)\s*$/i;

/**
 * Whether the word after an authentication scheme is a credential rather than a description (`Bearer required`,
 * `token X-Auth-Token`, `Bearer HS256`) or a placeholder (`Bearer CHANGEME`, `Basic ********`, `Bearer ${TOKEN}`):
 * RFC 6750's b64token characters (and `:`, for a `user:password` written without base64), 12 or more of them, with a
 * letter and a digit, and secret material as looksLikeSecretMaterial reads a value.
 */
function looksLikeCredential(word: string, labelName: string): boolean {
  if (word.length < 12 || !/^[A-Za-z0-9._~+/:-]+=*$/.test(word) || !/[0-9]/.test(word) || !/[A-Za-z]/.test(word)) return false;
  if (WORDS_AND_NUMBERS.test(word)) return false;
  return isLiteral(word) && !isSecretTemplate(word, labelName) && looksLikeSecretMaterial(word);
}

/**
 * Short words and numbers joined by punctuation (`rotated-weekly-2024`, `release-2024-11-30`, `Expires-In-3600`): a phrase
 * or a version, not a credential. A generated token mixes letters and digits within a run, or has a run of 16 or
 * more characters (hex digests, base64, JWT parts, Discord and Okta tokens). The three kinds of run share no
 * string, and runs hold no separator, so each text has one way to match (no backtracking blow-up on `A-A-A-…!`).
 */
const WORDS_AND_NUMBERS = /^(?:[A-Z]?[a-z]{1,14}|[A-Z]{1,15}|[0-9]{1,15})(?:[-._~+/:](?:[A-Z]?[a-z]{1,14}|[A-Z]{1,15}|[0-9]{1,15}))*$/;

/**
 * Runs of x joined by single `-`, `_` or `.`, with one more at the end allowed (`xxxx-xxxx`, `XXXXXXXX.`). Written so
 * that each character has one way to match: the earlier `/^(?:x+[-_.]?)+$/i` split a run of x's every possible way
 * before failing, so a label value of 40 x's and one other character took longer than a minute.
 */
const MASKED_LABEL = /^x+(?:[-_.]x+)*[-_.]?$/i;

/**
 * A label value under a secret-sounding key that could be secret material: 8 characters or more, one word, not a
 * lower-case word without digits (`required`, `aws-kms`) or a key file name (`id_ed25519`), not a public key (`ssh-rsa AAAA...`), not a
 * template or placeholder (`{env.CF_API_TOKEN}`, `%API_KEY%`, `@@PASSWORD@@`, `[hidden]`, `REDACTED`, `xxxx-xxxx`).
 * Labels are metadata: a key that says "token" more often describes a setting than holds one.
 */
function looksLikeSecretMaterial(text: string): boolean {
  const t = text.trim();
  if (t.length < 8 || /\s/.test(t)) return false;
  if (/^[a-z][a-z_.-]*$/.test(t) || /^id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$/.test(t)) return false;
  if (/^(?:ssh-|ecdsa-|sk-ssh-)/.test(t)) return false;
  if (/^(?:\{.*\}|%.*%|@@.*@@|\[.*\]|<.*>)$/.test(t) || /^redacted$/i.test(t) || MASKED_LABEL.test(t)) return false;
  return true;
}
