import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../check/index.js';
import { type MemoryProblem, memoryFs } from '../sources/fs.js';
import { composeHandler } from './compose.js';

describe('the Dockerfile path of a compose build in its "cannot be read" error', () => {
  const scan = (compose: string, files: Record<string, string | MemoryProblem>) =>
    composeHandler.scan(['/mem/compose.yaml'], new Set(), { fs: memoryFs({ 'compose.yaml': compose, ...files }), env: {}, settings: defaultSettings });
  const shown = (r: { diagnostics: { severity: string; message: string }[] }) => r.diagnostics.map((d) => `${d.severity} ${d.message}`);

  it('a path past 120 characters is quoted and cut (quoteValue), as the include, extends and env_file errors show theirs', () => {
    const name = 'D'.repeat(300);
    const r = scan(`services:\n  app:\n    build: {context: ./ctx, dockerfile: ${name}}\n`, { [`ctx/${name}`]: { error: 'EACCES' } });
    assert.deepEqual(shown(r), [
      `error service "app" builds from "ctx/${'D'.repeat(96)}..." (304 characters), which cannot be read (permission denied); the image's user and health check stay unknown`,
    ]);
  });
});
