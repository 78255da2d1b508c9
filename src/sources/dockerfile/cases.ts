import { type Diagnostic, type DockerfileSpec, imageSpecOfDockerfile } from '../../model/index.js';
import { memoryFs } from '../fs.js';
import { loadDockerfile } from './index.js';

/**
 * Loads a rule-test case: Dockerfile text (with extra context files such as `.dockerignore`) in an
 * in-memory build context at `/mem`. Image rules (`scope` 'image') get the final stage's ImageSpec,
 * Dockerfile rules the DockerfileSpec.
 */
export function dockerfileCase(input: { code: string; files?: Record<string, string> }, scope?: string): { subjects: unknown[]; diagnostics: Diagnostic[] } {
  const fs = memoryFs({ Dockerfile: input.code, ...input.files });
  const r = loadDockerfile('/mem/Dockerfile', fs, '/mem');
  const spec = r.spec as DockerfileSpec | undefined;
  if (!spec) return { subjects: [], diagnostics: r.diagnostics };
  if (scope === 'image') {
    const img = imageSpecOfDockerfile(spec);
    return { subjects: img ? [img] : [], diagnostics: r.diagnostics };
  }
  return { subjects: [spec], diagnostics: r.diagnostics };
}
