import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { runRules } from '../../src/check/index.js';
import { describeImageSpec, type ImageSpec, imageSpecOfDockerfile } from '../../src/model/index.js';
import { scanPaths } from '../../src/pipeline/scan.js';
import { IMAGE_RULES } from '../../src/rules/index.js';
import { loadDockerfile } from '../../src/sources/dockerfile/index.js';
import { type ImageInspect, imageToSpec } from '../../src/sources/engine/index.js';
import { realFs } from '../../src/sources/fs.js';
import { docker, engineSuite, testName } from '../helpers/engine.js';

// Two images really built by the local engine from fixture Dockerfiles (FROM scratch + the host's static
// busybox; plain syntax, which the 20.10 builder understands). What `bulwark scan` says about each
// Dockerfile must match what `docker image inspect` says about the image it built: user and health check,
// and the image rules must give the same verdicts on both ImageSpecs (one rule set, two sources).

const FIXTURES = join(process.cwd(), 'test/fixtures/dockerfile/built');
const KINDS = ['good', 'bad'] as const;
const USER_AND_HEALTH = new Set(['BW3001', 'BW3002']);

await engineSuite('Dockerfile scan matches the image the engine builds from it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-dfbuild-'));
  const tags: Record<string, string> = {};

  before(() => {
    for (const kind of KINDS) {
      const ctx = join(dir, kind);
      mkdirSync(ctx);
      copyFileSync('/bin/busybox', join(ctx, 'busybox'));
      copyFileSync(join(FIXTURES, `${kind}.Dockerfile`), join(ctx, 'Dockerfile'));
      tags[kind] = `${testName(`df-${kind}`)}:1`;
      // No network: RUN needs none, and the test must not depend on the docker0 bridge.
      docker('build', '--quiet', '--force-rm', '--network', 'none', '--tag', tags[kind] as string, ctx);
    }
  });

  after(() => {
    for (const t of Object.values(tags)) {
      try {
        docker('image', 'rm', '--force', t);
      } catch {
        /* already gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Verdicts of the user and health check rules, with the subject's description taken out of the message. */
  const verdicts = (img: ImageSpec) => {
    const target = describeImageSpec(img);
    const subject = target.charAt(0).toUpperCase() + target.slice(1);
    return runRules(IMAGE_RULES, img, img.name, target)
      .filter((f) => USER_AND_HEALTH.has(f.ruleId))
      .map((f) => `${f.ruleId} ${f.status} ${f.message.replace(subject, '<image>')}`);
  };

  for (const kind of KINDS) {
    it(`${kind}: user and health check from the Dockerfile equal the built image's config`, () => {
      const inspect = (JSON.parse(docker('image', 'inspect', tags[kind] as string)) as ImageInspect[])[0] as ImageInspect;
      const built = imageToSpec(inspect);
      const loaded = loadDockerfile(join(dir, kind, 'Dockerfile'), realFs(dir));
      assert.deepEqual(loaded.diagnostics, []);
      const fromDockerfile = imageSpecOfDockerfile(loaded.spec as NonNullable<typeof loaded.spec>) as ImageSpec;

      assert.equal(fromDockerfile.user?.value, inspect.Config?.User, 'USER');
      assert.deepEqual(fromDockerfile.healthcheck?.value, built.healthcheck?.value, 'HEALTHCHECK');
      assert.deepEqual(
        fromDockerfile.exposedPorts.map((p) => p.value),
        Object.keys(inspect.Config?.ExposedPorts ?? {}),
        'EXPOSE',
      );
      // Same rules, same verdicts, whichever source the ImageSpec came from.
      assert.deepEqual(verdicts(fromDockerfile), verdicts(built));
    });
  }

  it('bulwark scan reports root and the disabled health check for the bad one only', () => {
    const r = scanPaths({ paths: [dir], cwd: dir, env: {} });
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(
      r.findings
        .filter((f) => USER_AND_HEALTH.has(f.ruleId))
        .map((f) => `${f.ruleId} ${f.location.source} ${f.location.line}:${f.location.column} ${f.message}`),
      [
        'BW3001 bad/Dockerfile 5:6 The final stage of Dockerfile runs as root (USER root).',
        'BW3002 bad/Dockerfile 7:13 The final stage of Dockerfile disables its health check (HEALTHCHECK NONE).',
      ],
    );
    const inspect = (JSON.parse(docker('image', 'inspect', tags.bad as string)) as ImageInspect[])[0] as ImageInspect;
    assert.equal(inspect.Config?.User, 'root');
    assert.deepEqual(inspect.Config?.Healthcheck?.Test, ['NONE']);
  });
});
