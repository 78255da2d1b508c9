import { dirname, join } from 'node:path';
import type { ContainerSpec, Diagnostic } from '../../model/index.js';
import type { FileReader } from '../fs.js';
import { type Environment, parseDotEnv } from './interpolate.js';
import { type ComposeProject, loadComposeProject } from './project.js';
import { serviceToSpec } from './to-model.js';

export { groupProjects, isComposeFileName, MAIN_NAMES, OVERRIDE_NAMES } from './discover.js';

/** The containers a compose project declares, and the problems met reading it. */
export interface ComposeScan {
  project: ComposeProject;
  specs: ContainerSpec[];
  diagnostics: Diagnostic[];
}

/**
 * The variables compose would interpolate with: the project folder's `.env`, overridden by `processEnv`
 * (compose-spec "Interpolation": the shell environment wins over `.env`).
 */
export function composeEnvironment(projectDir: string, fs: FileReader, processEnv: Readonly<Record<string, string | undefined>>): Environment {
  const dotenv = dotEnvOf(projectDir, fs);
  return { get: (name) => (Object.hasOwn(processEnv, name) ? processEnv[name] : undefined) ?? dotenv?.get(name) };
}

/** `.env` files already read in this scan, per reader and folder (many projects share a folder). */
const dotEnvCache = new WeakMap<FileReader, Map<string, Map<string, string> | undefined>>();

function dotEnvOf(dir: string, fs: FileReader): Map<string, string> | undefined {
  let byDir = dotEnvCache.get(fs);
  if (!byDir) dotEnvCache.set(fs, (byDir = new Map()));
  if (byDir.has(dir)) return byDir.get(dir);
  const file = join(dir, '.env');
  const text = fs.size(file) === undefined ? undefined : fs.readText(file);
  const parsed = text === undefined ? undefined : parseDotEnv(text);
  byDir.set(dir, parsed);
  return parsed;
}

/**
 * Reads one compose project (files in merge order, absolute paths) into ContainerSpecs.
 * Never throws for bad input: problems are returned as diagnostics.
 */
export function scanComposeProject(files: readonly string[], fs: FileReader, processEnv: Readonly<Record<string, string | undefined>>): ComposeScan {
  const diagnostics: Diagnostic[] = [];
  const env = composeEnvironment(dirname(files[0] as string), fs, processEnv);
  const project = loadComposeProject(files, fs, env, diagnostics);
  const specs = project.services.map((s) => serviceToSpec(s, diagnostics));
  return { project, specs, diagnostics };
}
