import type { EnvVar, Healthcheck } from './container.js';
import type { ImageSpec } from './image.js';
import type { ImageRef } from './image-ref.js';
import { isUnknown, type Location, type Sourced } from './location.js';
import { quoteName } from './mask.js';

/**
 * A Dockerfile, parsed with its positions kept (DESIGN.md "The model"). Built by `sources/dockerfile`
 * from `dockerfile-ast`; rules read only this. Instruction keywords are upper case; values are as
 * written after the parser joined line continuations, with `${ARG}` references resolved where the
 * Dockerfile gives them a value (an unresolvable reference makes the value Unknown).
 */
export interface DockerfileSpec {
  /** The file as shown in findings (`Dockerfile`, `api/Containerfile`). */
  name: string;
  /** The whole file (line 1, column 1). */
  at: Location;
  /** Parser directives at the top of the file. */
  directives: {
    /** `# syntax=docker/dockerfile:1.7`: the BuildKit frontend image. */
    syntax?: Sourced<string>;
    /** `# escape=`: `\` (default) or `` ` ``. */
    escape: string;
    /** `# check=` (BuildKit build checks), kept as written. */
    check?: Sourced<string>;
  };
  /** ARG instructions before the first FROM (usable in FROM lines only). */
  globalArgs: Sourced<ArgDecl>[];
  /** Build stages in file order; the last one is what `docker build` produces without `--target`. */
  stages: DockerfileStage[];
  /** What Bulwark knows of the build context (filled by the source; absent when not looked at). */
  context?: BuildContextInfo;
  /**
   * What the `.pem` files that COPY and ADD take from the build context hold, by source as written: a private key
   * block, or only certificates and public keys. Filled by the source, which reads each such file (up to 1 MiB,
   * never run); a wildcard in the last part of the path (`certs/*.pem`) is expanded in the context as BuildKit does,
   * and holds a key when any file it takes does. A source not read (not there, no file matched, a wildcard in a
   * folder name, outside the context, from another stage) is absent.
   */
  pemSources?: Record<string, PemContent>;
}

/** What a PEM file holds, as far as the secret rules need to know. */
export type PemContent = 'private-key' | 'no-private-key';

/** One `ARG name[=default]`. `value` is the default as written, undefined when none. */
export interface ArgDecl {
  name: string;
  value?: string;
}

/** What a stage starts from. */
export type StageBase =
  /** A registry image (`node:20-alpine`, `ghcr.io/acme/base@sha256:…`); `raw` is the text after ARG resolution. */
  | { kind: 'image'; ref: ImageRef; raw: string; written: string }
  /** An earlier stage of the same Dockerfile (`FROM build`), by index. */
  | { kind: 'stage'; stage: number; name: string }
  /** `FROM scratch`: an empty filesystem. */
  | { kind: 'scratch' }
  /** Text that is not a valid reference after resolution (kept for messages). */
  | { kind: 'invalid'; raw: string };

/** One build stage: a FROM line and the instructions up to the next FROM. */
export interface DockerfileStage {
  /** 0-based index among the stages. */
  index: number;
  /** `AS name` (lower-cased as BuildKit compares it), when given. */
  name?: Sourced<string>;
  /** The FROM instruction. */
  at: Location;
  /** The base; Unknown when it depends on an ARG without a value. Located at the image text. */
  base: Sourced<StageBase>;
  /** `--platform=` as written. */
  platform?: Sourced<string>;
  /** Every instruction after FROM, in order. */
  instructions: DockerfileInstruction[];
  /** ARG declared in this stage (resolved defaults). */
  args: Sourced<ArgDecl>[];
  /** ENV set in this stage, in order (later ones override earlier ones). */
  env: Sourced<EnvVar>[];
  /**
   * The last USER of this stage, as the builder reads it (BuildKit's shell-word processing: quotes removed, escapes
   * honoured, variables resolved through ARG and ENV, so `USER "root"` is `root`), or Unknown.
   */
  user?: Sourced<string>;
  /** The last HEALTHCHECK of this stage. */
  healthcheck?: Sourced<Healthcheck | 'disabled'>;
  /** EXPOSE entries normalised to `port/proto` (`80/tcp`), in order. */
  expose: Sourced<string>[];
  /** LABEL pairs, in order. */
  labels: Sourced<[string, string]>[];
}

/** A `--name=value` flag on an instruction (`--mount=…`, `--chown=…`, `--from=…`). */
export interface InstructionFlag {
  name: string;
  /** Undefined for a flag without `=` (`--link`). */
  value?: string;
  /** Comma-separated `key=value` options (for `--mount`), lower-case keys. */
  options: Record<string, string>;
  at: Location;
}

/** A RUN `--mount` (BuildKit), as a typed record. */
export interface RunMount {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh' | string;
  /** `id=` for secret, ssh and cache mounts. */
  id?: string;
  target?: string;
  /** `from=` for bind and cache mounts: a stage name or an image. */
  from?: string;
  source?: string;
}

