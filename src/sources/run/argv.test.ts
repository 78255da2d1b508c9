import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerRun } from './argv.js';
import { lexShell } from './shell.js';

function parse(text: string) {
  const words = lexShell(text, 0, 'doc').commands[0] ?? [];
  const r = parseDockerRun(words);
  if (!r) return undefined;
  return {
    verb: r.verb,
    options: r.options.map((o) => `${o.flag.name}=${o.unknown ? '<?>' : o.value}@${o.start}`),
    image: r.image?.text,
    command: r.command.map((w) => w.text),
    problems: r.problems.map((p) => `${p.severity} ${p.message}@${p.start}`),
  };
}

describe('parseDockerRun (pflag rules as the Docker CLI sets them)', () => {
  it('reads --flag value, --flag=value, booleans and repeats', () => {
    assert.deepEqual(parse('docker run --name api --cap-add=NET_ADMIN --cap-add SYS_TIME --rm --read-only=false img:1'), {
      verb: 'run',
      options: ['name=api@11', 'cap-add=NET_ADMIN@22', 'cap-add=SYS_TIME@42', 'rm=true@61', 'read-only=false@66'],
      image: 'img:1',
      command: [],
      problems: [],
    });
  });

  it('reads combined shorthands, attached values and -x=value', () => {
    assert.deepEqual(parse('docker run -itd -dp 8080:80 -p8443:443 -e=A=1 -uroot img')?.options, [
      'interactive=true@11',
      'tty=true@13',
      'detach=true@14',
      'detach=true@16',
      'publish=8080:80@18',
      'publish=8443:443@28',
      'env=A=1@39',
      'user=root@46',
    ]);
  });

  it('takes the next word as a value even when it starts with a dash', () => {
    assert.deepEqual(parse('docker run --pids-limit -1 img')?.options, ['pids-limit=-1@11']);
  });

  it('stops at the first positional: the image; the command after it is left alone', () => {
    const r = parse('docker run --rm img:1 --privileged -v /:/host');
    assert.equal(r?.image, 'img:1');
    assert.deepEqual(r?.command, ['--privileged', '-v', '/:/host']);
    assert.deepEqual(r?.options, ['rm=true@11']);
  });

  it('ends options at --', () => {
    const r = parse('docker run --rm -- -weird-image');
    assert.equal(r?.image, '-weird-image');
  });

  it('a boolean does not take the next word: `--privileged false` makes false the image', () => {
    const r = parse('docker run --privileged false');
    assert.deepEqual(r?.options, ['privileged=true@11']);
    assert.equal(r?.image, 'false');
  });

  it('finds docker container run|create, global options, sudo, env and assignments', () => {
    assert.equal(parse('sudo -E -u root env A=1 /usr/bin/docker -H unix:///x.sock --context=ci container create img')?.verb, 'create');
    assert.equal(parse('FOO=1 exec docker --debug run img')?.image, 'img');
    assert.equal(parse('docker ps'), undefined);
    assert.equal(parse('docker --version run'), undefined);
    assert.equal(parse('echo docker run img'), undefined);
  });

  it('reports unknown flags, and flags docker create does not have', () => {
    assert.deepEqual(parse('docker run --frobnicate -Z img')?.problems, ['error unknown flag: --frobnicate@11', "error unknown shorthand flag: 'Z' in -Z@24"]);
    assert.deepEqual(parse('docker create -d img')?.problems, ["error unknown shorthand flag: 'd' in -d@14"]);
    assert.deepEqual(parse('docker run --name')?.problems, ['error flag needs an argument: --name@11']);
  });

  it('reads a run-time word before the image as options only when it looks like options', () => {
    const opts = parse('docker run $DOCKER_OPTS img:1');
    assert.equal(opts?.image, 'img:1');
    assert.match(opts?.problems[0] ?? '', /^warning \$DOCKER_OPTS may hold options/);
    assert.equal(parse('docker run --rm "$IMAGE" sh')?.image, '');
    assert.equal(parse('docker run $X --rm img')?.image, 'img');
  });
});
