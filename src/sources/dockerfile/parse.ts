import type { Instruction, Property } from 'dockerfile-ast';
import {
  type ArgDecl,
  type CommandText,
  type CopyInstruction,
  commandLocation,
  type Diagnostic,
  type DockerfileSpec,
  type DockerfileStage,
  type EnvVar,
  type Healthcheck,
  type ImageRef,
  type InstructionFlag,
  ipVersion,
  isUnknown,
  type Location,
  maskLiteral,
  type OtherInstruction,
  parseDuration,
  quoteValue,
  type RunInstruction,
  type RunMount,
  type Sourced,
  type StageBase,
  tryParseImageRef,
  UnitError,
  unknown,
} from '../../model/index.js';
import { execFormOf, jsonStringSpans } from './exec-form.js';
import { expandVariables, type VariableScope } from './expand.js';
import type { HeredocBody } from './heredocs.js';
import { parseLean } from './lean-parser.js';
import { StageEnvs } from './stage-env.js';

/** Instructions the Dockerfile frontend knows (docs.docker.com/reference/dockerfile). */
const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Instructions that the frontend refuses without arguments. */
const NEED_ARGS = new Set([
  'ADD',
  'ARG',
  'COPY',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'ONBUILD',
  'RUN',
  'USER',
  'VOLUME',
  'WORKDIR',
  'STOPSIGNAL',
  'SHELL',
]);

/** Flags each instruction accepts (Dockerfile reference, labs syntax included); others are input errors. */
const FLAGS: Record<string, ReadonlySet<string>> = {
  FROM: new Set(['platform']),
  RUN: new Set(['mount', 'network', 'security', 'device']),
  COPY: new Set(['from', 'chown', 'chmod', 'link', 'parents', 'exclude']),
  ADD: new Set(['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack']),
  HEALTHCHECK: new Set(['interval', 'timeout', 'start-period', 'start-interval', 'retries']),
};

/** The result of parsing one Dockerfile: the model and input problems (never thrown). */
export interface ParsedDockerfile {
  spec: DockerfileSpec;
  diagnostics: Diagnostic[];
}

/** Maps dockerfile-ast's 0-based line/character positions to Bulwark Locations (offsets included). */
class Positions {
  readonly starts: number[];
  /** 1 when the text starts with a byte order mark: editors do not count it, so line 1's columns start after it. */
  private readonly bom: number;
  constructor(
    readonly text: string,
    readonly source: string,
  ) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }
  /** 1-based column of `character` (0-based, byte order mark included) on 0-based line `l0`. */
  private column(l0: number, character: number): number {
    return l0 === 0 ? character + 1 - this.bom : character + 1;
  }
  offset(p: { line: number; character: number }): number {
    return (this.starts[p.line] ?? this.text.length) + p.character;
  }
  loc(r: { start: { line: number; character: number }; end: { line: number; character: number } }, path?: string): Location {
    const at: Location = {
      source: this.source,
      line: r.start.line + 1,
      column: this.column(r.start.line, r.start.character),
      endLine: r.end.line + 1,
      endColumn: this.column(r.end.line, r.end.character),
      offset: this.offset(r.start),
      endOffset: this.offset(r.end),
    };
    if (path !== undefined) at.path = path;
    return at;
  }
  /** Location of [start, end) offsets on 0-based line `l0` (the caller knows the line: no search). */
  lineSpan(l0: number, start: number, end: number): Location {
    const col = this.column(l0, start - (this.starts[l0] as number));
    return { source: this.source, line: l0 + 1, column: col, endLine: l0 + 1, endColumn: col + (end - start), offset: start, endOffset: end };
  }
  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** Location of [start, end) offsets on one line. */
  span(start: number, end: number): Location {
    const lo = this.lineOf(start);
    const col = this.column(lo, start - (this.starts[lo] as number));
    return { source: this.source, line: lo + 1, column: col, endLine: lo + 1, endColumn: col + (end - start), offset: start, endOffset: end };
  }
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    let end = next === undefined ? this.text.length : next - 1;
    if (this.text[end - 1] === '\r') end--;
    return end;
  }
}

/**
 * Parses Dockerfile text into a DockerfileSpec with `dockerfile-ast`. `source` is the path shown in findings.
 * Problems the Dockerfile frontend would refuse (unknown instruction, instruction before FROM, FROM with a
 * wrong number of arguments, an unknown flag, a missing argument) become `dockerfile-syntax` or
 * `unknown-flag` diagnostics with their location; the rest of the file is still read. Never throws.
 * `buildArgs`: values given to ARGs from outside (compose `build.args`), as withBuildArg applies them; the file's own
 * defaults when absent.
 */