/**
 * The shell text of a RUN (or of any instruction argument), with a map back to the source: `text` is what
 * the shell runs (continuations removed as Docker removes them; heredoc bodies joined with newlines), and
 * each segment says where a run of `text` starts in the file. Use {@link commandLocation} to locate a match.
 */
export interface CommandText {
  text: string;
  at: Location;
  /** `start` is an index into `text`; `at` is the single-line location of that character in the file. */
  segments: { start: number; at: Location }[];
}

/** Fields every instruction has. */
interface InstructionBase {
  /** Upper-case keyword. */
  keyword: string;
  /** The whole instruction (from the keyword to the end of its last line or heredoc). */
  at: Location;
  flags: InstructionFlag[];
  /** The arguments after the flags, as one command text. */
  args: CommandText;
}

/** RUN in shell form, exec form (JSON array) or with heredocs. */
export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  form: 'shell' | 'exec' | 'heredoc';
  /** Exec form: the JSON array. */
  exec?: string[];
  /**
   * Exec form: where each element of `exec` is written in `args.text`, [start, end) between its quotes (longer
   * than the element when it holds JSON escapes). Empty when not known.
   */
  execSpans?: { start: number; end: number }[];
  mounts: Sourced<RunMount>[];
  /**
   * Heredoc form: each heredoc's name, where the name is written in `args.text` (`nameAt`, in the first line; -1
   * when unknown), and its body's place there ([start, end) indexes; bodies follow the first line, in the order of
   * their markers). A body is stdin of the command that holds its marker.
   */
  heredocs?: { name: string; nameAt: number; start: number; end: number }[];
  /**
   * True for the trigger of `ONBUILD RUN ...`: it runs in the build of every image FROM this one, so the RUN
   * rules check it too (located at the ONBUILD line); it changes nothing in this image.
   */
  onbuild?: boolean;
}

/** COPY or ADD. */
export interface CopyInstruction extends InstructionBase {
  keyword: 'COPY' | 'ADD';
  /** Sources as written (heredoc sources appear as `<<NAME`). */
  sources: Sourced<string>[];
  destination?: Sourced<string>;
  /** `--from=` (a stage name or index, or an image). */
  from?: Sourced<string>;
  chown?: Sourced<string>;
  chmod?: Sourced<string>;
  link: boolean;
  /** ADD `--checksum=`. */
  checksum?: Sourced<string>;
}

/** Any other instruction (ENV, ARG, USER, HEALTHCHECK, EXPOSE, LABEL, CMD, WORKDIR...). */
export interface OtherInstruction extends InstructionBase {
  keyword: Exclude<string, 'RUN' | 'COPY' | 'ADD'>;
  /**
   * CMD, ENTRYPOINT and HEALTHCHECK CMD: the command the container runs, which the image config keeps as written
   * (`docker inspect` shows it). Shell form: `text` is the shell command; exec form: `exec` is the JSON array
   * (`text` its source), `execSpans` where each element is written in `text` (see RunInstruction). For HEALTHCHECK, `text` starts after the `CMD` word.
   * Also on an ONBUILD whose trigger is one of them (`trigger`): the trigger's text is kept in this image's config
   * (`OnBuild`) and becomes the command of every image built FROM it.
   */
  command?: { form: 'shell' | 'exec'; exec?: string[]; execSpans?: { start: number; end: number }[]; text: CommandText };
  /** ONBUILD only: its trigger instruction, upper case (`CMD`, `RUN`...); absent when the ONBUILD is empty. */
  trigger?: string;
}

/** One instruction of a stage. */
export type DockerfileInstruction = RunInstruction | CopyInstruction | OtherInstruction;

/** What Bulwark found of the build context's `.dockerignore`. */
export interface BuildContextInfo {
  /** The context folder as shown in findings. */
  folder: string;
  /** The `.dockerignore` in effect (`Dockerfile.dockerignore` beside the Dockerfile wins, as BuildKit does), or undefined when none. */
  dockerignore?: { name: string; at: Location; patterns: Sourced<string>[] };
}

/**
 * True for a Containerfile's name, without folder (`Containerfile`, `Containerfile.prod`, `api.Containerfile`, any
 * case): Podman and Buildah build it, and read a `.containerignore` as well as a `.dockerignore`.
 */
export function isContainerfileName(name: string): boolean {
  return /^containerfile(?:\.|$)|\.containerfile$/i.test(name);
}

/** True for RUN instructions. */
export function isRun(i: DockerfileInstruction): i is RunInstruction {
  return i.keyword === 'RUN';
}

/** True for COPY and ADD instructions. */
export function isCopy(i: DockerfileInstruction): i is CopyInstruction {
  return i.keyword === 'COPY' || i.keyword === 'ADD';
}

/** The stage `docker build` produces without `--target`: the last one. */
export function finalStage(spec: DockerfileSpec): DockerfileStage | undefined {
  return spec.stages[spec.stages.length - 1];
}

/**
 * The stage `docker build --target NAME` produces: the last stage named NAME (BuildKit compares names without
 * case). Undefined when no stage has that name (the build would fail: "target stage could not be found").
 */
