import type { ContainerSpec, Diagnostic } from '../model/index.js';
import type { SourceKind } from '../rules/index.js';
import { groupProjects, scanComposeProject } from '../sources/compose/index.js';
import { dockerfileCase } from '../sources/dockerfile/cases.js';
import { type InspectFixtureExtras, loadInfoFixture, loadInspectFixture } from '../sources/engine/index.js';
import { memoryFs } from '../sources/fs.js';
import { daemonJsonCase, hostCase, systemdCase } from '../sources/host/cases.js';
import { scanRunCommand } from '../sources/run/index.js';

/** A test case's input: the source text under its kind's key, plus optional extra files and environment. */
export interface CaseInput {
  /** The text in the case's source format (compose YAML, a run line, a Dockerfile...). */
  code: string;
  /** Extra files beside the main one (paths relative to the fixture root), e.g. `compose.override.yaml`. */
  files?: Record<string, string>;
  /** Environment for interpolation. Defaults to empty: tests never read the real environment. */
  env?: Record<string, string>;
}

/**
 * Turns a case's text into subjects for rules of one scope. `scope` is the scope of the rule under test, for
 * sources that feed rules of several scopes (a Dockerfile: DockerfileSpec, or ImageSpec for image rules).
 */
export type CaseLoader = (input: CaseInput, scope?: string) => { subjects: unknown[]; diagnostics: Diagnostic[] };

/**
 * Source formats the rule tester can load, by kind. A rule whose `appliesTo` names a kind registered here
 * must have at least one valid and one invalid case in it. Sources add themselves here as they land.
 */
export const CASE_LOADERS: Partial<Record<SourceKind, CaseLoader>> = {
  compose: ({ code, files, env }) => {
    const fs = memoryFs({ 'compose.yaml': code, ...files });
    // Override files given in `files` (compose.override.yaml) are merged as compose would.
    const project = groupProjects(['/mem/compose.yaml'], (abs) => fs.size(abs) !== undefined)[0] ?? ['/mem/compose.yaml'];
    const r = scanComposeProject(project, fs, env ?? {});
    return { subjects: r.specs as ContainerSpec[], diagnostics: r.diagnostics };
  },
  // daemon and host audit: daemon.json text; docker.service text (files: drop-ins, env files); a host manifest (sources/host/cases.ts)
  'daemon-json': ({ code, files }) => daemonJsonCase(files ? { code, files } : { code }),
  systemd: ({ code, files }) => systemdCase(files ? { code, files } : { code }),
  host: ({ code, files }) => hostCase(files ? { code, files } : { code }),
  // Dockerfile text (files: .dockerignore and other context files): DockerfileSpec, or the final stage's ImageSpec for image rules
  dockerfile: ({ code, files }, scope) => dockerfileCase(files ? { code, files } : { code }, scope),
  // live engine: `docker inspect` JSON of containers (files: image.json, bridge.json); `docker info` JSON for daemon rules
  engine: ({ code, files }, scope?: string) => {
    if (scope === 'daemon') {
      const d = loadInfoFixture(code, 'info.json');
      return { subjects: d.specs, diagnostics: d.diagnostics };
    }
    const extras: InspectFixtureExtras = {};
    if (files?.['image.json']) extras.image = files['image.json'];
    if (files?.['bridge.json']) extras.bridge = files['bridge.json'];
    const r = loadInspectFixture(code, 'inspect.json', extras);
    return { subjects: r.specs, diagnostics: r.diagnostics };
  },
  // docker run / docker create lines as a shell command (`<digest>`-style placeholders are unknown values)
  run: ({ code }) => {
    const r = scanRunCommand(code, '<run>');
    return { subjects: r.specs, diagnostics: r.diagnostics };
  },
};