export function parseDockerfile(text: string, source: string, buildArgs?: ReadonlyMap<string, string | undefined>): ParsedDockerfile {
  // The builder splits lines on \n only; dockerfile-ast (and its TextDocument) also on a \r not followed by \n,
  // which turned `# a\rb` into an instruction `b` and misplaced every later line. Such a \r is read as a space
  // (offsets unchanged), so the parser sees the builder's lines.
  const read = text.includes('\r') ? text.replace(LONE_CR, ' ') : text;
  const pos = new Positions(read, source);
  const diagnostics: Diagnostic[] = [];
  const lean = parseLean(read);
  const doc = lean.doc;
  const spec: DockerfileSpec = {
    name: source,
    at: { source, line: 1, column: 1, offset: 0 },
    directives: { escape: '\\' },
    globalArgs: [],
    stages: [],
  };
  // The escape character as doc.getEscapeCharacter() gives it (the first `escape` directive with a valid
  // value), read here to avoid a second pass over the directives' text.
  let escapeDirective: string | undefined;
  // The builder refuses a second escape, syntax or check directive (BuildKit parser/directives.go ParseLine: "only
  // one %s parser directive can be used") and an escape value but \ and ` (reported below, once `error` exists).
  const directiveErrors: { at: Location; message: string }[] = [];
  const seen = new Set<string>();
  for (const d of doc.getDirectives()) {
    const name = d.getName().toLowerCase();
    // BuildKit reads directives up to the first line that is not a known one with a value: the rest are comments.
    if ((name !== 'escape' && name !== 'syntax' && name !== 'check') || d.getValue() === '') break;
    if (seen.has(name)) {
      directiveErrors.push({ at: pos.loc(d.getNameRange()), message: `only one ${name} directive may be given` });
      continue;
    }
    seen.add(name);
    if (name === 'escape') {
      const v = d.getValue();
      if (v !== '\\' && v !== '`') directiveErrors.push({ at: pos.loc(d.getValueRange()), message: `invalid escape character ${quoteValue(v)}: use \\ or \`` });
      if (escapeDirective === undefined && (v === '\\' || v === '`')) escapeDirective = v;
      continue;
    }
    const at = pos.loc(d.getValueRange());
    if (name === 'syntax') spec.directives.syntax = { value: d.getValue(), at };
    else spec.directives.check = { value: d.getValue(), at };
  }
  const escapeChar = escapeDirective ?? '\\';
  spec.directives.escape = escapeChar;
  const error = (at: Location, message: string, code: Diagnostic['code'] = 'dockerfile-syntax'): void => {
    diagnostics.push({ code, severity: 'error', message, at });
  };
  for (const d of directiveErrors) error(d.at, d.message);
  // BuildKit's scanner stops at a line over MAX_LINE_BYTES (parser/parser.go Parse returns handleScannerError's error,
  // and no instruction is read for flags or arguments): its error is the only one the builder gives, so a file with
  // such a line reports only those (result). The file is still parsed: its spec is what tests and benches read.
  const lineErrors: Diagnostic[] = [];
  for (const [start, end, bytes] of overlongLines(text)) {
    lineErrors.push({
      code: 'dockerfile-syntax',
      severity: 'error',
      // A byte order mark counts as bytes of the line, but the span starts after it (column 1, as editors count).
      at: pos.span(start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start, end),
      message: `a line of ${bytes} bytes: docker build refuses a Dockerfile line over ${MAX_LINE_BYTES} bytes (dockerfile line greater than max allowed size of ${MAX_LINE_BYTES})`,
    });
  }
  const result = (): ParsedDockerfile => ({ spec, diagnostics: lineErrors.length > 0 ? lineErrors : diagnostics });

  const global = new Map<string, string | undefined>();
  const stageNames = new Map<string, number>();
  let stage: DockerfileStage | undefined;
  /** ARG declared in the current stage. */
  let stageArgs = new Map<string, string | undefined>();
  /** ENV of the current stage's chain (see StageEnvs: a chain of stages is not copied stage by stage). */
  const stageEnv = new StageEnvs();
  /** What `${NAME}` reads in the current stage: its ENV, else its ARG (ENV wins, as in the builder). */
  const stageScope: VariableScope = {
    has: (name) => stageEnv.has(name) || stageArgs.has(name),
    get: (name) => (stageEnv.has(name) ? stageEnv.get(name) : stageArgs.get(name)),
  };
  const scope = (): VariableScope => (stageEnv.isEmpty() ? stageArgs : stageScope);
  /** expandVariables in the current stage; a global ARG not declared again here is named as such. */
  const expandInStage = (raw: string): ReturnType<typeof expandVariables> => {
    const e = expandVariables(raw, scope(), escapeChar);
    if (e.ok || scope().has(e.variable) || !global.has(e.variable)) return e;
    return {
      ...e,
      reason: `variable ${e.variable} is declared before the first FROM but not in this stage, where the builder leaves it empty (declare it again with ARG ${e.variable})`,
    };
  };

  const instructions = doc.getInstructions();
  const first = instructions[0];
  if (first && !/^[A-Za-z]+$/.test(first.getInstruction()) && !instructions.some((i) => KEYWORDS.has(i.getKeyword().toUpperCase()))) {
    // No line starts with an instruction, and the first does not even start with a word like one: a file of
    // another kind under a Dockerfile's name (a link to .git-credentials, a `dockerfile:` that names /etc/shadow,
    // an env file). One error, quoting nothing of it: every line of such a file may be a secret. (`BOGUS x` alone
    // is still an unknown instruction: a typo in a short Dockerfile.)
    error(pos.loc(first.getInstructionRange()), 'not a Dockerfile: no line of it starts with a Dockerfile instruction (FROM, RUN, COPY…)');
    return result();
  }

  for (const ins of instructions) {
    const keyword = ins.getKeyword().toUpperCase();
    const range = ins.getRange();
    const keywordRange = ins.getInstructionRange();
    if (!KEYWORDS.has(keyword)) {
      error(pos.loc(keywordRange), `unknown instruction: ${unknownInstruction(ins.getInstruction(), escapeChar)}`);
      continue;
    }
    const at = pos.loc(range);
    // dockerfile-ast recomputes arguments on every getter call: flags are read from the joined text instead,
    // and heredocs are asked for only when the instruction may hold some (see LeanParser).
    const heredocs = lean.heredocs.get(at.offset as number) ?? [];
    for (const h of heredocs) {
      if (!h.delimiter) {
        // A name shown cut short (or masked) is shown once: the message says it once and refers to it after.
        const name = shownWord(h.name);
        error(pos.span(h.nameStart, h.nameEnd), `unterminated heredoc <<${name}: no line holds only ${name === h.name ? name : 'that name'}`);
      }
    }
    const heredocLines = heredocs.map((h) => ({
      name: h.name,
      nameStart: h.nameStart,
      first: pos.lineOf(h.contentStart) + 1,
      last: h.contentEnd > h.contentStart ? pos.lineOf(h.contentEnd - 1) + 1 : 0,
    }));
    const full = commandTextOf(pos, pos.offset(keywordRange.end), range, heredocs, escapeChar);
    // The builder reads leading --flags on every instruction, and refuses those it does not know (names are
    // case-sensitive: RUN --MOUNT is refused).
    const { flags, args: argsText } = FLAGS[keyword] || /^[ \t]*--/.test(full.text) ? splitFlags(full) : { flags: [], args: full };
    for (const f of flags) {
      if (!FLAGS[keyword]?.has(f.name)) error(f.at, `unknown flag for ${keyword}: ${shownWord(`--${f.name}`)}`, 'unknown-flag');
    }
    if (NEED_ARGS.has(keyword) && argsText.text.trim() === '') {
      error(pos.loc(keywordRange), `${keyword} requires at least one argument`);
      continue;
    }

    if (keyword === 'ARG' && !stage) {
      for (const p of propertiesOf(ins)) {
        const decl = withBuildArg(argDecl(p, global, escapeChar), buildArgs);
        spec.globalArgs.push({ value: decl, at: pos.loc(p.getRange()) });
        global.set(decl.name, decl.value);
      }
      continue;
    }
    if (keyword === 'FROM') {
      const words = fromWords(ins, pos, range, at, argsText, escapeChar);
      if (words.length !== 1 && !(words.length === 3 && words[1]?.value.toUpperCase() === 'AS')) {
        error(at, 'FROM requires either one or three arguments (FROM image [AS name])');
        continue;
      }
      const nameWord = words[2];
      // BuildKit instructions/parse.go parseBuildStageName: the name, lower-cased, must match ^[a-z][a-z0-9-_.]*$.
      // The stage is still read (its instructions would otherwise all be errors too).
      if (nameWord && !/^[a-z][a-z0-9_.-]*$/.test(nameWord.value.toLowerCase())) {
        error(
          nameWord.at,
          `invalid name for build stage: ${quoteValue(nameWord.value)}: a stage name starts with a letter and holds only letters, digits, -, _ and .`,
        );
      }
      stage = newStage(words, at, spec.stages.length, flags, global, stageNames, escapeChar);
      spec.stages.push(stage);
      if (stage.name && typeof stage.name.value === 'string') stageNames.set(stage.name.value, stage.index);
      const b = stage.base.value;
      // ARGs must be declared again in each stage; the ENV of a parent stage is inherited.
      stageArgs = new Map();
      stageEnv.start(stage.index, !isUnknown(b) && b.kind === 'stage' ? b.stage : undefined);
      continue;
    }
    if (!stage) {
      error(pos.loc(keywordRange), `${keyword} before the first FROM: no build stage in current context`);
      continue;
    }
    if (keyword === 'RUN') {
      stage.instructions.push(runOf(at, flags, heredocLines, argsText));
      continue;
    }
    if (keyword === 'COPY' || keyword === 'ADD') {
      const c = copyOf(keyword, at, flags, argsText);
      // BuildKit instructions/parse.go parseCopy and parseAdd: fewer than two arguments is refused.
      if (c.destination === undefined || c.sources.length === 0) {
        error(argsText.at, `${keyword} requires at least two arguments (sources, then a destination), but only one was given`);
      }
      stage.instructions.push(c);
      continue;
    }
    const base = { keyword, at, flags, args: argsText };
    switch (keyword) {
      case 'ARG':
        stage.instructions.push(base);
        for (const p of propertiesOf(ins)) {
          const decl = withBuildArg(argDecl(p, scope(), escapeChar), buildArgs);
          // `ARG NAME` in a stage takes the global default, as the builder does.
          if (decl.value === undefined && !buildArgs?.has(decl.name) && global.get(decl.name) !== undefined) decl.value = global.get(decl.name);
          stage.args.push({ value: decl, at: pos.loc(p.getRange()) });
          stageArgs.set(decl.name, decl.value);
        }
        break;
      case 'ENV': {
        stage.instructions.push(base);
        // dockerfile-ast builds the properties again on every call: once per instruction.
        const props = propertiesOf(ins);
        checkNameValues(keyword, props, pos, error);
        for (const p of props) {
          const name = p.getName();
          const raw = p.getValue() ?? '';
          const e = expandInStage(raw);
          const v: EnvVar = e.ok ? { name, value: e.value } : { name, value: raw, unknownValue: unknown(e.reason, raw) };
          stage.env.push({ value: v, at: pos.loc(p.getRange()) });
          stageEnv.set(name, e.ok ? e.value : undefined);
        }
        break;
      }
      case 'LABEL': {
        stage.instructions.push(base);
        const props = propertiesOf(ins);
        checkNameValues(keyword, props, pos, error);
        for (const p of props) {
          const raw = p.getValue() ?? '';
          const e = expandInStage(raw);
          stage.labels.push({ value: [p.getName(), e.ok ? e.value : raw], at: pos.loc(p.getRange()) });
        }
        break;
      }
      case 'USER': {
        stage.instructions.push(base);
        const raw = argsText.text.trim();
        const w = shellWord(raw, escapeChar);
        if (!w.ok) {
          error(argsText.at, `USER: ${w.reason}, which the builder refuses`);
          stage.user = { value: unknown(w.reason, raw), at: argsText.at };
          break;
        }
        // Each variable of the word is expanded alone: a value is never read for quotes again, as in the builder.
        let user = '';
        let reason: string | undefined;
        for (const piece of w.pieces) {
          if (piece.literal) {
            user += piece.text;
            continue;
          }
          const e = expandInStage(piece.text);
          if (!e.ok) {
            reason = e.reason;
            break;
          }
          user += e.value;
        }
        stage.user = { value: reason === undefined ? user : unknown(reason, raw), at: argsText.at };
        break;
      }
      case 'EXPOSE':
        stage.instructions.push(base);
        for (const w of wordsOf(argsText)) {
          const e = expandInStage(w.text);
          if (!e.ok) {
            stage.expose.push({ value: unknown(e.reason, w.text), at: w.at });
            continue;
          }
          for (const p of e.value.split(/\s+/).filter(Boolean)) {
            const port = exposedPort(p);
            if (typeof port === 'string') stage.expose.push({ value: port, at: w.at });
            else error(w.at, `EXPOSE: invalid port ${quoteValue(p)}${port.reason ? `: ${port.reason}` : ''}`);
          }
        }
        break;
      case 'HEALTHCHECK': {
        const h = healthcheckOf(flags, argsText, error);
        if (h) stage.healthcheck = { value: h, at: argsText.at };
        const cmd = h === 'disabled' ? undefined : /^([ \t]*CMD[ \t]+)\S/i.exec(argsText.text);
        stage.instructions.push(cmd ? { ...base, command: commandOf(sliceCommand(argsText, (cmd[1] as string).length)) } : base);
        break;
      }
      case 'SHELL': {
        stage.instructions.push(base);
        // BuildKit instructions/parse.go parseShell: a JSON array of at least one string, nothing else.
        const shell = execForm(argsText);
        if (!shell) error(argsText.at, 'SHELL requires the arguments to be in JSON form (SHELL ["/bin/sh", "-c"])');
        else if (shell.length === 0) error(argsText.at, 'SHELL requires at least one argument');
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT':
        stage.instructions.push({ ...base, command: commandOf(argsText) });
        break;
      case 'ONBUILD': {
        // The trigger runs in every child image's build. A RUN trigger is checked like a RUN of this file; COPY
        // and ADD triggers read the child's build context, which is not this one, so they are left alone. A CMD,
        // ENTRYPOINT or HEALTHCHECK CMD trigger carries its command: its text is in this image's config.
        const m = /^(\S+)(\s+|$)/.exec(argsText.text);
        const trigger = m?.[1]?.toUpperCase();
        const onbuild: OtherInstruction = trigger === undefined ? base : { ...base, trigger };
        const rest = m ? sliceCommand(argsText, m[0].length) : undefined;
        if (rest && (trigger === 'CMD' || trigger === 'ENTRYPOINT')) onbuild.command = commandOf(rest);
        else if (rest && trigger === 'HEALTHCHECK') {
          const cmd = /^((?:--\S+[ \t]+)*CMD[ \t]+)\S/i.exec(rest.text);
          if (cmd) onbuild.command = commandOf(sliceCommand(rest, (cmd[1] as string).length));
        }
        stage.instructions.push(onbuild);
        if (trigger === 'ONBUILD' || trigger === 'FROM' || trigger === 'MAINTAINER') {
          error(argsText.at, `${trigger} is not allowed as an ONBUILD trigger`);
        } else if (trigger === 'RUN' && m) {
          const t = splitFlags(sliceCommand(argsText, m[0].length));
          for (const f of t.flags) if (!FLAGS.RUN?.has(f.name)) error(f.at, `unknown flag for RUN: ${shownWord(`--${f.name}`)}`, 'unknown-flag');
          const run = runOf(at, t.flags, heredocLines, t.args);
          run.onbuild = true;
          stage.instructions.push(run);
        }
        break;
      }
      default:
        stage.instructions.push(base);
    }
  }
  if (spec.stages.length === 0 && diagnostics.length === 0) {
    error({ source, line: 1, column: 1 }, 'no FROM instruction: the Dockerfile builds nothing');
  }
  return result();
}

/**
 * A word of the file (a flag, a heredoc name, an ENV name) as an input error shows it: as written when it is at most
 * SHOWN_WORD code points and not shaped like a secret, so that `unknown flag for COPY: --frmo` reads as the file
 * does; else through quoteValue, which masks a secret and cuts a long word after 100 code points with its length
 * (`"--qqq..." (3002 characters)`): a report never repeats a huge word of the file.
 */
function shownWord(word: string): string {
  const short = word.length <= SHOWN_WORD || [...word].length <= SHOWN_WORD;
  return short && maskLiteral(word) === word ? word : quoteValue(word);
}

/** The longest word shownWord shows as written, in code points: quoteValue's own limit for a whole value. */
const SHOWN_WORD = 120;

/** The most characters of an unknown instruction's word a message shows (unknownInstruction). */
const SHOWN_INSTRUCTION = 24;

/**
 * An unknown instruction's word as a message shows it: the part before any `=`, `:` or `@` (what follows those
 * in a line is a value: `NAME=value`, `user:password`, a shadow line's hash), at most SHOWN_INSTRUCTION
 * characters of it, then `…` when the word goes on; masked (quoteValue) when that part is shaped like a secret.
 * A line that lost the escape at the end of the line before it is often `NAME=value` of an ENV, ARG or LABEL:
 * the missing escape is named. Shapes of the output:
 * - `RUNN` for `RUNN apt-get update`;
 * - `AWS_SECRET_ACCESS_KEY=… (a line that goes on an ENV, ARG or LABEL needs \ at the end of the line before)`;
 * - `root…` for a line of /etc/shadow, `https…` for one of .git-credentials;
 * - `"ghp_...(40 chars)" (a GitHub token)` for a word that is a token.
 */
function unknownInstruction(word: string, escapeChar: string): string {
  const stop = word.search(/[=:@]/);
  const part = stop === -1 ? word : word.slice(0, stop);
  // A secret-shaped word is shown masked, as quoteValue gives it; any other word is shown cut short.
  if (maskLiteral(part) !== part) return quoteValue(part);
  const chars = [...part];
  const shown = chars.length > SHOWN_INSTRUCTION ? chars.slice(0, SHOWN_INSTRUCTION).join('') : part;
  if (word[stop] === '=' && shown === part && part !== '') {
    return `${part}=… (a line that goes on an ENV, ARG or LABEL needs ${escapeChar} at the end of the line before)`;
  }
  return shown.length < word.length ? `${shown}…` : shown;
}

/**
 * An EXPOSE word as BuildKit reads it (frontend/dockerfile/dockerfile2llb/convert_expose.go `parsePortSpec`):
 * `[ip:][hostPort:]containerPort[/proto]`, where a port is a number or a range `start-end` of unsigned 16-bit
 * numbers (strconv.ParseUint(…, 10, 16)) that does not end below its start, the protocol `tcp` (the default),
 * `udp` or `sctp` in any case, the IP address one net.ParseIP reads (IPv6 in brackets or not). The image exposes
 * only the container port: the IP address and host port are read and dropped, as BuildKit does (its lint
 * ExposeInvalidFormat warns of them).
 * @returns the exposed `port/proto` (`80/tcp`, `8000-8100/udp`), or why the builder refuses the word (`reason`
 * is empty when the word is no port at all)
 */
function exposedPort(word: string): string | { reason: string } {
  const parts = word.split(':');
  const container = parts[parts.length - 1] as string;
  const host = parts.length >= 2 ? (parts[parts.length - 2] as string) : '';
  let ip = parts.slice(0, -2).join(':');
  const slash = container.indexOf('/');
  const port = slash === -1 ? container : container.slice(0, slash);
  const proto = slash === -1 ? '' : container.slice(slash + 1).toLowerCase();
  if (proto !== '' && proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return { reason: '' };
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  if (ip !== '' && ipVersion(ip) === 0) return { reason: '' };
  const c = portRange(port);
  if (typeof c === 'string') return { reason: c };
  if (host !== '') {
    const h = portRange(host);
    if (typeof h === 'string') return { reason: h };
    if (c[1] - c[0] !== h[1] - h[0] && c[1] !== c[0]) return { reason: 'the host and container port ranges differ in length' };
  }
  return `${port}/${proto || 'tcp'}`;
}

/**
 * A port or port range of EXPOSE (`80`, `8000-8100`) as BuildKit's `parsePortRange` reads it: its first and last
 * port, or why it is refused (empty when it is no number at all).
 */
function portRange(ports: string): [number, number] | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!m) return '';
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535) return 'a port is at most 65535';
  if (end < start) return 'the range ends below its start';
  return [start, end];
}

