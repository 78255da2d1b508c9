import { basename, dirname, join, resolve } from 'node:path';
import { type Finding, runRules } from '../check/index.js';
import {
  type BuildSpec,
  type Diagnostic,
  type DockerfileSpec,
  type DockerfileStage,
  describeImageSpec,
  finalStage,
  type ImageDefaults,
  type InterpolatedValue,
  imageSpecOfDockerfile,
  isUnknown,
  type Location,
  quoteName,
  quoteValue,
  targetStage,
} from '../model/index.js';
import { DOCKERFILE_RULES, IMAGE_RULES } from '../rules/index.js';
import {
  type DockerignoreCache,
  isCertainDockerfileName,
  isDockerfileName,
  isExplicitDockerfileName,
  type LoadedDockerfile,
  loadDockerfile,
  parseDockerfile,
  readBuildContext,
} from '../sources/dockerfile/index.js';
import { readPemSources } from '../sources/dockerfile/pem-sources.js';
import { whyUnreadable } from '../sources/fs.js';
import type { ScanContext, SourceHandler } from './types.js';

/** Per scan: Dockerfiles loaded (by path and context) and Dockerfiles already checked, so none is checked twice. */
const loaded = new WeakMap<ScanContext, Map<string, LoadedDockerfile>>();
const checked = new WeakMap<ScanContext, Set<string>>();
const ignoreFiles = new WeakMap<ScanContext, DockerignoreCache>();

/**
 * Loads a Dockerfile once per scan, path and context. `meant` is true when the file is certainly meant as a
 * Dockerfile (named on the command line, or by a compose `build:`): a binary or over-size file is then an
 * input error rather than a warning; undefined lets the file name decide (see loadDockerfile).
 */
function load(abs: string, contextDir: string, ctx: ScanContext, meant?: boolean): LoadedDockerfile {
  let cache = loaded.get(ctx);
  if (!cache) loaded.set(ctx, (cache = new Map()));
  // Decided here rather than left to loadDockerfile, so that the name's default and an explicit `true` share a load.
  const certain = meant ?? isCertainDockerfileName(basename(abs));
  const key = `${abs}\u0000${contextDir}\u0000${certain}`;
  let r = cache.get(key);
  let ignores = ignoreFiles.get(ctx);
  if (!ignores) ignoreFiles.set(ctx, (ignores = new Map()));
  if (!r) cache.set(key, (r = loadDockerfile(abs, ctx.fs, contextDir, ignores, certain)));
  return r;
}

/**
 * True when the Dockerfile itself has an error (it does not parse, the builder would refuse it). An error located
 * elsewhere, in its `.dockerignore` that cannot be read, leaves the Dockerfile judged (without BW2012).
 */
function unparsable(r: LoadedDockerfile, abs: string, ctx: ScanContext): boolean {
  const source = ctx.fs.display(abs);
  return r.diagnostics.some((d) => d.severity === 'error' && d.at.source === source);
}

/** What checking one Dockerfile gives. */
export interface DockerfileCheck {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** 1 when the Dockerfile was parsed and checked, else 0. */
  subjects: number;
}

/**
 * Checks one Dockerfile (absolute path) with the Dockerfile rules and, on its final stage's image config,
 * the image rules. `contextDir` is the build context (the Dockerfile's folder unless a compose `build:`
 * says otherwise). A Dockerfile already checked in this scan gives nothing the second time. `meant`: see load.
 */
export function checkDockerfile(abs: string, contextDir: string, ctx: ScanContext, meant?: boolean): DockerfileCheck {
  let done = checked.get(ctx);
  if (!done) checked.set(ctx, (done = new Set()));
  if (done.has(abs)) return { findings: [], diagnostics: [], subjects: 0 };
  done.add(abs);
  const r = load(abs, contextDir, ctx, meant);
  // A Dockerfile that does not parse is not judged: its findings would rest on a guess (DESIGN.md exit code 2).
  if (!r.spec || unparsable(r, abs, ctx)) return { findings: [], diagnostics: r.diagnostics, subjects: 0 };
  return { findings: judge(r.spec, finalStage(r.spec), ctx), diagnostics: r.diagnostics, subjects: 1 };
}

/**
 * The findings of a parsed Dockerfile: the Dockerfile rules on it and the image rules on the image config of
 * `stage` (none without a stage). Located where the spec's own locations are. `interpolated`: the values of its
 * text that came from the environment (an inline Dockerfile's), whose message data runRules quotes by variable.
 */
