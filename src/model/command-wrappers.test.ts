import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandStart } from './command-wrappers.js';

/** The program word and the wrapper words of a command written with spaces between its words. */
function read(command: string, redirections = false): { program: string | undefined; wrappers: string[] } {
  const words = command.split(' ');
  const r = commandStart(words, { redirections });
  return { program: words[r.program], wrappers: r.wrappers.map((k) => words[k] as string) };
}

describe('commandStart: the program after assignments, keywords and wrappers', () => {
  // [command, program, wrappers]: each wrapper with the options that take a value, and the forms that are not wrappers.
  const table: [string, string | undefined, string[]][] = [
    ['docker run x', 'docker', []],
    ['A=1 B+=2 C[0]=3 docker run', 'docker', []],
    // sudo: -u/-g/-p/-C/-D/-h... take a value, glued or not; -E and -H do not; -- ends the options.
    ['sudo -u app docker run', 'docker', ['sudo']],
    ['sudo -uapp -E -H docker run', 'docker', ['sudo']],
    ['sudo -Eu app docker', 'docker', ['sudo']],
    ['sudo --user app --group=g -- docker', 'docker', ['sudo']],
    ['sudo HOME=/root docker', 'docker', ['sudo']],
    ['/usr/bin/sudo -n docker', 'docker', ['/usr/bin/sudo']],
    // sudo modes that run no command given after them: the sudo word is the program.
    ['sudo -l docker', 'sudo', []],
    ['sudo -v', 'sudo', []],
    ['sudo -e /etc/hosts', 'sudo', []],
    ['sudo -i', undefined, ['sudo']],
    // env: NAME=value words, -u NAME and -C DIR take a value, -i and a lone - do not; -S is not read.
    ['env -u HOME -i - A=1 docker', 'docker', ['env']],
    ['env --unset=HOME --chdir /srv docker', 'docker', ['env']],
    ['/usr/bin/env bash', 'bash', ['/usr/bin/env']],
    ['env -S docker_run', 'env', []],
    ['env', undefined, ['env']],
    // nice: -n N, -nN, --adjustment N and the old -N.
    ['nice -n 5 docker', 'docker', ['nice']],
    ['nice -n5 docker', 'docker', ['nice']],
    ['nice -n -5 docker', 'docker', ['nice']],
    ['nice --adjustment 5 docker', 'docker', ['nice']],
    ['nice -10 docker', 'docker', ['nice']],
    ['nice docker', 'docker', ['nice']],
    // timeout: options, then the DURATION, then the command.
    ['timeout 5 docker run', 'docker', ['timeout']],
    ['timeout -s KILL -k 10s --preserve-status 5m docker', 'docker', ['timeout']],
    ['timeout --signal=TERM 1h docker', 'docker', ['timeout']],
    ['timeout $T docker', 'docker', ['timeout']],
    // time: the keyword's -p, GNU time's -f FORMAT and -o FILE.
    ['time -p docker', 'docker', ['time']],
    ['time -f %e -o /tmp/t docker', 'docker', ['time']],
    ['/usr/bin/time --format=%e docker', 'docker', ['/usr/bin/time']],
    ['nohup docker run', 'docker', ['nohup']],
    ['exec -a name docker', 'docker', ['exec']],
    ['exec docker', 'docker', ['exec']],
    // command runs its argument, but -v and -V only print what it would run.
    ['command -p docker', 'docker', ['command']],
    ['command -v docker', 'command', []],
    ['command -pV docker', 'command', []],
    ['builtin cd /', 'cd', ['builtin']],
    // Keywords before a command, and wrappers in a row.
    ['then docker', 'docker', ['then']],
    ['! docker', 'docker', ['!']],
    ['if sudo -u app env A=1 nice -n 5 timeout 5 docker', 'docker', ['if', 'sudo', 'env', 'nice', 'timeout']],
    ['while until do else elif { docker', 'docker', ['while', 'until', 'do', 'else', 'elif', '{']],
    // Keywords and builtins are only read where the shell reads them: sudo runs a program named `exec`.
    ['sudo exec docker', 'exec', ['sudo']],
    ['sudo then docker', 'then', ['sudo']],
    // Only env, sudo and the shell read assignments: nohup would run a program named `A=1`.
    ['nohup A=1 docker', 'A=1', ['nohup']],
    // Not wrappers.
    ['sudoedit /etc/hosts', 'sudoedit', []],
    ['./env docker', './env', []],
  ];
  for (const [command, program, wrappers] of table) it(command, () => assert.deepEqual(read(command), { program, wrappers }));

  it('reads redirections and heredoc markers only when asked', () => {
    assert.deepEqual(read('<<EOF cat > /a', true), { program: 'cat', wrappers: [] });
    assert.deepEqual(read('> /dev/null 2>&1 sudo sh', true), { program: 'sh', wrappers: ['sudo'] });
    assert.deepEqual(read('<<-"EOF" sh', true), { program: 'sh', wrappers: [] });
    assert.deepEqual(read('<b> docker'), { program: '<b>', wrappers: [] });
  });
});