/** A carriage return that does not end a line (CRLF is a line end for both the builder and dockerfile-ast). */
const LONE_CR = /\r(?!\n)/g;

/**
 * The longest physical line the Dockerfile frontend reads, in bytes of UTF-8 without its `\n` (a `\r` or a byte order
 * mark counts). BuildKit's parser (frontend/dockerfile/parser/parser.go, also the classic builder's since Docker 17.12)
 * reads lines with Go's bufio.Scanner, whose buffer of bufio.MaxScanTokenSize (65,536) bytes must hold a line with its
 * line break; a longer line fails the whole build with `dockerfile line greater than max allowed size of 65535`.
 */
export const MAX_LINE_BYTES = 65_535;

/**
 * The lines of `text` over MAX_LINE_BYTES bytes, as [start, end) offsets (end before the `\n`) and their length in
 * bytes. A code unit is at most 3 bytes of UTF-8, so a text of up to 21,845 code units (almost every Dockerfile) is
 * not searched.
 *
 * `text` is the file decoded as UTF-8, where each byte that is not valid UTF-8 became U+FFFD (3 bytes when encoded
 * again); the file's own bytes are not at hand here. A U+FFFD is counted as 1 byte, the least it stood for: the
 * count is a lower bound, so a line of invalid bytes is never refused for bytes it does not have (30,000 \xff bytes
 * in a line of 65,535 would otherwise be 125,535), at the cost of missing a real line over the limit only when its
 * U+FFFD characters (written as such in the file, or a decoded sequence of several invalid bytes) take it there.
 */