function judge(spec: DockerfileSpec, stage: DockerfileStage | undefined, ctx: ScanContext, interpolated?: readonly InterpolatedValue[]): Finding[] {
  const findings = runRules(DOCKERFILE_RULES, spec, spec.name, spec.name, ctx.settings, interpolated);
  const img = stage ? imageSpecOfDockerfile(spec, stage) : undefined;
  if (img) findings.push(...runRules(IMAGE_RULES, img, img.name, describeImageSpec(img), ctx.settings, interpolated));
  return findings;
}

/** The Dockerfile and context a compose `build:` names, as absolute paths; undefined for a remote context. */
export function buildPaths(build: BuildSpec): { dockerfile: string; context: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(build.context)) return undefined;
  const context = resolve(build.baseDir, build.context);
  return { dockerfile: resolve(context, build.dockerfile), context };
}

/**
 * What the image a compose `build:` produces says about user and health check, for ContainerSpec.imageDefaults:
 * the final stage of its Dockerfile, or the `build.target` stage. Undefined when the Dockerfile cannot be read
 * or parsed, or when the target is unknown or names no stage (then compose's own settings decide, or unknown).
 */
export function imageDefaultsOf(build: BuildSpec, ctx: ScanContext): ImageDefaults | undefined {
  const p = buildPaths(build);
  if (!p) return undefined;
  const r = load(p.dockerfile, p.context, ctx, true);
  if (!r.spec || unparsable(r, p.dockerfile, ctx)) return undefined;
  const args = buildArgsOf(build);
  // Arguments that no ARG of the file declares change nothing (the builder ignores them, with a warning).
  const decls = [...r.spec.globalArgs, ...r.spec.stages.flatMap((st) => st.args)];
  const declares = (name: string) => decls.some((a) => isUnknown(a.value) || a.value.name === name);
  if (!args || ![...args.keys()].some(declares)) return defaultsOf(r.spec, builtStage(r.spec, build));
  // The service's build arguments replace the ARG defaults the file was judged with (`USER ${APP_USER}` with
  // `args: {APP_USER: root}` builds an image that runs as root): the file read again with them, for this service only.
  const text = ctx.fs.readText(p.dockerfile);
  if (text === undefined) return undefined;
  const spec = parseDockerfile(text, ctx.fs.display(p.dockerfile), args).spec;
  return defaultsOf(spec, builtStage(spec, build));
}

/** A `build:`'s arguments for parseDockerfile (an Unknown value is given without a value); undefined when none. */
function buildArgsOf(build: BuildSpec): ReadonlyMap<string, string | undefined> | undefined {
  if (!build.args || build.args.size === 0) return undefined;
  return new Map([...build.args].map(([name, v]) => [name, isUnknown(v) ? undefined : v]));
}

/**
 * The stage a compose `build:` builds from a parsed Dockerfile: the `build.target` stage, else the final one.
 * Undefined when the target is unknown (a variable without a value) or names no stage (docker build would fail).
 */
function builtStage(spec: DockerfileSpec, build: BuildSpec): DockerfileStage | undefined {
  if (!build.target) return finalStage(spec);
  return isUnknown(build.target.value) ? undefined : targetStage(spec, build.target.value);
}

/** The user and health check the image config of `stage` decides (ContainerSpec.imageDefaults); undefined without a stage. */
function defaultsOf(spec: DockerfileSpec, stage: DockerfileStage | undefined): ImageDefaults | undefined {
  const img = stage ? imageSpecOfDockerfile(spec, stage) : undefined;
  if (!img) return undefined;
  const out: ImageDefaults = {};
  if (img.user) out.user = img.user;
  if (img.healthcheck) out.healthcheck = img.healthcheck;
  return out;
}

/** What checking a compose `build.dockerfile_inline` gives: a Dockerfile's check, and what its image decides. */
export interface InlineDockerfileCheck extends DockerfileCheck {
  /** User and health check of the stage the service builds (ContainerSpec.imageDefaults), located as findings are. */
  defaults?: ImageDefaults;
}

/**
 * Maps a Location in the text of a `build.dockerfile_inline` (line 1 is the text's first line) to the compose file
 * that writes it; see inlineLines in compose.ts. Undefined: the text's lines are not lines of the file.
 */
export type InlinePlacer = (at: Location) => Location;

