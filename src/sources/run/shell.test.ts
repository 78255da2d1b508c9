import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lexShell, type ShellDialect } from './shell.js';

/** The words of every command, unknown parts shown as `<?>`. */
function words(text: string, dialect: ShellDialect = 'sh'): string[][] {
  const r = lexShell(text, 0, dialect);
  assert.deepEqual(r.errors, []);
  return r.commands.map((c) => c.map((w) => (w.unknown ? `${w.text}<?>` : w.text)));
}

describe('lexShell', () => {
  it('removes quotes and backslashes the way the shell does', () => {
    assert.deepEqual(words(`docker run -e 'A=b c' -e "X=\\"y\\"" --name a\\ b img`), [['docker', 'run', '-e', 'A=b c', '-e', 'X="y"', '--name', 'a b', 'img']]);
    assert.deepEqual(words(`echo $'a\\tb'`), [['echo', 'a\tb']]);
    assert.deepEqual(words(`echo $'\\x1b[31m\\u00e9\\101\\U0001F600'`), [['echo', '\x1b[31m\u00e9A\u{1F600}']]);
  });

  it('joins line continuations and keeps the offsets of words on later lines', () => {
    const text = 'docker run \\\n  --privileged \\\r\n  nginx:1.27\n';
    const r = lexShell(text);
    assert.deepEqual(
      r.commands.map((c) => c.map((w) => w.text)),
      [['docker', 'run', '--privileged', 'nginx:1.27']],
    );
    const priv = r.commands[0]?.[2];
    assert.equal(text.slice(priv?.start, priv?.end), '--privileged');
  });

  it('splits commands at operators and newlines, skips comments and redirections', () => {
    assert.deepEqual(words('a && docker run x; b | c 2>&1 >/dev/null # docker run --privileged y\n(d) &'), [
      ['a'],
      ['docker', 'run', 'x'],
      ['b'],
      ['c'],
      ['d'],
    ]);
  });

  it('marks variables, command substitutions and arithmetic as unknown, and lexes commands inside $(...) and backquotes', () => {
    const r = lexShell('ID=$(docker run -d "$IMAGE") ; X=`docker create img` ; echo ${A:-b} $((1+2)) $1');
    const all = r.commands.map((c) => c.map((w) => (w.unknown ? `${w.text}<${w.unknown.reason}>` : w.text)));
    assert.deepEqual(all, [
      ['docker', 'run', '-d', '<shell variable IMAGE is set at run time>'],
      ['ID=<command substitution $(...) is expanded at run time>'],
      ['docker', 'create', 'img'],
      ['X=<command substitution `...` is expanded at run time>'],
      ['echo', '<shell variable A is set at run time>', '<arithmetic expansion $((...)) is computed at run time>', '<shell parameter $1 is set at run time>'],
    ]);
  });

  it('skips here-document bodies', () => {
    assert.deepEqual(words("cat <<EOF >x\ndocker run --privileged x\nEOF\ncat <<-'END'\n\tdocker run y\n\tEND\ndocker run z\n"), [
      ['cat'],
      ['cat'],
      ['docker', 'run', 'z'],
    ]);
  });

  it('reads make variables and $$ in Makefile recipes', () => {
    assert.deepEqual(words('docker run $(IMAGE) $$HOME ${TAG} $@', 'make'), [['docker', 'run', '<?>', '<?>', '<?>', '<?>']]);
  });

  it('reads GitHub expressions, systemd specifiers and documentation placeholders as unknown', () => {
    assert.deepEqual(words('docker run ${{ matrix.image }}', 'github'), [['docker', 'run', '<?>']]);
    assert.deepEqual(words('docker run --name %n img', 'systemd'), [['docker', 'run', '--name', '<?>', 'img']]);
    assert.deepEqual(words('docker run img@sha256:<digest>', 'doc'), [['docker', 'run', 'img@sha256:<?>']]);
  });

  it('reports an unterminated quote at the quote, without throwing', () => {
    const r = lexShell('docker run --name "api nginx', 100);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]?.offset, 118);
    assert.match(r.errors[0]?.message ?? '', /closing quote/);
  });

  it('reports an unclosed $( and here-document', () => {
    assert.match(lexShell('echo $(docker run x').errors[0]?.message ?? '', /\$\(/);
    assert.match(lexShell('cat <<EOF\nno end\n').errors[0]?.message ?? '', /here-document/);
  });
});