export function overlongLines(text: string): [start: number, end: number, bytes: number][] {
  const out: [number, number, number][] = [];
  if (text.length * 3 <= MAX_LINE_BYTES) return out;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if ((end - start) * 3 > MAX_LINE_BYTES) {
      const line = text.slice(start, end);
      let bytes = Buffer.byteLength(line, 'utf8');
      for (let i = line.indexOf('\ufffd'); i !== -1 && bytes > MAX_LINE_BYTES; i = line.indexOf('\ufffd', i + 1)) bytes -= 2;
      if (bytes > MAX_LINE_BYTES) out.push([start, end, bytes]);
    }
    start = end + 1;
  }
  return out;
}

/**
 * ENV and LABEL as the builder reads them: `NAME=value` pairs, where every word needs its `=` once one has it
 * (`ENV A=1 # note` is refused: `#` is no comment after an instruction), or the legacy `NAME value` form, which
 * needs a value.
 */
function checkNameValues(keyword: string, props: Property[], pos: Positions, error: (at: Location, message: string) => void): void {
  const bare = props.filter((p) => p.getValue() === null);
  if (bare.length === 0) return;
  if (props.length === 1) {
    error(pos.loc((props[0] as Property).getRange()), `${keyword} ${shownWord((props[0] as Property).getName())} has no value: write ${keyword} NAME=value`);
    return;
  }
  // One error per instruction, at the first such word. The word is quoted only when it is a comment sign: such a
  // word is often a piece of a value with blanks (`ENV DB_PASSWORD=two words`), which may be a secret.
  const first = bare[0] as Property;
  const name = first.getName();
  error(
    pos.loc(first.getRange()),
    name.startsWith('#')
      ? `${keyword}: "#" is not NAME=value, as every word must be once one is (a # after an instruction is no comment)`
      : `${keyword}: a word is not NAME=value, as every word must be once one is (a value with blanks needs quotes)`,
  );
}