export function targetStage(spec: DockerfileSpec, target: string): DockerfileStage | undefined {
  const want = target.toLowerCase();
  for (let i = spec.stages.length - 1; i >= 0; i--) {
    const s = spec.stages[i] as DockerfileStage;
    if (s.name && !isUnknown(s.name.value) && s.name.value === want) return s;
  }
  return undefined;
}

/**
 * The chain of stages a stage builds on, from the stage itself back to the first one that starts from an
 * image or scratch (`FROM build` follows `build`). Unknown bases end the chain.
 */
export function stageChain(spec: DockerfileSpec, stage: DockerfileStage): DockerfileStage[] {
  const chain = [stage];
  let s: DockerfileStage | undefined = stage;
  while (s && !isUnknown(s.base.value) && s.base.value.kind === 'stage') {
    const parent: DockerfileStage | undefined = spec.stages[s.base.value.stage];
    if (!parent || chain.includes(parent)) break;
    chain.push(parent);
    s = parent;
  }
  return chain;
}

/**
 * Describes a stage for messages: `stage "runtime"`, or `stage #2` when unnamed (1-based position). The name is quoted
 * through quoteName, so a name of 3,000 characters is cut (`stage "aaaa..." (3000 characters)`).
 */
export function describeStage(stage: DockerfileStage): string {
  const n = stage.name && !isUnknown(stage.name.value) ? stage.name.value : undefined;
  return n ? `stage ${quoteName(n)}` : `stage #${stage.index + 1}`;
}

/**
 * Describes an image config for messages: `image "local/app:1"`, or for a Dockerfile `the final stage of
 * Dockerfile` (`the final stage "runtime" of Dockerfile` when named).
 */
export function describeImageSpec(img: ImageSpec): string {
  return img.origin === 'image' ? `image "${img.name}"` : `the ${img.name}`;
}

/**
 * The location of `text[index]` of a command text: the segment holding it, moved right by the distance.
 * Falls back to the command's start for an index outside the text.
 */
export function commandLocation(cmd: CommandText, index: number, length = 0): Location {
  let seg = cmd.segments[0];
  for (const s of cmd.segments) {
    if (s.start <= index) seg = s;
    else break;
  }
  if (!seg) return cmd.at;
  const d = index - seg.start;
  const at: Location = { ...seg.at, column: (seg.at.column ?? 1) + d, endLine: seg.at.line, endColumn: (seg.at.column ?? 1) + d + length };
  if (seg.at.offset !== undefined) {
    at.offset = seg.at.offset + d;
    at.endOffset = at.offset + length;
  }
  return at;
}

/**
 * The image config a Dockerfile's final stage produces (the ImageSpec seam): the effective USER,
 * HEALTHCHECK, ENV, EXPOSE and LABEL, inherited through `FROM <stage>` chains as the builder does. What a
 * registry base image adds (its own USER, ENV...) is not known here; a chain that ends at an image with
 * no USER of its own gives no `user` (root unless the base image says otherwise).
 * Returns undefined for a Dockerfile with no stage.
 */
export function imageSpecOfDockerfile(spec: DockerfileSpec, stage: DockerfileStage | undefined = finalStage(spec)): ImageSpec | undefined {
  if (!stage) return undefined;
  const chain = stageChain(spec, stage).reverse();
  const file = spec.name.replace(/^.*\//, '');
  const named = stage.name && !isUnknown(stage.name.value) ? ` ${quoteName(stage.name.value)}` : '';
  const img: ImageSpec = {
    // `final stage of Dockerfile`, `final stage "runtime" of Dockerfile`; another stage by its description.
    name: stage === finalStage(spec) ? `final stage${named} of ${file}` : `${describeStage(stage)} of ${file}`,
    origin: 'dockerfile',
    at: stage.at,
    env: [],
    exposedPorts: [],
    labels: [],
  };
  // Distroless-style `:nonroot` bases set a non-root USER of their own (uid 65532).
  const root = (chain[0] as DockerfileStage).base;
  if (!isUnknown(root.value) && root.value.kind === 'image' && /(?:^|[-_.])nonroot(?:[-_.]|$)/.test(root.value.ref.tag ?? ''))
    img.user = { value: 'nonroot', at: root.at };
  const env = new Map<string, Sourced<EnvVar>>();
  const labels = new Map<string, Sourced<[string, string]>>();
  const ports = new Map<string, Sourced<string>>();
  for (const s of chain) {
    if (s.user) img.user = s.user;
    if (s.healthcheck) img.healthcheck = s.healthcheck;
    for (const e of s.env) if (!isUnknown(e.value)) env.set(e.value.name, e);
    for (const l of s.labels) if (!isUnknown(l.value)) labels.set(l.value[0], l);
    // A port exposed twice is one port, located where it was first exposed.
    for (const p of s.expose) if (!isUnknown(p.value) && !ports.has(p.value)) ports.set(p.value, p);
  }
  img.env = [...env.values()];
  img.labels = [...labels.values()];
  img.exposedPorts = [...ports.values()];
  return img;
}
