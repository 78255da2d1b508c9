import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FLAGS_BY_NAME, RUN_FLAGS } from './flags.js';

/** The Docker 28 client these machines carry (DESIGN.md "Choices": the 28.x client is the flag reference). */
const CLIENT = '/usr/local/bin/docker';

interface HelpFlag {
  name: string;
  short?: string;
  /** The value type pflag prints (`string`, `list`, `bytes`...); undefined for booleans. */
  type?: string;
}

/** Parses the Options section of `docker <verb> --help`. */
function helpFlags(verb: 'run' | 'create'): HelpFlag[] {
  const r = spawnSync(CLIENT, [verb, '--help'], { encoding: 'utf8', env: CLIENT_ENV });
  assert.equal(r.status, 0, r.stderr);
  const out: HelpFlag[] = [];
  for (const line of r.stdout.split('\n')) {
    const m =
      /^\s{2,}(?:-([A-Za-z]), )?--([a-z0-9-]+)(?: ([a-z0-9-]+))?\s{2,}/.exec(line) ?? /^\s{2,}(?:-([A-Za-z]), )?--([a-z0-9-]+)(?: ([a-z0-9-]+))?$/.exec(line);
    if (!m) continue;
    const f: HelpFlag = { name: m[2] as string };
    if (m[1]) f.short = m[1];
    if (m[3]) f.type = m[3];
    out.push(f);
  }
  return out;
}

/**
 * The client shows or hides flags by what the engine it talks to supports: its OS (--cpu-count is Windows only)
 * and its API version (--annotation needs API 1.43). The table describes the help as printed next to the Linux
 * 20.10 engine of these machines (ENGINE.md), so the check needs that engine up.
 */
const CLIENT_ENV = {
  PATH: process.env.PATH ?? '',
  DOCKER_CONFIG: '/nonexistent',
  ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
};
const engineUp =
  existsSync(CLIENT) && spawnSync(CLIENT, ['version', '--format', '{{.Server.Os}}'], { encoding: 'utf8', env: CLIENT_ENV }).stdout.trim() === 'linux';

const version = existsSync(CLIENT) ? spawnSync(CLIENT, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
const skip = !existsSync(CLIENT)
  ? `SKIPPED: no Docker client at ${CLIENT}; the flag table is not checked against a real client`
  : !/version 28\./.test(version)
    ? `SKIPPED: ${CLIENT} is "${version}", not a 28.x client`
    : !engineUp && process.env.BULWARK_REQUIRE_ENGINE !== '1'
      ? 'SKIPPED: no Docker Engine answers; the client hides flags by the engine it talks to (run scripts/setup-engine.sh)'
      : false;

describe(`docker run/create flag table against ${CLIENT} --help`, () => {
  for (const verb of ['run', 'create'] as const) {
    it(`knows every flag of docker ${verb} --help, with its shorthand and whether it takes a value`, { skip }, () => {
      assert.ok(engineUp, 'BULWARK_REQUIRE_ENGINE=1 but no Linux Docker Engine answers the client');
      const help = helpFlags(verb);
      assert.ok(help.length > 90, `parsed only ${help.length} flags from --help`);
      for (const h of help) {
        const f = FLAGS_BY_NAME.get(h.name);
        assert.ok(f, `docker ${verb} --${h.name} is missing from RUN_FLAGS`);
        assert.equal(f.short, h.short, `--${h.name} shorthand`);
        assert.equal(f.kind === 'bool', h.type === undefined, `--${h.name}: boolean in the table iff --help shows no value type (${h.type})`);
        if (h.type === 'list' || h.type === 'map') assert.equal(f.kind, 'list', `--${h.name} repeats`);
        assert.ok(!f.hidden, `--${h.name} is shown by --help but marked hidden`);
        if (verb === 'create') assert.ok(!f.runOnly, `--${h.name} exists for docker create too`);
      }
      const shown = new Set(help.map((h) => h.name));
      for (const f of RUN_FLAGS) {
        if (f.hidden || (verb === 'create' && f.runOnly)) continue;
        assert.ok(shown.has(f.name), `RUN_FLAGS has --${f.name}, which docker ${verb} --help no longer shows`);
      }
      if (verb === 'create') for (const f of RUN_FLAGS.filter((x) => x.runOnly)) assert.ok(!shown.has(f.name), `--${f.name} is run-only`);
    });
  }
});