function propertiesOf(ins: Instruction): Property[] {
  const p = ins as unknown as { getProperties?: () => Property[] };
  return p.getProperties ? p.getProperties() : [];
}

/**
 * A declaration with the value a build argument gives it (`docker build --build-arg NAME=value`, compose
 * `build.args`), which replaces the ARG's default in every stage that declares it; undefined in the map: given
 * without a value that can be known.
 */
function withBuildArg(decl: ArgDecl, buildArgs: ReadonlyMap<string, string | undefined> | undefined): ArgDecl {
  if (!buildArgs?.has(decl.name)) return decl;
  const value = buildArgs.get(decl.name);
  return value === undefined ? { name: decl.name } : { name: decl.name, value };
}

function argDecl(p: Property, scope: VariableScope, escapeChar: string): ArgDecl {
  const raw = p.getValue();
  if (raw === null) return { name: p.getName() };
  const e = expandVariables(raw, scope, escapeChar);
  return e.ok ? { name: p.getName(), value: e.value } : { name: p.getName() };
}

/**
 * Splits the leading `--name[=value]` flags off an instruction's text (the builder reads flags only before
 * the first other word). `--mount` style values are also split into comma-separated `key=value` options.
 */
function splitFlags(cmd: CommandText): { flags: InstructionFlag[]; args: CommandText } {
  const flags: InstructionFlag[] = [];
  let ended = false;
  const t = cmd.text;
  let i = 0;
  for (;;) {
    while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
    if (t[i] !== '-' || t[i + 1] !== '-') break;
    // A lone `--` ends the flags (BuildKit's extractBuilderFlags): the arguments start after it.
    if (i + 2 >= t.length || t[i + 2] === ' ' || t[i + 2] === '\t' || t[i + 2] === '\n') {
      i += 2;
      ended = true;
      break;
    }
    const start = i;
    let quote = '';
    while (i < t.length) {
      const c = t[i] as string;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ' ' || c === '\t' || c === '\n') break;
      i++;
    }
    const word = t.slice(start + 2, i);
    const eq = word.indexOf('=');
    const flag: InstructionFlag = { name: eq === -1 ? word : word.slice(0, eq), options: {}, at: locate(cmd, start, i - start) };
    if (eq !== -1) {
      const value = word.slice(eq + 1).replace(QUOTED, '$2');
      flag.value = value;
      if (value.includes('=')) {
        for (const part of value.split(',')) {
          const k = part.indexOf('=');
          const key = (k === -1 ? part : part.slice(0, k)).trim().toLowerCase();
          if (key) flag.options[key] = k === -1 ? '' : part.slice(k + 1).replace(QUOTED, '$2');
        }
      }
    }
    flags.push(flag);
  }
  if (flags.length === 0 && !ended) return { flags, args: cmd };
  while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
  return { flags, args: sliceCommand(cmd, i) };
}

/** A flag value in matching quotes: `"x"` or `'x'` (the quotes are dropped). */
const QUOTED = /^(["'])(.*)\1$/;

/**
 * The part of a command text from index `from` on, with its segments moved accordingly; its start (line,
 * column, offset) moved onto the first segment. Locations here are all built by Positions, every field set.
 */
function sliceCommand(cmd: CommandText, from: number): CommandText {
  const segments: CommandText['segments'] = [];
  const segs = cmd.segments;
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k] as CommandText['segments'][number];
    const next = segs[k + 1];
    if (next && next.start <= from) continue; // wholly before `from`
    if (s.start >= from) segments.push({ start: s.start - from, at: s.at });
    else segments.push({ start: 0, at: locate(cmd, from) });
  }
  const first = segments[0];
  const c = cmd.at;
  const at: Location = first
    ? {
        source: c.source,
        line: first.at.line,
        column: first.at.column,
        endLine: c.endLine,
        endColumn: c.endColumn,
        offset: first.at.offset ?? c.offset,
        endOffset: c.endOffset,
      }
    : c;
  return { text: cmd.text.slice(from), at, segments };
}

