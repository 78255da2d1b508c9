import { basename, dirname, resolve } from 'node:path';
import { type Finding, runRules } from '../check/index.js';
import {
  type BuildSpec,
  type Diagnostic,
  describeImageSpec,
  finalStage,
  type ImageDefaults,
  imageSpecOfDockerfile,
  isUnknown,
  type Sourced,
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
} from '../sources/dockerfile/index.js';
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
  const spec = r.spec;
  const findings = runRules(DOCKERFILE_RULES, spec, spec.name, spec.name, ctx.settings);
  const img = imageSpecOfDockerfile(spec);
  if (img) findings.push(...runRules(IMAGE_RULES, img, img.name, describeImageSpec(img), ctx.settings));
  return { findings, diagnostics: r.diagnostics, subjects: 1 };
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
  let stage = finalStage(r.spec);
  if (build.target) {
    if (isUnknown(build.target.value)) return undefined;
    stage = targetStage(r.spec, build.target.value);
    if (!stage) return undefined;
  }
  const img = imageSpecOfDockerfile(r.spec, stage);
  if (!img) return undefined;
  const out: ImageDefaults = {};
  if (img.user) out.user = img.user;
  if (img.healthcheck) out.healthcheck = img.healthcheck;
  return out;
}

/**
 * imageDefaultsOf for a compose `build.dockerfile_inline`: the Dockerfile text written in the compose file. What it
 * decides (user, health check) is located at the inline value, since its lines are not lines of a file; a text
 * that does not parse is an input error there, and decides nothing.
 */
export function inlineImageDefaults(build: BuildSpec, inline: Sourced<string>): { defaults?: ImageDefaults; diagnostics: Diagnostic[] } {
  if (typeof inline.value !== 'string') return { diagnostics: [] };
  const parsed = parseDockerfile(inline.value, inline.at.source);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    return {
      diagnostics: errors.map((d) => ({ ...d, message: `build.dockerfile_inline, line ${d.at.line ?? 1}: ${d.message}`, at: inline.at })),
    };
  }
  let stage = finalStage(parsed.spec);
  if (build.target) {
    if (isUnknown(build.target.value)) return { diagnostics: [] };
    stage = targetStage(parsed.spec, build.target.value);
    if (!stage) return { diagnostics: [] };
  }
  const img = imageSpecOfDockerfile(parsed.spec, stage);
  if (!img) return { diagnostics: [] };
  const defaults: ImageDefaults = {};
  if (img.user) defaults.user = { value: img.user.value, at: inline.at };
  if (img.healthcheck) defaults.healthcheck = { value: img.healthcheck.value, at: inline.at };
  return { defaults, diagnostics: [] };
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
  return `build.target "${build.target.value}" names no stage of ${ctx.fs.display(p.dockerfile)} (docker build would fail); the image's user and health check stay unknown`;
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