/**
 * The name an inline Dockerfile is checked under, for the build context's `<name>.dockerignore` lookup. BuildKit
 * reads an inline Dockerfile from a folder of its own, so no ignore file beside a Dockerfile applies: only the
 * context's root `.dockerignore`. Compose never writes a file of this name.
 */
const INLINE_NAME = '.bulwark-dockerfile-inline';

/**
 * True when the build context folder `dir` (absolute) is there: the compose file's own folder always is; another
 * is when something that is not a readable file stands at its path (FileReader reads files only: a folder, or one
 * that cannot be read, which readBuildContext then reports).
 */
function contextThere(build: BuildSpec, dir: string, ctx: ScanContext): boolean {
  return dir === build.baseDir || ctx.fs.size(dir) !== undefined || whyUnreadable(ctx.fs, dir) !== undefined;
}

/** Per scan: inline Dockerfiles checked (by place, context and target), and what each check gave. */
const inlineChecked = new WeakMap<ScanContext, Map<string, InlineDockerfileCheck>>();

/**
 * Checks a compose `build.dockerfile_inline` as checkDockerfile checks a file with the same text: the Dockerfile
 * rules, with the build context compose gives (`build.context`: its root `.dockerignore` for BW2012, the `.pem`
 * files COPY takes from it; none for a remote context), and the image rules on the stage the service builds
 * (`build.target`'s, else the final one; none when the target is unknown or names no stage). That stage also gives
 * `defaults`. The text checked is the value after interpolation, or, when a variable without a value is part of it,
 * the text as written (Unknown.raw).
 *
 * Locations: with `place` (a literal block scalar whose lines are the file's), every finding and diagnostic is at
 * its own line and column of the compose file. Without it (a folded, quoted or plain scalar, or a text that
 * interpolation changed), each is at the inline value, and its message names the line of the text. `service`
 * names the subject (`dockerfile_inline of service "app"`). `interpolated`: the service's values that came from the
 * environment (ContainerSpec.interpolated): message data taken from the text's variables is quoted by variable. A text reached again (an anchor, `extends`) with the
 * same context and target gives its findings once, its defaults every time. A text that does not parse is a
 * located input error and is not judged. Never throws for bad input.
 */