/**
 * commandLocation (model) for the command texts built here, without its object spread: their segment
 * locations all come from Positions (every field set, in the same order, no `path`), so the Location is
 * the same. Other texts (no offsets) go to commandLocation.
 */
function locate(cmd: CommandText, index: number, length = 0): Location {
  const segs = cmd.segments;
  let seg = segs[0];
  if (!seg) return cmd.at;
  for (let k = 1; k < segs.length; k++) {
    const s = segs[k] as CommandText['segments'][number];
    if (s.start <= index) seg = s;
    else break;
  }
  const a = seg.at;
  if (a.offset === undefined || a.column === undefined) return commandLocation(cmd, index, length);
  const d = index - seg.start;
  const column = a.column + d;
  const offset = a.offset + d;
  return { source: a.source, line: a.line, column, endLine: a.line, endColumn: column + length, offset, endOffset: offset + length };
}

/** A FROM argument as dockerfile-ast gives it. */
interface AstArgument {
  getValue(): string;
  getRange(): Parameters<Positions['loc']>[0];
}

/** A FROM argument (flags left out): its value as dockerfile-ast reads it, and its location. */
interface FromWord {
  value: string;
  at: Location;
}

/**
 * The arguments of a FROM after its flags, as `From.getArguments()` of dockerfile-ast gives them. That getter
 * goes over the text twice (once for the flags); a FROM on one line without escape characters, quotes or
 * carriage returns, whose first argument has no `--` (dockerfile-ast keeps looking for flags after such a
 * word), is split on spaces and tabs here instead, which gives the same words and ranges.
 */
function fromWords(ins: Instruction, pos: Positions, range: Parameters<Positions['loc']>[0], at: Location, args: CommandText, escapeChar: string): FromWord[] {
  const start = at.offset as number;
  const end = at.endOffset as number;
  const seg = args.segments[0];
  let simple = range.start.line === range.end.line && args.segments.length === 1 && seg !== undefined && seg.start === 0;
  for (let i = start; simple && i < end; i++) {
    const c = pos.text[i];
    if (c === escapeChar || c === '"' || c === "'" || c === '\r' || c === '\n') simple = false;
  }
  if (simple) {
    const t = args.text;
    const line = range.start.line;
    const base = (seg as { at: Location }).at.offset as number;
    const out: FromWord[] = [];
    let i = 0;
    while (i < t.length) {
      while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
      if (i === t.length) break;
      const from = i;
      while (i < t.length && t[i] !== ' ' && t[i] !== '\t') i++;
      out.push({ value: t.slice(from, i), at: pos.lineSpan(line, base + from, base + i) });
    }
    if (out[0] !== undefined && !out[0].value.includes('--')) return out;
  }
  const words = (ins as unknown as { getArguments(): AstArgument[] }).getArguments();
  return words.map((w) => ({ value: w.getValue(), at: pos.loc(w.getRange()) }));
}

/**
 * The text after an instruction's keyword and flags, as the shell (or the builder) sees it: continuation
 * escapes removed, comment and empty lines inside a continuation dropped, heredoc bodies appended after a
 * newline (delimiter lines left out). Every piece keeps its place in the file.
 */
function commandTextOf(
  pos: Positions,
  start: number,
  range: Parameters<Positions['loc']>[0],
  heredocs: readonly HeredocBody[],
  escapeChar: string,
): CommandText {
  const end = pos.offset(range.end);
  // Most instructions have no heredoc: the two sets are made only for those that do.
  const bodyLines = heredocs.length > 0 ? new Set<number>() : undefined;
  const delimiterLines = heredocs.length > 0 ? new Set<number>() : undefined;
  for (const h of heredocs) {
    if (h.delimiter) delimiterLines?.add(pos.lineOf(h.delimiter.start));
    if (h.contentEnd <= h.contentStart) continue;
    const last = pos.lineOf(h.contentEnd - 1);
    for (let l = pos.lineOf(h.contentStart); l <= last; l++) bodyLines?.add(l);
  }
  // Every piece lies on the line the loop is at, so its location needs no search.
  const span = (l0: number, a: number, b: number): Location => pos.lineSpan(l0, a, b);
  const cmd: CommandText = { text: '', at: pos.span(start, start), segments: [] };
  const firstLine = cmd.at.line as number;
  const lastLine = range.end.line + 1;
  let continued = false;
  let started = false;
  for (let line = firstLine; line <= lastLine; line++) {
    const l0 = line - 1;
    const ls = line === firstLine ? start : (pos.starts[l0] as number);
    const le = Math.min(pos.lineEnd(l0), Math.max(end, ls));
    let piece = pos.text.slice(ls, le);
    if (delimiterLines?.has(l0)) continue;
    if (bodyLines?.has(l0)) {
      cmd.segments.push({ start: cmd.text.length + 1, at: span(l0, ls, le) });
      cmd.text += `\n${piece}`;
      continue;
    }
    if (line !== firstLine && !continued) break;
    const trimmed = piece.trim();
    if (line !== firstLine && (trimmed === '' || trimmed.startsWith('#'))) continue;
    let lead = 0;
    if (!started) {
      lead = piece.length - piece.trimStart().length;
      piece = piece.slice(lead);
    }
    const t = piece.trimEnd();
    continued = t.endsWith(escapeChar) && !t.endsWith(escapeChar + escapeChar);
    if (continued) piece = t.slice(0, -1);
    if (!started && piece.trim() === '') continue;
    const pieceAt = span(l0, ls + lead, ls + lead + piece.length);
    if (!started) cmd.at = pieceAt; // only read: replaced below by a new object with the last piece's end
    cmd.segments.push({ start: cmd.text.length, at: pieceAt });
    cmd.text += piece;
    started = true;
  }
  if (cmd.segments.length > 0) {
    const last = (cmd.segments[cmd.segments.length - 1] as { at: Location }).at;
    const a = cmd.at;
    cmd.at = {
      source: a.source,
      line: a.line,
      column: a.column,
      endLine: last.endLine,
      endColumn: last.endColumn,
      offset: a.offset,
      endOffset: last.endOffset,
    };
  }
  return cmd;
}

const WORD = /\S+/g;

