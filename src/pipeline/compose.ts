import { basename, dirname } from 'node:path';
import { checkContainer, type Finding } from '../check/index.js';
import { type ContainerSpec, type Diagnostic, quoteValue } from '../model/index.js';
import { RUNTIME_RULES } from '../rules/index.js';
import { groupProjects, isComposeFileName, scanComposeProject } from '../sources/compose/index.js';
import { whyUnreadable } from '../sources/fs.js';
import { buildPaths, checkDockerfile, imageDefaultsOf, inlineImageDefaults, missingTarget } from './dockerfile.js';
import type { SourceHandler } from './types.js';

/** Compose files: discovered by name, or any YAML file named on the command line. */
export const composeHandler: SourceHandler = {
  name: 'compose',
  kinds: ['compose'],
  matches(abs, explicit) {
    const name = basename(abs);
    return isComposeFileName(name) || (explicit && /\.ya?ml$/i.test(name) && !/^\.bulwark\.ya?ml$/.test(name));
  },
  scan(files, explicit, ctx) {
    const findings: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    const discovered = files.filter((f) => isComposeFileName(basename(f)));
    const projects = groupProjects(discovered, (abs) => ctx.fs.size(abs) !== undefined);
    for (const f of files) if (explicit.has(f) && !isComposeFileName(basename(f))) projects.push([f]);
    const read = new Set<string>();
    const claimed: { file: string; subjects: number }[] = [];
    let subjects = 0;
    for (const project of projects) {
      const r = scanComposeProject(project, ctx.fs, ctx.env);
      // The project's files and those its extends and include name: all count as files read.
      for (const f of project) read.add(f);
      for (const f of r.project.read) read.add(f);
      diagnostics.push(...r.diagnostics);
      for (const spec of r.specs) {
        subjects++;
        // A service that builds its image: its Dockerfile decides user and health check when compose does not,
        // and is checked here with the build context compose gives it.
        const paths = spec.build ? buildPaths(spec.build) : undefined;
        if (spec.build?.inline) {
          // `dockerfile_inline`: the Dockerfile is in the compose file. It decides user and health check as a file
          // would (located at the inline value); its own instructions are not checked by the Dockerfile rules.
          const d = inlineImageDefaults(spec.build, spec.build.inline);
          if (d.defaults) spec.imageDefaults = d.defaults;
          diagnostics.push(...d.diagnostics);
        } else if (spec.build && paths && ctx.fs.size(paths.dockerfile) === undefined) {
          // Not there: not an input error, the compose file is fine and its build context is just not part of this
          // scan. There and unreadable (a context folder without permission): an input error, as any unreadable input.
          const why = whyUnreadable(ctx.fs, paths.dockerfile);
          const shown = shownDockerfile(spec, ctx.fs.display(paths.dockerfile));
          diagnostics.push({
            code: 'unreadable',
            severity: why === undefined ? 'warning' : 'error',
            message: `service "${spec.name}" builds from ${shown}, which ${why === undefined ? 'is not there' : `cannot be read (${why})`}; the image's user and health check stay unknown`,
            at: spec.build.at ?? spec.at,
          });
        } else if (spec.build && paths) {
          const defaults = imageDefaultsOf(spec.build, ctx);
          if (defaults) spec.imageDefaults = defaults;
          const badTarget = missingTarget(spec.build, ctx);
          if (badTarget)
            diagnostics.push({ code: 'unreadable', severity: 'warning', message: badTarget, at: spec.build.target?.at ?? spec.build.at ?? spec.at });
          const d = checkDockerfile(paths.dockerfile, paths.context, ctx, true);
          claimed.push({ file: paths.dockerfile, subjects: d.subjects });
          findings.push(...d.findings);
          diagnostics.push(...d.diagnostics);
          subjects += d.subjects;
          if (d.subjects > 0) read.add(paths.dockerfile);
        }
        findings.push(...checkContainer(RUNTIME_RULES, spec, ctx.settings));
      }
    }
    return { findings, diagnostics, files: read.size, read: [...read], subjects, claimed };
  },
  /** A folder's compose files form its projects, so they stay together; a YAML file named alone is its own. */
  split(files, explicit) {
    const byDir = new Map<string, string[]>();
    const alone: string[][] = [];
    for (const f of files) {
      if (explicit.has(f) && !isComposeFileName(basename(f))) {
        alone.push([f]);
        continue;
      }
      const d = dirname(f);
      const list = byDir.get(d);
      if (list) list.push(f);
      else byDir.set(d, [f]);
    }
    return [...byDir.values(), ...alone];
  },
};

/**
 * The Dockerfile a service builds from, for a message: where it is (`display`), or, when a variable gave part of its
 * build context or dockerfile (`context: "${GH}"`: it may hold a secret), both as written, through quoteValue.
 */
function shownDockerfile(spec: ContainerSpec, display: string): string {
  const b = spec.build;
  if (!b?.pieces) return display;
  return `Dockerfile ${quoteValue(b.dockerfile, b.pieces.dockerfile)} of build context ${quoteValue(b.context, b.pieces.context)}`;
}
