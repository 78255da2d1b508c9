import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFs } from '../fs.js';
import { type DockerignoreCache, readBuildContext } from './dockerignore.js';

/** The name of the ignore file readBuildContext picks for `dockerfile` (under /mem) in a context of `files`. */
function picked(dockerfile: string, files: Record<string, string>, cache?: DockerignoreCache): string | undefined {
  return readBuildContext(`/mem/${dockerfile}`, '/mem', memoryFs(files), cache)?.dockerignore?.name;
}

describe('readBuildContext: which ignore file a build reads', () => {
  it('a Dockerfile as BuildKit: <name>.dockerignore beside it, else the root .dockerignore; never a .containerignore', () => {
    assert.equal(picked('Dockerfile', { 'Dockerfile.dockerignore': '*', '.dockerignore': '' }), 'Dockerfile.dockerignore');
    assert.equal(picked('api.Dockerfile', { '.dockerignore': '', '.containerignore': '' }), '.dockerignore');
    assert.equal(picked('Dockerfile', { '.containerignore': '.git' }), undefined);
  });

  it('a Containerfile as Buildah: <name>.dockerignore, <name>.containerignore, then .containerignore, then .dockerignore', () => {
    const all = {
      'Containerfile.dockerignore': '',
      'Containerfile.containerignore': '',
      '.containerignore': '',
      '.dockerignore': '',
    };
    assert.equal(picked('Containerfile', all), 'Containerfile.dockerignore');
    const { 'Containerfile.dockerignore': _a, ...noDocker } = all;
    assert.equal(picked('Containerfile', noDocker), 'Containerfile.containerignore');
    assert.equal(picked('Containerfile', { '.containerignore': '', '.dockerignore': '' }), '.containerignore');
    assert.equal(picked('api.containerfile', { '.dockerignore': '' }), '.dockerignore');
    assert.equal(picked('Containerfile.prod', { '.containerignore': '' }), '.containerignore');
    // One cache serves both kinds of build in one context: each reads the root file it looks for.
    const cache: DockerignoreCache = new Map();
    const files = { '.containerignore': '.git', '.dockerignore': '.env' };
    assert.equal(picked('Containerfile', files, cache), '.containerignore');
    assert.equal(picked('Dockerfile', files, cache), '.dockerignore');
  });

  it('an ignore file over 1 MiB is an error, not "no .dockerignore": BW2012 is then not judged', () => {
    const problems: import('../../model/index.js').Diagnostic[] = [];
    const big = `.git\n${'# pad\n'.repeat(200_000)}`;
    const r = readBuildContext('/mem/Dockerfile', '/mem', memoryFs({ '.dockerignore': big }), undefined, problems);
    assert.equal(r, undefined);
    assert.deepEqual(
      problems.map((d) => `${d.code} ${d.severity} ${d.at.source} ${d.message}`),
      [
        'too-large error .dockerignore this .dockerignore is 1200005 bytes, over the 1048576-byte limit, and was not read; whether the build context keeps secrets and VCS data out cannot be known',
      ],
    );
  });
});