/** Whitespace-separated words of the first logical line of a command text, with their locations. */
export function wordsOf(cmd: CommandText): { text: string; at: Location }[] {
  const nl = cmd.text.indexOf('\n');
  const head = nl === -1 ? cmd.text : cmd.text.slice(0, nl);
  const out: { text: string; at: Location }[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(head); m !== null; m = WORD.exec(head)) out.push({ text: m[0], at: locate(cmd, m.index, m[0].length) });
  return out;
}

/** A JSON array of strings (exec form), or undefined when the text is not one (the builder then uses shell form). */
function execForm(cmd: CommandText): string[] | undefined {
  const nl = cmd.text.indexOf('\n');
  return execFormOf(nl === -1 ? cmd.text : cmd.text.slice(0, nl));
}

/** The command of CMD, ENTRYPOINT or HEALTHCHECK CMD: exec form when the text is a JSON array of strings. */
function commandOf(text: CommandText): NonNullable<OtherInstruction['command']> {
  const exec = execForm(text);
  return exec ? { form: 'exec', exec, execSpans: execSpans(text, exec), text } : { form: 'shell', text };
}

/** Where each element of an exec-form array is written in `args.text` (jsonStringSpans), one span per element. */
function execSpans(args: CommandText, exec: readonly string[]): { start: number; end: number }[] {
  const spans = jsonStringSpans(args.text);
  return spans.length === exec.length ? spans : [];
}

function runOf(at: Location, flags: InstructionFlag[], heredocs: readonly HeredocLines[], args: CommandText): RunInstruction {
  const heredoc = heredocs.length > 0;
  const exec = execForm(args);
  const run: RunInstruction = { keyword: 'RUN', at, flags, args, form: heredoc ? 'heredoc' : exec ? 'exec' : 'shell', mounts: [] };
  if (exec && !heredoc) {
    run.exec = exec;
    run.execSpans = execSpans(args, exec);
  }
  if (heredoc) run.heredocs = heredocBodies(heredocs, args);
  for (const f of flags) {
    if (f.name !== 'mount') continue;
    const o = f.options;
    const mount: RunMount = { type: o.type ?? 'bind' };
    if (o.id !== undefined) mount.id = o.id;
    const target = o.target ?? o.dst ?? o.destination;
    if (target !== undefined) mount.target = target;
    if (o.from !== undefined) mount.from = o.from;
    const src = o.source ?? o.src;
    if (src !== undefined) mount.source = src;
    run.mounts.push({ value: mount, at: f.at });
  }
  return run;
}

/** A heredoc's name and the 1-based lines of its body (`last` < `first` for an empty body). */
interface HeredocLines {
  name: string;
  /** Offset of the name in the Dockerfile. */
  nameStart: number;
  first: number;
  last: number;
}

/**
 * Where each heredoc's body lies in a RUN's text: the body lines (segments after the first line) that fall in
 * the heredoc's lines. A heredoc with an empty body gets an empty span at the end of the text.
 */
function heredocBodies(heredocs: readonly HeredocLines[], args: CommandText): NonNullable<RunInstruction['heredocs']> {
  const nl = args.text.indexOf('\n');
  const segs = args.segments;
  // Heredocs and segments are both in line order: one pass over the segments serves them all.
  let k = 0;
  return heredocs.map((h) => {
    let start = -1;
    let end = -1;
    if (h.last >= h.first && nl !== -1) {
      for (; k < segs.length; k++) {
        const s = segs[k] as CommandText['segments'][number];
        const line = s.at.line ?? 0;
        if (s.start <= nl || line < h.first) continue;
        if (line > h.last) break;
        if (start === -1) start = s.start;
        const next = segs[k + 1];
        end = next ? next.start - 1 : args.text.length;
      }
    }
    if (start === -1) start = end = args.text.length;
    return { name: h.name, nameAt: indexOfOffset(args, h.nameStart, nl === -1 ? args.text.length : nl), start, end };
  });
}

/**
 * The index in `cmd.text` of the Dockerfile offset `offset`, looked for in the segments before index `limit` (the
 * first line: a few segments, whatever the number of heredoc bodies after it); -1 when none holds it.
 */
function indexOfOffset(cmd: CommandText, offset: number, limit: number): number {
  let index = -1;
  for (const s of cmd.segments) {
    if (s.start >= limit) break;
    const at = s.at.offset;
    if (at !== undefined && at <= offset) index = s.start + (offset - at);
  }
  return index <= limit ? index : -1;
}

function copyOf(keyword: 'COPY' | 'ADD', at: Location, flags: InstructionFlag[], args: CommandText): CopyInstruction {
  const c: CopyInstruction = { keyword, at, flags, args, sources: [], link: false };
  for (const f of flags) {
    const v: Sourced<string> = { value: f.value ?? '', at: f.at };
    if (f.name === 'from') c.from = v;
    else if (f.name === 'chown') c.chown = v;
    else if (f.name === 'chmod') c.chmod = v;
    else if (f.name === 'checksum') c.checksum = v;
    else if (f.name === 'link') c.link = f.value === undefined || f.value === 'true';
  }
  const exec = execForm(args);
  if (exec) {
    // Each element at its characters inside its quotes (escapes make the value shorter than what is written).
    const spans = jsonStringSpans(args.text);
    const items = exec.map((s, k) => {
      const span = spans[k];
      return { value: s, at: span && spans.length === exec.length ? commandLocation(args, span.start, span.end - span.start) : args.at };
    });
    c.destination = items.pop();
    c.sources = items;
    return c;
  }
  const words: Sourced<string>[] = [];
  for (const w of wordsOf(args)) words.push({ value: w.text, at: w.at });
  c.destination = words.pop();
  c.sources = words;
  return c;
}

