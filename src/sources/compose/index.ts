import { dirname, join } from 'node:path';
import type { ContainerSpec, Diagnostic } from '../../model/index.js';
import { type FileReader, readProblem } from '../fs.js';
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
 * (compose-spec "Interpolation": the shell environment wins over `.env`). A `.env` that is there but cannot be read
 * (no permission, a folder, a named pipe, a symbolic link loop) adds an `unreadable` error at its path to
 * `diagnostics`, and its variables are taken as unset.
 */
export function composeEnvironment(
  projectDir: string,
  fs: FileReader,
  processEnv: Readonly<Record<string, string | undefined>>,
  diagnostics: Diagnostic[] = [],
): Environment {
  const dotenv = dotEnvOf(projectDir, fs);
  if (dotenv.problem) diagnostics.push(dotenv.problem);
  return { get: (name) => (Object.hasOwn(processEnv, name) ? processEnv[name] : undefined) ?? dotenv.vars?.get(name) };
}

/** A folder's `.env`: its variables when it was read, the reason when it is there and could not be. */
interface DotEnv {
  vars?: Map<string, string>;
  problem?: Diagnostic;
}

/** `.env` files already read in this scan, per reader and folder (many projects share a folder). */
const dotEnvCache = new WeakMap<FileReader, Map<string, DotEnv>>();

function dotEnvOf(dir: string, fs: FileReader): DotEnv {
  let byDir = dotEnvCache.get(fs);
  if (!byDir) dotEnvCache.set(fs, (byDir = new Map()));
  let r = byDir.get(dir);
  if (r) return r;
  const file = join(dir, '.env');
  r = {};
  try {
    // readText gives undefined for no file (a dangling link too, as compose's os.Stat sees it) and refuses a
    // folder, FIFO or device without opening it.
    const text = fs.readText(file);
    if (text !== undefined) r.vars = parseDotEnv(text);
  } catch (e) {
    r.problem = {
      code: 'unreadable',
      severity: 'error',
      message: `cannot read the project's .env: ${readProblem(e)}; the project is not judged (the values it interpolates would be guesses)`,
      at: { source: fs.display(file) },
    };
  }
  byDir.set(dir, r);
  return r;
}

/**
 * Reads one compose project (files in merge order, absolute paths) into ContainerSpecs.
 * Never throws for bad input: problems are returned as diagnostics. A project whose `.env` cannot be read is not
 * judged (no specs): every value it interpolates would be a guess.
 */
export function scanComposeProject(files: readonly string[], fs: FileReader, processEnv: Readonly<Record<string, string | undefined>>): ComposeScan {
  const diagnostics: Diagnostic[] = [];
  const env = composeEnvironment(dirname(files[0] as string), fs, processEnv, diagnostics);
  if (diagnostics.length > 0) return { project: { files: [...files], read: [], services: [] }, specs: [], diagnostics };
  const project = loadComposeProject(files, fs, env, diagnostics);
  const specs = project.services.map((s) => serviceToSpec(s, diagnostics));
  return { project, specs, diagnostics };
}