export function checkInlineDockerfile(
  build: BuildSpec,
  service: string,
  ctx: ScanContext,
  place?: InlinePlacer,
  interpolated?: readonly InterpolatedValue[],
): InlineDockerfileCheck {
  const inline = build.inline;
  const text = inline === undefined ? undefined : isUnknown(inline.value) ? inline.value.raw : inline.value;
  if (inline === undefined || text === undefined) return { findings: [], diagnostics: [], subjects: 0 };
  const target = build.target ? (isUnknown(build.target.value) ? '\u0000unknown' : build.target.value) : '';
  // The service's build arguments replace the ARG defaults, for the file's own findings too: the text is built
  // for this service only. A text two services share (an anchor) with other arguments is judged for each.
  const args = buildArgsOf(build);
  const argsKey = args ? JSON.stringify([...args]) : '';
  const key = `${inline.at.source}\u0000${inline.at.offset}\u0000${build.baseDir}\u0000${build.context}\u0000${target}\u0000${argsKey}`;
  let cache = inlineChecked.get(ctx);
  if (!cache) inlineChecked.set(ctx, (cache = new Map()));
  const before = cache.get(key);
  if (before) {
    const again: InlineDockerfileCheck = { findings: [], diagnostics: [], subjects: 0 };
    if (before.defaults) again.defaults = before.defaults;
    return again;
  }

  const source = inline.at.source;
  // A location in the text goes to the compose file; one elsewhere (a .dockerignore) stays. Without `place`, the
  // line of the text a finding is on is said in its message, since its location is the whole value.
  const locate = (at: Location): Location => (at.source !== source ? at : place ? place(at) : { ...inline.at });
  const lineOf = (at: Location): number | undefined => (place || at.source !== source ? undefined : (at.line ?? 1));
  const parsed = parseDockerfile(text, source, args);
  const spec = parsed.spec;
  spec.name = `dockerfile_inline of service ${quoteName(service)}`;
  const diagnostics = parsed.diagnostics.map((d) => {
    const n = lineOf(d.at);
    return { ...d, message: `build.dockerfile_inline${n === undefined ? '' : `, line ${n}`}: ${d.message}`, at: locate(d.at) };
  });
  let out: InlineDockerfileCheck = { findings: [], diagnostics, subjects: 0 };
  // Not judged when it does not parse, as a file (DESIGN.md exit code 2).
  if (!parsed.diagnostics.some((d) => d.severity === 'error')) {
    const p = buildPaths(build);
    // A context folder that is not there (not part of this scan) says nothing about a .dockerignore or .pem files.
    if (p && !contextThere(build, p.context, ctx)) {
      const shown = build.pieces?.context ? quoteValue(build.context, build.pieces.context) : ctx.fs.display(p.context);
      diagnostics.push({
        code: 'unreadable',
        severity: 'warning',
        message: `service ${quoteName(service)} builds its build.dockerfile_inline with build context ${shown}, which is not there; the rules that read the context (BW2012 .dockerignore, BW2003 .pem contents) do not run`,
        at: build.at ?? inline.at,
      });
    } else if (p) {
      let ignores = ignoreFiles.get(ctx);
      if (!ignores) ignoreFiles.set(ctx, (ignores = new Map()));
      const context = readBuildContext(join(p.context, INLINE_NAME), p.context, ctx.fs, ignores, diagnostics);
      if (context) spec.context = context;
      const pem = readPemSources(spec, p.context, ctx.fs);
      if (pem) spec.pemSources = pem;
    }
    const stage = builtStage(spec, build);
    if (!stage && build.target && !isUnknown(build.target.value))
      diagnostics.push({
        code: 'unreadable',
        severity: 'warning',
        message: `build.target ${quoteValue(build.target.value)} names no stage of the build.dockerfile_inline of service ${quoteName(service)} (docker build would fail); the image's user and health check stay unknown`,
        at: build.target.at,
      });
    const findings = judge(spec, stage, ctx, interpolated).map((f) => {
      const n = lineOf(f.location);
      return { ...f, message: n === undefined ? f.message : `${f.message} (line ${n} of build.dockerfile_inline)`, location: locate(f.location) };
    });
    out = { findings, diagnostics, subjects: 1 };
    const found = defaultsOf(spec, stage);
    if (found) {
      const defaults: ImageDefaults = {};
      if (found.user) defaults.user = { value: found.user.value, at: locate(found.user.at) };
      if (found.healthcheck) defaults.healthcheck = { value: found.healthcheck.value, at: locate(found.healthcheck.at) };
      out.defaults = defaults;
    }
  }
  cache.set(key, out);
  return out;
}

/**
 * The problem with a compose `build.target` that names no stage of its (parsed) Dockerfile, as a sentence;
 * undefined when the target is fine, unknown, or the Dockerfile cannot be read (reported elsewhere).
 */
export function missingTarget(build: BuildSpec, ctx: ScanContext): string | undefined {
  const p = buildPaths(build);
  if (!p || !build.target || isUnknown(build.target.value)) return undefined;
  const r = load(p.dockerfile, p.context, ctx, true);
  if (!r.spec || unparsable(r, p.dockerfile, ctx) || targetStage(r.spec, build.target.value)) return undefined;
  return `build.target ${quoteValue(build.target.value)} names no stage of ${ctx.fs.display(p.dockerfile)} (docker build would fail); the image's user and health check stay unknown`;
}

/**
 * Dockerfiles found by name (Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile) or named on the command
 * line. Their build context is their folder; the Dockerfiles that a compose `build:` names are checked by
 * the compose handler with the context compose gives (it runs first), and skipped here.
 */
export const dockerfileHandler: SourceHandler = {
  name: 'dockerfile',
  kinds: ['dockerfile', 'image'],
  matches(abs, explicit) {
    const name = basename(abs);
    return explicit ? isExplicitDockerfileName(name) : isDockerfileName(name);
  },
  scan(files, explicit, ctx) {
    const findings: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    let subjects = 0;
    let read = 0;
    for (const f of files) {
      const r = checkDockerfile(f, dirname(f), ctx, explicit.has(f) ? true : undefined);
      for (const f of r.findings) findings.push(f);
      for (const d of r.diagnostics) diagnostics.push(d);
      subjects += r.subjects;
      if (r.subjects > 0 || r.diagnostics.length > 0) read++;
    }
    return { findings, diagnostics, files: read, subjects };
  },
  /** Each Dockerfile is checked on its own. */
  split: (files) => files.map((f) => [f]),
};