function healthcheckOf(flags: InstructionFlag[], args: CommandText, error: (at: Location, message: string) => void): Healthcheck | 'disabled' | undefined {
  const text = args.text.trim();
  const sub = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!sub) return undefined;
  const word = (sub[1] as string).toUpperCase();
  if (word === 'NONE') {
    // BuildKit instructions/parse.go parseHealthcheck: "HEALTHCHECK NONE takes no arguments".
    if (sub[2] !== '') {
      error(sliceCommand(args, /^\s*\S+\s+/.exec(args.text)?.[0].length ?? 0).at, 'HEALTHCHECK NONE takes no arguments');
      return undefined;
    }
    return 'disabled';
  }
  if (word !== 'CMD') {
    error(args.at, `HEALTHCHECK: expected CMD or NONE, found ${quoteValue(sub[1] as string)}`);
    return undefined;
  }
  const rest = (sub[2] as string).trim();
  const exec = execFormOf(rest);
  const test = exec ? ['CMD', ...exec] : ['CMD-SHELL', rest];
  if (test.length < 2 || (test[1] as string) === '') {
    error(args.at, 'HEALTHCHECK CMD needs a command');
    return undefined;
  }
  const h: Healthcheck = { test };
  for (const f of flags) {
    try {
      if (f.name === 'interval' && f.value) h.intervalSeconds = healthcheckDuration(f.value);
      else if (f.name === 'timeout' && f.value) h.timeoutSeconds = healthcheckDuration(f.value);
      else if (f.name === 'start-period' && f.value) h.startPeriodSeconds = healthcheckDuration(f.value);
      else if (f.name === 'retries' && f.value) h.retries = retriesOf(f.value);
    } catch (e) {
      error(f.at, `HEALTHCHECK --${f.name}: ${(e as Error).message}`);
    }
  }
  return h;
}

/**
 * A HEALTHCHECK duration flag in seconds, as BuildKit reads it (instructions/parse.go parseOptInterval): Go's
 * time.ParseDuration, then 0 means the default, and anything else below 1ms (container.MinimumDuration), negative
 * values included, is refused.
 * @throws UnitError for a text that is no duration, or one below 1ms other than 0
 */
function healthcheckDuration(text: string): number {
  const seconds = parseDuration(text);
  if (seconds !== 0 && seconds < 0.001) throw new UnitError(`${quoteValue(text)} cannot be less than 1ms (or 0 for the default)`);
  return seconds;
}

/** A piece of a shell word (shellWord): literal text, or a variable reference (`$NAME`, `${NAME:-default}`) as written. */
type WordPiece = { literal: true; text: string } | { literal: false; text: string };

/**
 * One word as the builder's shell-word processing reads it for USER (BuildKit frontend/dockerfile/shell/lex.go
 * `ProcessWord`): quotes removed, escapes honoured, blanks kept. Unquoted, the escape character takes the next
 * character as it is (and is dropped at the end); in single quotes every character is literal; in double quotes
 * variables are expanded and the escape character only escapes `"`, `$` and itself (before any other character
 * it stays). Variable references (unquoted or in double quotes) are returned as written, for expandVariables.
 * @returns the pieces in order, or why the builder refuses the word (an unclosed quote)
 */
function shellWord(text: string, escapeChar = '\\'): { ok: true; pieces: WordPiece[] } | { ok: false; reason: string } {
  const pieces: WordPiece[] = [];
  let literal = '';
  const variable = (i: number): number => {
    // `${…}` up to its `}` (expandVariables reads the default), or `$NAME`; a lone `$` is literal.
    let end: number;
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      end = close === -1 ? text.length : close + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (!m) {
        literal += '$';
        return i + 1;
      }
      end = i + 1 + m[0].length;
    }
    if (literal !== '') pieces.push({ literal: true, text: literal });
    literal = '';
    pieces.push({ literal: false, text: text.slice(i, end) });
    return end;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '$') {
      i = variable(i);
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return { ok: false, reason: 'a single quote is not closed' };
      literal += text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, reason: 'a double quote is not closed' };
        const d = text[i] as string;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '$') {
          i = variable(i);
          continue;
        }
        const next = text[i + 1];
        if (d === escapeChar && (next === '"' || next === '$' || next === escapeChar)) {
          literal += next;
          i += 2;
          continue;
        }
        if (d === escapeChar && next === undefined) {
          i++;
          continue;
        }
        literal += d;
        i++;
      }
    } else if (c === escapeChar) {
      if (i + 1 < text.length) literal += text[i + 1];
      i += 2;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal !== '') pieces.push({ literal: true, text: literal });
  return { ok: true, pieces };
}

/**
 * `HEALTHCHECK --retries` as BuildKit reads it (instructions/parse.go parseHealthcheck): a base-10 integer that
 * fits 32 bits (strconv.ParseInt(v, 10, 32): an optional sign, then digits), not negative.
 * @throws Error naming what is wrong, the value quoted through quoteValue
 */
function retriesOf(value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new Error(`${quoteValue(value)} is not a whole number`);
  const n = Number(value);
  if (n > 2 ** 31 - 1 || n < -(2 ** 31)) throw new Error(`${quoteValue(value)} is out of range`);
  if (n < 0) throw new Error(`cannot be negative (${n})`);
  return n;
}

/** Parsed image references by text (a scan sees the same few base images again and again); bounded. */
const imageRefs = new Map<string, ImageRef | undefined>();

/** tryParseImageRef, remembered by text; each caller gets its own copy (ImageRef holds only strings). */
function imageRefOf(raw: string): ImageRef | undefined {
  let ref: ImageRef | undefined;
  if (imageRefs.has(raw)) ref = imageRefs.get(raw);
  else {
    if (imageRefs.size >= 1024) imageRefs.clear();
    ref = tryParseImageRef(raw);
    imageRefs.set(raw, ref);
  }
  return ref ? { ...ref } : undefined;
}

function newStage(
  args: readonly FromWord[],
  at: Location,
  index: number,
  flags: InstructionFlag[],
  global: ReadonlyMap<string, string | undefined>,
  stageNames: ReadonlyMap<string, number>,
  escapeChar: string,
): DockerfileStage {
  const imageArg = args[0] as FromWord;
  const written = imageArg.value;
  const imageAt = imageArg.at;
  let base: Sourced<StageBase>;
  const e = expandVariables(written, global, escapeChar);
  if (!e.ok) base = { value: unknown(e.reason, written), at: imageAt };
  else {
    const raw = e.value;
    const lower = raw.toLowerCase();
    if (lower === 'scratch') base = { value: { kind: 'scratch' }, at: imageAt };
    else if (stageNames.has(lower)) base = { value: { kind: 'stage', stage: stageNames.get(lower) as number, name: lower }, at: imageAt };
    else {
      const ref = imageRefOf(raw);
      base = { value: ref ? { kind: 'image', ref, raw, written } : { kind: 'invalid', raw }, at: imageAt };
    }
  }
  const stage: DockerfileStage = {
    index,
    at,
    base,
    instructions: [],
    args: [],
    env: [],
    expose: [],
    labels: [],
  };
  const nameArg = args[2];
  if (nameArg) stage.name = { value: nameArg.value.toLowerCase(), at: nameArg.at };
  const platform = flags.find((f) => f.name === 'platform');
  if (platform?.value !== undefined) stage.platform = { value: platform.value, at: platform.at };
  return stage;
}
