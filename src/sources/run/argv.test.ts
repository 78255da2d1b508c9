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

  it('finds docker behind every wrapper of the shared table, with the options that take a value', () => {
    const found: [string, string][] = [
      ['timeout 5 docker run --privileged alpine:3.20', 'alpine:3.20'],
      ['timeout -s KILL -k 10s --foreground 5m docker run a:1', 'a:1'],
      ['timeout "$T" docker run a:1', 'a:1'],
      ['nice -n 5 docker run --privileged a:1', 'a:1'],
      ['nice -n5 docker run a:1', 'a:1'],
      ['nice --adjustment=-5 docker run a:1', 'a:1'],
      ['nice -10 docker run a:1', 'a:1'],
      ['time -f %e -o /tmp/t docker run a:1', 'a:1'],
      ['time -p docker run a:1', 'a:1'],
      ['env -u HOME -C /srv A=1 docker run a:1', 'a:1'],
      ['sudo -u app -g docker docker run a:1', 'a:1'],
      ['/usr/bin/sudo -E /usr/bin/env A=1 docker run a:1', 'a:1'],
      ['doas -u root docker run a:1', 'a:1'],
      ['nohup docker run a:1', 'a:1'],
      ['exec -a name docker run a:1', 'a:1'],
      ['command -p docker run a:1', 'a:1'],
      ['! docker run a:1', 'a:1'],
      ['sudo timeout 5 nice -n 5 nohup docker run a:1', 'a:1'],
    ];
    for (const [line, image] of found) assert.equal(parse(line)?.image, image, line);
    // The word after a wrapper's value option, timeout's duration, command -v, and keywords after a wrapper.
    const notRuns = [
      'nice -n docker run a:1',
      'timeout docker run a:1',
      'sudo -u docker run a:1',
      'time -f docker run a:1',
      'env -u docker run a:1',
      'command -v docker run a:1',
      'command -V docker run a:1',
      'sudo -l docker run a:1',
      'sudo then docker run a:1',
      'nohup A=1 docker run a:1',
      '$RUNNER docker run a:1',
    ];
    for (const line of notRuns) assert.equal(parse(line), undefined, line);
  });

  it('reports unknown flags, and flags docker create does not have', () => {
    assert.deepEqual(parse('docker run --frobnicate -Z img')?.problems, ['error unknown flag: --frobnicate@11', "error unknown shorthand flag: 'Z' in -Z@24"]);
    assert.deepEqual(parse('docker create -d img')?.problems, ["error unknown shorthand flag: 'd' in -d@14"]);
    assert.deepEqual(parse('docker run --name')?.problems, ['error flag needs an argument: --name@11']);
    // A flag past 22 characters (a pasted blob, a token glued to letters) shows its first 16 and its length; a group
    // of short flags up to the unknown letter; a flag with a run-time part the same way.
    const long = `--${'x'.repeat(3000)}`;
    assert.deepEqual(parse(`docker run ${long} img`)?.problems, [`error unknown flag: --${'x'.repeat(14)}… (3002 characters)@11`]);
    assert.deepEqual(parse(`docker run --${'y'.repeat(20)} img`)?.problems, [`error unknown flag: --${'y'.repeat(20)}@11`]);
    assert.deepEqual(parse('docker run --abAKIAABCDEFGHIJKLMNOP img')?.problems, ['error unknown flag: --ab...(24 chars)@11']);
    assert.deepEqual(parse(`docker run -d -${'Q'.repeat(3000)} img`)?.problems, ["error unknown shorthand flag: 'Q' in -Q… (3001 characters)@14"]);
    assert.deepEqual(parse('docker run -itZAKIAABCDEFGHIJKLMNOP img')?.problems, ["error unknown shorthand flag: 'Z' in -itZ… (24 characters)@14"]);
    assert.deepEqual(parse('docker run -i\u{1F600}x img')?.problems, ["error unknown shorthand flag: '\u{1F600}' in -i\u{1F600}x@13"]);
    assert.deepEqual(
      parse(`docker run --${'z'.repeat(30)}ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789$X img`)?.problems.map((p) => p.replace(/@.*/, '')),
      ['warning --zz...(74 chars) is only known at run time; the line is checked without it'],
    );
  });

  it('reads a run-time word before the image as options only when it looks like options', () => {
    const opts = parse('docker run $DOCKER_OPTS img:1');
    assert.equal(opts?.image, 'img:1');
    assert.match(opts?.problems[0] ?? '', /^warning \$DOCKER_OPTS may hold options/);
    assert.equal(parse('docker run --rm "$IMAGE" sh')?.image, '');
    assert.equal(parse('docker run $X --rm img')?.image, 'img');
  });
});
