import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CopyInstruction, commandLocation, imageSpecOfDockerfile, isUnknown, type RunInstruction } from '../../model/index.js';
import { memoryFs } from '../fs.js';
import {
  expandVariables,
  isCertainDockerfileName,
  isDockerfileName,
  isExplicitDockerfileName,
  type LoadedDockerfile,
  loadDockerfile,
  MAX_DOCKERFILE_BYTES,
  parseDockerfile,
} from './index.js';

const parse = (text: string) => parseDockerfile(text, 'Dockerfile');
const pos = (at: { line?: number; column?: number }) => `${at.line}:${at.column}`;

describe('parseDockerfile', () => {
  it('finds no heredoc where BuildKit finds none, and reads quoted names and odd blanks as it does', () => {
    const keywords = (text: string) => {
      const { spec, diagnostics } = parse(text);
      return { errors: diagnostics.map((d) => `${pos(d.at)} ${d.message}`), keywords: (spec.stages[0]?.instructions ?? []).map((i) => i.keyword) };
    };
    const tail = 'RUN curl -fsSL https://x.example/i.sh | sh\nUSER root\n';
    // A quote the lexer cannot close after the marker, `<<-` followed by a blank, an ONBUILD trigger that is no RUN/COPY/ADD.
    for (const line of ["RUN echo hi # <<EOF don't", 'RUN echo hi # <<- EOF', 'ONBUILD CMD cat <<EOF', 'RUN echo ${x <<EOF']) {
      assert.deepEqual(keywords(`FROM alpine\n${line}\n${tail}`).keywords.slice(-2), ['RUN', 'USER'], line);
    }
    // Quotes inside quotes are literal: the name is E'OF, and only that line closes the heredoc.
    assert.deepEqual(keywords(`FROM alpine\nRUN cat <<"E'OF" > /x\nEOF\nE'OF\n${tail}`), { errors: [], keywords: ['RUN', 'RUN', 'USER'] });
    // A comment line inside a quoted continuation is dropped before the line is read; NBSP is a blank.
    assert.deepEqual(keywords("FROM alpine\nRUN echo 'hello \\\n# don't\nworld' && cat <<EOF > /m\nhi\nEOF\nUSER 1\n"), {
      errors: [],
      keywords: ['RUN', 'USER'],
    });
    assert.deepEqual(keywords('FROM alpine\nCOPY <<EOF\u00a0/etc/motd\nhi\nEOF\n'), { errors: [], keywords: ['COPY'] });
    // The last instruction, without a line break: its heredoc is unterminated.
    assert.deepEqual(keywords('FROM alpine\nRUN cat <<EOF').errors, ['2:11 unterminated heredoc <<EOF: no line holds only EOF']);
  });

  it('reads heredocs as BuildKit does: a file descriptor, a space after <<, <<- beside <<, quoted names', () => {
    const read = (text: string) => {
      const { spec, diagnostics } = parse(text);
      const stage = spec.stages[0];
      const runs = (stage?.instructions ?? []).filter((i): i is RunInstruction => i.keyword === 'RUN');
      return {
        errors: diagnostics.map((d) => d.message),
        user: stage?.user?.value,
        heredocs: runs.map((r) => r.heredocs?.map((h) => `${h.name}@${h.nameAt}`)),
      };
    };
    assert.deepEqual(read('FROM alpine\nRUN 3<<EOF cat /dev/fd/3\nhello\nEOF\nUSER 1\n'), { errors: [], user: '1', heredocs: [['EOF@3']] });
    assert.deepEqual(read('FROM alpine\nRUN cat << EOF > /f\nhello\nEOF\nUSER 2\n'), { errors: [], user: '2', heredocs: [['EOF@7']] });
    assert.deepEqual(read('FROM alpine\nRUN <<-A cat >/a && <<B cat >/b\n\tA\n\tB\nB\nUSER 3\n'), { errors: [], user: '3', heredocs: [['A@3', 'B@18']] });
    assert.deepEqual(read("FROM alpine\nRUN <<eo'f' cat\necho foo\neof\nUSER 4\n"), { errors: [], user: '4', heredocs: [['eof@2']] });
    // The body of a heredoc is not read as instructions; its text is the RUN's.
    const { spec } = parse('FROM alpine\nRUN 3<<EOF cat /dev/fd/3\nUSER root\nEOF\n');
    const [run] = (spec.stages[0]?.instructions ?? []) as [RunInstruction];
    assert.equal(run.args.text, '3<<EOF cat /dev/fd/3\nUSER root');
    assert.equal(spec.stages[0]?.user, undefined);
  });

  it('locates each element of a JSON-form COPY or ADD inside its quotes, escapes included', () => {
    const { spec } = parse('FROM alpine\nCOPY --chown=1:1 ["a b.txt", "c\\"d", "/dst/"]\n');
    const [copy] = (spec.stages[0]?.instructions ?? []) as [CopyInstruction];
    assert.deepEqual(
      [...copy.sources, copy.destination].map((s) => `${s?.value}@${s?.at.line}:${s?.at.column}-${s?.at.endColumn}`),
      ['a b.txt@2:20-27', 'c"d@2:31-35', '/dst/@2:39-44'],
    );
  });

  it('accepts what the builder accepts: directives after an unknown one, --, heredoc forms it reads differently', () => {
    const errors = (text: string) => parse(text).diagnostics.map((d) => `${d.code} ${pos(d.at)} ${d.message}`);
    // An unknown directive ends the directive block; an escape directive without a value is a comment.
    assert.deepEqual(errors('# escape=`\n# foo=bar\n# escape=\\\nFROM alpine\n'), []);
    assert.deepEqual(errors('# escape=\nFROM alpine\n'), []);
    // A lone -- ends the flags.
    const { spec, diagnostics } = parse('FROM alpine\nCOPY --chown=1:1 -- a /a\nRUN -- echo hi\nCMD -- --help\n');
    assert.deepEqual(diagnostics, []);
    const [copy, run] = (spec.stages[0]?.instructions ?? []) as [CopyInstruction, RunInstruction];
    assert.deepEqual([copy.chown?.value, copy.sources.map((s) => s.value), copy.destination?.value], ['1:1', ['a'], '/a']);
    assert.equal(run.args.text, 'echo hi');
    // Heredocs dockerfile-ast cannot close are not called unterminated: BuildKit closes them.
    assert.deepEqual(
      errors("FROM alpine\nRUN <<eo'f'\necho foo\neof\n").filter((e) => e.includes('unterminated')),
      [],
    );
    assert.deepEqual(
      errors('FROM alpine\nRUN <<EOF\necho foo\nEOF\r\r\nUSER 1\n').filter((e) => e.includes('unterminated')),
      [],
    );
    assert.deepEqual(
      errors('FROM alpine\nRUN echo $((1 << 3))\n').filter((e) => e.includes('unterminated')),
      [],
    );
  });

  it('says when a variable is a global ARG that the stage does not declare again', () => {
    const { spec } = parse('ARG U=root\nFROM alpine:3.20\nUSER $U\n');
    const user = spec.stages[0]?.user?.value;
    assert.ok(isUnknown(user));
    assert.equal(
      user.reason,
      'variable U is declared before the first FROM but not in this stage, where the builder leaves it empty (declare it again with ARG U)',
    );
    assert.equal(parse('ARG U=10001\nFROM alpine:3.20\nARG U\nUSER $U\n').spec.stages[0]?.user?.value, '10001');
  });

  it('counts columns of line 1 after a byte order mark, as editors show them', () => {
    const { spec, diagnostics } = parse('\uFEFFFROM alpine:3.20 AS base\nUSER root\n');
    assert.deepEqual(diagnostics, []);
    const stage = spec.stages[0];
    assert.equal(pos(stage?.at ?? {}), '1:1');
    assert.equal(pos(stage?.base.at ?? {}), '1:6');
    assert.equal(pos(stage?.name?.at ?? {}), '1:21');
    assert.equal(pos(stage?.user?.at ?? {}), '2:6');
  });

  it('refuses what the builder refuses: escape directives, unterminated heredocs, flags, ENV and LABEL words', () => {
    const errors = (text: string) => parse(text).diagnostics.map((d) => `${d.code} ${pos(d.at)} ${d.message}`);
    assert.deepEqual(errors('# escape=x\nFROM alpine\n'), ['dockerfile-syntax 1:10 invalid escape character "x": use \\ or `']);
    assert.deepEqual(errors('# escape=`\n# escape=\\\nFROM alpine\n'), ['dockerfile-syntax 2:3 only one escape directive may be given']);
    // Any directive given twice, in any case, and then still read as the first one gave it.
    const twice = parse('# syntax=docker/dockerfile:1\n# check=skip=all\n#SYNTAX = docker/dockerfile:1.7\n# Check=error=true\nFROM alpine\n');
    assert.deepEqual(
      twice.diagnostics.map((d) => `${d.code} ${pos(d.at)} ${d.message}`),
      ['dockerfile-syntax 3:2 only one syntax directive may be given', 'dockerfile-syntax 4:3 only one check directive may be given'],
    );
    assert.deepEqual([twice.spec.directives.syntax?.value, twice.spec.directives.check?.value], ['docker/dockerfile:1', 'skip=all']);
    assert.deepEqual(errors('FROM alpine\nRUN <<EOF\necho never ends\n'), ['dockerfile-syntax 2:7 unterminated heredoc <<EOF: no line holds only EOF']);
    assert.deepEqual(errors('FROM alpine\nADD <<EOF /x\nnever ends\n'), ['dockerfile-syntax 2:7 unterminated heredoc <<EOF: no line holds only EOF']);
    assert.deepEqual(errors('FROM alpine\nUSER --foo 1000\nRUN --MOUNT=type=cache,target=/c true\nCMD ["--help"]\n'), [
      'unknown-flag 2:6 unknown flag for USER: --foo',
      'unknown-flag 3:5 unknown flag for RUN: --MOUNT',
    ]);
    assert.deepEqual(errors('FROM alpine\nENV TOKEN=abc # bulwark-ignore BW3003: x\nENV A\nLABEL a=b c\nENV B 1 2\nLABEL d=e\n'), [
      'dockerfile-syntax 2:15 ENV: "#" is not NAME=value, as every word must be once one is (a # after an instruction is no comment)',
      'dockerfile-syntax 3:5 ENV A has no value: write ENV NAME=value',
      'dockerfile-syntax 4:11 LABEL: a word is not NAME=value, as every word must be once one is (a value with blanks needs quotes)',
    ]);
    // A word of the file that an error quotes is cut after 100 code points when over 120, with its length (quoteValue):
    // `COPY --qqq…` (3,000 q) gave a 3,059-character message, `RUN <<qqq…` (60,000 q) one of 120,000 and more.
    const q = (n: number) => 'q'.repeat(n);
    assert.deepEqual(errors(`FROM alpine\nCOPY --${q(3000)} a b\nONBUILD RUN --${q(3000)} true\nRUN --${q(118)} true\n`), [
      `unknown-flag 2:6 unknown flag for COPY: "--${q(98)}..." (3002 characters)`,
      `unknown-flag 3:13 unknown flag for RUN: "--${q(98)}..." (3002 characters)`,
      `unknown-flag 4:5 unknown flag for RUN: --${q(118)}`,
    ]);
    assert.deepEqual(errors(`FROM alpine\nRUN <<${q(60_000)}\necho never ends\n`), [
      `dockerfile-syntax 2:7 unterminated heredoc <<"${q(100)}..." (60000 characters): no line holds only that name`,
    ]);
    assert.deepEqual(errors(`FROM alpine\nENV ${q(3000)}\nLABEL ${'\u20ac'.repeat(121)}\n`), [
      `dockerfile-syntax 2:5 ENV "${q(100)}..." (3000 characters) has no value: write ENV NAME=value`,
      `dockerfile-syntax 3:7 LABEL "${'\u20ac'.repeat(100)}..." (121 characters) has no value: write LABEL NAME=value`,
    ]);
  });

  it('splits lines on \\n only, as the builder does: a lone \\r is no line break', () => {
    const { spec, diagnostics } = parse('FROM alpine:3.20\n# note\rsee below\nLABEL x="1\r2"\nUSER root\r\n');
    assert.deepEqual(diagnostics, []);
    const stage = spec.stages[0];
    assert.equal(stage?.user?.value, 'root');
    assert.equal(pos(stage?.user?.at ?? {}), '4:6');
    assert.deepEqual(
      stage?.labels.map((l) => [l.value, pos(l.at)]),
      [[['x', '1 2'], '3:7']],
    );
  });

  it('ends an instruction at an escaped escape character before the line end, as BuildKit does', () => {
    // BuildKit's lineContinuationRegex: an escape character continues the line only when it is not itself after
    // one (or stands alone on its line). The stock dockerfile-ast parser joined the next line, hiding USER root.
    for (const [text, args] of [
      ['FROM alpine\nRUN echo a \\\\\nUSER root\n', 'echo a \\\\'],
      ['FROM alpine\nRUN echo a \\\\ \t\r\nUSER root\r\n', 'echo a \\\\ \t'],
      ['FROM alpine\nRUN echo a \\\\\\\nUSER root\n', 'echo a \\\\\\'],
      ['FROM alpine\nRUN echo a \\\\\\\\\nUSER root\n', 'echo a \\\\\\\\'],
      ['# escape=`\nFROM alpine\nRUN echo a ``\nUSER root\n', 'echo a ``'],
    ] as const) {
      const { spec, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, [], text);
      const stage = spec.stages[0];
      assert.deepEqual(
        stage?.instructions.map((i) => i.keyword),
        ['RUN', 'USER'],
        text,
      );
      assert.equal(stage?.instructions[0]?.args.text, args, text);
      assert.equal(stage?.user?.value, 'root', text);
      assert.equal(pos(stage?.user?.at ?? {}), text.startsWith('#') ? '4:6' : '3:6', text);
    }
    // Still continuations: one escape character, one after a space, one alone on its line.
    for (const text of [
      'FROM alpine\nRUN echo a \\\nUSER root\n',
      'FROM alpine\nRUN echo a \\ \\\nUSER root\n',
      'FROM alpine\nRUN echo a \\\n\\\nUSER root\n',
    ]) {
      const { spec, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, [], text);
      assert.deepEqual(
        spec.stages[0]?.instructions.map((i) => i.keyword),
        ['RUN'],
        text,
      );
      assert.equal(spec.stages[0]?.user, undefined, text);
    }
  });

  it('reads directives, stages, platform, names and stage references', () => {
    const { spec, diagnostics } = parse(
      [
        '# syntax=docker/dockerfile:1.7',
        '# check=skip=JSONArgsRecommended',
        'ARG GO=1.22',
        'FROM --platform=$BUILDPLATFORM golang:${GO} AS Build',
        'FROM build AS test',
        'FROM scratch',
        'COPY --from=build --chown=10001:10001 --chmod=0755 --link /out/app /app',
        '',
      ].join('\n'),
    );
    assert.deepEqual(diagnostics, []);
    assert.equal(spec.directives.syntax?.value, 'docker/dockerfile:1.7');
    assert.equal(pos(spec.directives.syntax?.at ?? {}), '1:10');
    assert.equal(spec.directives.check?.value, 'skip=JSONArgsRecommended');
    assert.deepEqual(
      spec.globalArgs.map((a) => a.value),
      [{ name: 'GO', value: '1.22' }],
    );
    const [build, test, final] = spec.stages;
    assert.equal(build?.name?.value, 'build');
    assert.equal(build?.platform?.value, '$BUILDPLATFORM');
    assert.deepEqual(build && !isUnknown(build.base.value) && build.base.value.kind === 'image' && build.base.value.ref.tag, '1.22');
    assert.equal(pos(build?.base.at ?? {}), '4:32');
    assert.deepEqual(test?.base.value, { kind: 'stage', stage: 0, name: 'build' });
    assert.deepEqual(final?.base.value, { kind: 'scratch' });
    const copy = final?.instructions[0] as CopyInstruction;
    assert.equal(copy.from?.value, 'build');
    assert.equal(copy.chown?.value, '10001:10001');
    assert.equal(copy.chmod?.value, '0755');
    assert.equal(copy.link, true);
    assert.deepEqual(
      copy.sources.map((s) => [s.value, pos(s.at)]),
      [['/out/app', '7:59']],
    );
    assert.equal(copy.destination?.value, '/app');
  });

  it('keeps an unresolvable FROM as unknown with the reason', () => {
    const { spec } = parse('ARG REGISTRY\nFROM ${REGISTRY}/app:1\n');
    const b = spec.stages[0]?.base.value;
    assert.ok(isUnknown(b));
    assert.match(b.reason, /REGISTRY has no default/);
  });

  it('reads RUN forms, mounts, continuations with comments, and heredoc bodies with their positions', () => {
    const text = [
      'FROM alpine:3.20',
      'RUN --mount=type=secret,id=npm,target=/root/.npmrc \\',
      '    --mount=type=cache,target=/root/.npm,sharing=locked \\',
      '    npm ci && \\',
      '    # a comment between continued lines',
      '',
      '    npm run build',
      'RUN ["sh", "-c", "echo hi"]',
      'RUN <<EOF',
      'set -eu',
      'echo body',
      'EOF',
      'RUN echo after',
      '',
    ].join('\n');
    const { spec, diagnostics } = parse(text);
    assert.deepEqual(diagnostics, []);
    const runs = spec.stages[0]?.instructions as RunInstruction[];
    assert.deepEqual(
      runs.map((r) => r.form),
      ['shell', 'exec', 'heredoc', 'shell'],
    );
    assert.deepEqual(
      runs[0]?.mounts.map((m) => m.value),
      [
        { type: 'secret', id: 'npm', target: '/root/.npmrc' },
        { type: 'cache', target: '/root/.npm' },
      ],
    );
    assert.equal(runs[0]?.args.text, 'npm ci &&     npm run build');
    const i = runs[0]?.args.text.indexOf('npm run') as number;
    assert.equal(pos(commandLocation(runs[0]?.args as RunInstruction['args'], i)), '7:5');
    assert.deepEqual(runs[1]?.exec, ['sh', '-c', 'echo hi']);
    assert.equal(runs[2]?.args.text, '<<EOF\nset -eu\necho body');
    const j = runs[2]?.args.text.indexOf('body') as number;
    assert.equal(pos(commandLocation(runs[2]?.args as RunInstruction['args'], j)), '11:6');
    assert.equal(runs[3]?.args.text, 'echo after');
  });

  it('reads an ONBUILD RUN trigger as a RUN of this file, marked onbuild; USER in ONBUILD changes nothing here', () => {
    const { spec, diagnostics } = parse('FROM alpine:3.20\nONBUILD RUN --mount=type=cache,target=/c apk add git\nONBUILD USER root\nONBUILD COPY . /app\n');
    assert.deepEqual(diagnostics, []);
    const ins = spec.stages[0]?.instructions ?? [];
    assert.deepEqual(
      ins.map((i) => `${i.keyword}${(i as RunInstruction).onbuild ? ' onbuild' : ''} ${pos(i.at)}`),
      ['ONBUILD 2:1', 'RUN onbuild 2:1', 'ONBUILD 3:1', 'ONBUILD 4:1'],
    );
    const run = ins[1] as RunInstruction;
    assert.equal(run.args.text, 'apk add git');
    assert.equal(pos(run.args.at), '2:42');
    assert.deepEqual(
      run.mounts.map((m) => m.value),
      [{ type: 'cache', target: '/c' }],
    );
    assert.equal(imageSpecOfDockerfile(spec)?.user, undefined);
  });

  it('refuses ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER, as the builder does', () => {
    const { diagnostics } = parse('FROM alpine:3.20\nONBUILD ONBUILD RUN true\nONBUILD FROM x\nonbuild maintainer me\n');
    assert.deepEqual(
      diagnostics.map((d) => `${pos(d.at)} ${d.message}`),
      [
        '2:9 ONBUILD is not allowed as an ONBUILD trigger',
        '3:9 FROM is not allowed as an ONBUILD trigger',
        '4:9 MAINTAINER is not allowed as an ONBUILD trigger',
      ],
    );
  });

  it('honours the backtick escape directive', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    && echo done\nWORKDIR C:\\app\n';
    const { spec, diagnostics } = parse(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(spec.directives.escape, '`');
    const run = spec.stages[0]?.instructions[0] as RunInstruction;
    assert.equal(run.args.text, 'dir C:\\     && echo done');
    assert.equal(spec.stages[0]?.instructions[1]?.keyword, 'WORKDIR');
  });

  it('resolves ENV, USER, EXPOSE, LABEL and HEALTHCHECK through ARG and ENV, as the builder does', () => {
    const text = [
      'ARG UID=1000',
      'FROM alpine:3.20 AS base',
      'ARG UID',
      'ARG PORT=8080',
      'ENV HOME=/home/app APP_PORT=${PORT}',
      'ENV LEGACY value with spaces',
      'USER ${UID}:${GID:-1000}',
      'EXPOSE ${APP_PORT} 53/UDP 9000-9002',
      'LABEL org.opencontainers.image.source="https://example.com/${UID}"',
      'HEALTHCHECK --interval=1m30s --timeout=5s --start-period=10s --retries=3 CMD curl -f http://localhost:${APP_PORT}/ || exit 1',
      'FROM base',
      'HEALTHCHECK NONE',
      '',
    ].join('\n');
    const { spec, diagnostics } = parse(text);
    assert.deepEqual(diagnostics, []);
    const base = spec.stages[0];
    assert.deepEqual(
      base?.env.map((e) => e.value),
      [
        { name: 'HOME', value: '/home/app' },
        { name: 'APP_PORT', value: '8080' },
        { name: 'LEGACY', value: 'value with spaces' },
      ],
    );
    assert.equal(base?.user?.value, '1000:1000');
    assert.deepEqual(
      base?.expose.map((p) => p.value),
      ['8080/tcp', '53/udp', '9000-9002/tcp'],
    );
    assert.deepEqual(base?.labels[0]?.value, ['org.opencontainers.image.source', 'https://example.com/1000']);
    assert.deepEqual(base?.healthcheck?.value, {
      test: ['CMD-SHELL', 'curl -f http://localhost:${APP_PORT}/ || exit 1'],
      intervalSeconds: 90,
      timeoutSeconds: 5,
      startPeriodSeconds: 10,
      retries: 3,
    });
    assert.equal(spec.stages[1]?.healthcheck?.value, 'disabled');
    const img = imageSpecOfDockerfile(spec);
    assert.equal(img?.user?.value, '1000:1000');
    assert.equal(img?.healthcheck?.value, 'disabled');
    assert.deepEqual(
      img?.exposedPorts.map((p) => p.value),
      ['8080/tcp', '53/udp', '9000-9002/tcp'],
    );
  });

  it('reports what the Dockerfile frontend refuses, with positions, and goes on', () => {
    const text = [
      'RUN echo before',
      'FROM alpine:3.20 AS a extra',
      'FROM alpine:3.20',
      'RUNN echo typo',
      'COPY --frmo=a /x /y',
      'EXPOSE http',
      'USER',
      'HEALTHCHECK --interval=soon CMD true',
      'RUN echo still read',
      '',
    ].join('\n');
    const { spec, diagnostics } = parse(text);
    assert.deepEqual(
      diagnostics.map((d) => `${pos(d.at)} ${d.code} ${d.message}`),
      [
        '1:1 dockerfile-syntax RUN before the first FROM: no build stage in current context',
        '2:1 dockerfile-syntax FROM requires either one or three arguments (FROM image [AS name])',
        '4:1 dockerfile-syntax unknown instruction: RUNN',
        '5:6 unknown-flag unknown flag for COPY: --frmo',
        '6:8 dockerfile-syntax EXPOSE: invalid port "http"',
        '7:1 dockerfile-syntax USER requires at least one argument',
        '8:13 dockerfile-syntax HEALTHCHECK --interval: invalid duration "soon": expected a number with a unit (ns, us, ms, s, m, h), e.g. 30s',
      ],
    );
    assert.equal(spec.stages.length, 1);
    assert.equal(spec.stages[0]?.instructions.at(-1)?.args.text, 'echo still read');
  });

  it('refuses what BuildKit refuses: EXPOSE ports out of range, COPY without destination, stage names, negative retries', () => {
    const errors = (text: string) => parse(text).diagnostics.map((d) => `${pos(d.at)} ${d.code} ${d.message}`);
    // An IP address and a host port are read and dropped, as BuildKit does: the image exposes the container port.
    const exposed = parse('FROM alpine\nEXPOSE 8080:80 127.0.0.1:2222:22/TCP [::1]:53:53/udp :443 9000-9001:9000-9001\n');
    assert.deepEqual(exposed.diagnostics, []);
    assert.deepEqual(
      exposed.spec.stages[0]?.expose.map((x) => x.value),
      ['80/tcp', '22/tcp', '53/udp', '443/tcp', '9000-9001/tcp'],
    );
    assert.deepEqual(errors('FROM alpine\nEXPOSE 80/http nothost:80 8000-8002:80-81\n'), [
      '2:8 dockerfile-syntax EXPOSE: invalid port "80/http"',
      '2:16 dockerfile-syntax EXPOSE: invalid port "nothost:80"',
      '2:27 dockerfile-syntax EXPOSE: invalid port "8000-8002:80-81": the host and container port ranges differ in length',
    ]);
    assert.deepEqual(errors('FROM alpine\nEXPOSE 80 65535/udp 0 99999 80-70 8000-8100\n'), [
      '2:23 dockerfile-syntax EXPOSE: invalid port "99999": a port is at most 65535',
      '2:29 dockerfile-syntax EXPOSE: invalid port "80-70": the range ends below its start',
    ]);
    assert.deepEqual(errors('FROM alpine\nCOPY x\nADD --chown=1 ["a"]\nCOPY <<EOF\nhi\nEOF\nCOPY a b\nCOPY <<EOF /etc/motd\nhi\nEOF\n'), [
      '2:6 dockerfile-syntax COPY requires at least two arguments (sources, then a destination), but only one was given',
      '3:15 dockerfile-syntax ADD requires at least two arguments (sources, then a destination), but only one was given',
      '4:6 dockerfile-syntax COPY requires at least two arguments (sources, then a destination), but only one was given',
    ]);
    const badName = parse('FROM alpine AS 1bad!\nFROM alpine AS Build-2.x_y\nUSER 1\n');
    assert.deepEqual(
      badName.diagnostics.map((d) => `${pos(d.at)} ${d.message}`),
      ['1:16 invalid name for build stage: "1bad!": a stage name starts with a letter and holds only letters, digits, -, _ and .'],
    );
    // The stage is still read, so the rest of the file is not a cascade of errors.
    assert.equal(badName.spec.stages.length, 2);
    assert.deepEqual(errors('FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n'), ['2:13 dockerfile-syntax HEALTHCHECK --retries: cannot be negative (-1)']);
    // BuildKit parseOptInterval: 0 is the default, anything else below 1ms (negative values too) is refused.
    assert.deepEqual(errors('FROM alpine\nHEALTHCHECK --interval=-5s --start-period=-1s --timeout=500us CMD true\n'), [
      '2:13 dockerfile-syntax HEALTHCHECK --interval: "-5s" cannot be less than 1ms (or 0 for the default)',
      '2:28 dockerfile-syntax HEALTHCHECK --start-period: "-1s" cannot be less than 1ms (or 0 for the default)',
      '2:47 dockerfile-syntax HEALTHCHECK --timeout: "500us" cannot be less than 1ms (or 0 for the default)',
    ]);
    assert.deepEqual(errors('FROM alpine\nHEALTHCHECK --interval=0 --timeout=1ms CMD true\n'), []);
    assert.deepEqual(errors('FROM alpine\nHEALTHCHECK --retries=three CMD true\n'), [
      '2:13 dockerfile-syntax HEALTHCHECK --retries: "three" is not a whole number',
    ]);
    assert.deepEqual(errors('FROM alpine\nHEALTHCHECK --retries=4294967296 CMD true\n'), [
      '2:13 dockerfile-syntax HEALTHCHECK --retries: "4294967296" is out of range',
    ]);
    // strconv.ParseInt takes a sign.
    const h = parse('FROM alpine\nHEALTHCHECK --retries=+3 CMD true\n').spec.stages[0]?.healthcheck?.value;
    assert.equal((h as { retries?: number } | undefined)?.retries, 3);
  });

  it('quotes no secret in an input error: an unknown instruction shows its first word up to = : or @, a port or escape is masked', () => {
    const errors = (text: string) => parse(text).diagnostics.map((d) => `${pos(d.at)} ${d.message}`);
    // A line that lost the \ of the ENV before it.
    assert.deepEqual(errors('FROM alpine:3.20\nENV APP_ENV=production\n    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nUSER 1000\n'), [
      '3:5 unknown instruction: AWS_SECRET_ACCESS_KEY=… (a line that goes on an ENV, ARG or LABEL needs \\ at the end of the line before)',
    ]);
    assert.deepEqual(errors('# escape=`\nFROM alpine:3.20\nENV A=1\nTOKEN=x\n'), [
      '4:1 unknown instruction: TOKEN=… (a line that goes on an ENV, ARG or LABEL needs ` at the end of the line before)',
    ]);
    assert.deepEqual(errors('FROM alpine:3.20\n  ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\n'), [
      '2:3 unknown instruction: "ghp_...(40 chars)" (a GitHub token)',
    ]);
    assert.deepEqual(errors('FROM alpine:3.20\nhttps://octocat:hunter2hunter2@github.com\nroot:$6$salt$hash:20228::::::\n'), [
      '2:1 unknown instruction: https…',
      '3:1 unknown instruction: root…',
    ]);
    assert.deepEqual(errors('FROM alpine:3.20\nRUNNINGOUTOFNAMESFORINSTRUCTIONS x\n'), ['2:1 unknown instruction: RUNNINGOUTOFNAMESFORINST…']);
    // A word with a quote or backslash is no secret: cut short like any other, not quoted whole.
    assert.deepEqual(errors('FROM alpine:3.20\n"RUNNINGOUTOFNAMES\\FORINSTRUCTIONS x\n'), ['2:1 unknown instruction: "RUNNINGOUTOFNAMES\\FORIN…']);
    // So is a long one, past the length quoteValue would cut at.
    assert.deepEqual(errors(`FROM alpine:3.20\n${'R'.repeat(130)} x\n`), [`2:1 unknown instruction: ${'R'.repeat(24)}…`]);
    assert.deepEqual(errors('FROM alpine:3.20\nEXPOSE ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\n'), [
      '2:8 EXPOSE: invalid port "ghp_...(40 chars)" (a GitHub token)',
    ]);
    // A value with a blank and no quotes: its second word is not quoted.
    assert.deepEqual(errors('FROM alpine:3.20\nENV DB_PASSWORD=correct horsebatterystaple\n'), [
      '2:25 ENV: a word is not NAME=value, as every word must be once one is (a value with blanks needs quotes)',
    ]);
    assert.deepEqual(errors('FROM alpine:3.20\nHEALTHCHECK https://u:hunter2hunter2@x/health\n'), [
      '2:13 HEALTHCHECK: expected CMD or NONE, found "https://u:...(14 chars)@x/health"',
    ]);
    // SHELL takes a JSON array of at least one string, as BuildKit's parseShell requires.
    assert.deepEqual(errors('FROM alpine:3.20\nSHELL /bin/bash -c\nSHELL []\nSHELL ["/bin/bash", "-c"\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'), [
      '2:7 SHELL requires the arguments to be in JSON form (SHELL ["/bin/sh", "-c"])',
      '3:7 SHELL requires at least one argument',
      '4:7 SHELL requires the arguments to be in JSON form (SHELL ["/bin/sh", "-c"])',
    ]);
    // What follows NONE is refused, and not quoted.
    assert.deepEqual(errors('FROM alpine:3.20\nHEALTHCHECK  none  ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\nHEALTHCHECK NONE\n'), [
      '2:20 HEALTHCHECK NONE takes no arguments',
    ]);
    assert.deepEqual(errors('# escape=ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\nFROM alpine:3.20\n'), [
      '1:10 invalid escape character "ghp_...(40 chars)" (a GitHub token): use \\ or `',
    ]);
  });

  it('reports a file with no instruction at all once, quoting none of its lines', () => {
    for (const text of [
      'https://octocat:ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ@github.com\nhttps://u:p@example.com\n',
      'root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n',
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nRUN_AS=root\n',
    ]) {
      const { spec, diagnostics } = parse(text);
      assert.deepEqual(
        diagnostics.map((d) => `${pos(d.at)} ${d.code} ${d.message}`),
        ['1:1 dockerfile-syntax not a Dockerfile: no line of it starts with a Dockerfile instruction (FROM, RUN, COPY…)'],
      );
      assert.equal(spec.stages.length, 0);
    }
    // One instruction is enough to read the file as a Dockerfile, and so is a first word like one: a typo is
    // an unknown instruction, as before.
    assert.deepEqual(
      parse('FORM alpine\nRUN true\n').diagnostics.map((d) => d.message),
      ['unknown instruction: FORM', 'RUN before the first FROM: no build stage in current context'],
    );
    assert.deepEqual(
      parse('BOGUS x\n').diagnostics.map((d) => d.message),
      ['unknown instruction: BOGUS'],
    );
  });

  it('reads USER as one shell word, as BuildKit does: quotes removed, escapes honoured, variables expanded', () => {
    const user = (line: string, pre = '') => {
      const { spec, diagnostics } = parse(`${pre}FROM alpine\nARG NAME=root\n${line}\n`);
      const u = spec.stages[0]?.user?.value;
      return { user: isUnknown(u) ? `unknown: ${u?.reason}` : u, errors: diagnostics.map((d) => `${pos(d.at)} ${d.message}`) };
    };
    const table: [string, string][] = [
      ['USER "root"', 'root'],
      ["USER 'root'", 'root'],
      ['USER "0:0"', '0:0'],
      ['USER r"o"ot', 'root'],
      ['USER \\root', 'root'],
      ['USER "$NAME"', 'root'],
      ["USER '$NAME'", '$NAME'],
      ['USER ${NAME}', 'root'],
      ['USER "${NAME}:0"', 'root:0'],
      ['USER \\$NAME', '$NAME'],
      ['USER "a\\"b"', 'a"b'],
      ['USER "a\\b"', 'a\\b'],
      ['USER "app"', 'app'],
      ['USER app:app', 'app:app'],
    ];
    for (const [line, want] of table) assert.deepEqual(user(line), { user: want, errors: [] }, line);
    assert.deepEqual(user('USER `"root`"', '# escape=`\n'), { user: '"root"', errors: [] });
    assert.deepEqual(user('USER "root'), {
      user: 'unknown: a double quote is not closed',
      errors: ['3:6 USER: a double quote is not closed, which the builder refuses'],
    });
    assert.deepEqual(user("USER 'root"), {
      user: 'unknown: a single quote is not closed',
      errors: ['3:6 USER: a single quote is not closed, which the builder refuses'],
    });
    assert.deepEqual(user('USER "$UNSET"').user, 'unknown: variable UNSET is not declared in the Dockerfile');
  });

  it('says so when there is no FROM at all', () => {
    assert.deepEqual(
      parse('# just a comment\n').diagnostics.map((d) => d.message),
      ['no FROM instruction: the Dockerfile builds nothing'],
    );
  });

  it('refuses a line over 65,535 bytes of UTF-8, as the line scanner of BuildKit does, and reads the rest', () => {
    const errors = (text: string) => parse(text).diagnostics.map((d) => `${d.code} ${pos(d.at)}-${d.at.endLine}:${d.at.endColumn} ${d.message}`);
    const refusal = (bytes: number) =>
      `a line of ${bytes} bytes: docker build refuses a Dockerfile line over 65535 bytes (dockerfile line greater than max allowed size of 65535)`;
    const label = (n: number) => `LABEL a=${'x'.repeat(n - 8)}`;
    // 65,535 bytes and its line break fill the scanner's 65,536-byte buffer exactly: read. One more byte is not.
    assert.deepEqual(errors(`FROM alpine\n${label(65_535)}\nUSER 1000\n`), []);
    assert.deepEqual(errors(`FROM alpine\n${label(65_536)}\nUSER 1000\n`), [`dockerfile-syntax 2:1-2:65537 ${refusal(65_536)}`]);
    // Bytes, not characters: 21,846 euro signs are 65,538 bytes. A \r before the \n is a byte of the line too.
    assert.deepEqual(errors(`FROM alpine\nLABEL a=${'\u20ac'.repeat(21_846)}\n`), [`dockerfile-syntax 2:1-2:21855 ${refusal(65_546)}`]);
    assert.deepEqual(errors(`FROM alpine\r\n${label(65_535)}\r\nUSER 1000\r\n`), [`dockerfile-syntax 2:1-2:65537 ${refusal(65_536)}`]);
    // The last line, without a line break; and the rest of the file is still read (USER root is found).
    const last = parse(`FROM alpine\nUSER root\n${label(70_000)}`);
    assert.deepEqual(
      last.diagnostics.map((d) => `${d.code} ${pos(d.at)}`),
      ['dockerfile-syntax 3:1'],
    );
    assert.equal(last.spec.stages[0]?.user?.value, 'root');
    // BuildKit stops at such a line: its error is the only one, even where the line holds another (an unknown flag
    // would quote the huge line again) or another line has one.
    assert.deepEqual(errors(`FROM alpine\nCOPY --${'q'.repeat(70_000)} a b\nBOGUS x\nRUN --nope true\n`), [`dockerfile-syntax 2:1-2:70012 ${refusal(70_011)}`]);
    assert.deepEqual(errors(`# ${'x'.repeat(65_600)}\n${'y'.repeat(66_000)}`), [
      `dockerfile-syntax 1:1-1:65603 ${refusal(65_602)}`,
      `dockerfile-syntax 2:1-2:66001 ${refusal(66_000)}`,
    ]);
    // A byte order mark is 3 bytes of the first line, and the span starts after it, at column 1 (SARIF has no column 0).
    assert.deepEqual(errors(`\ufeff# ${'x'.repeat(65_600)}\nFROM alpine:3.20\n`), [`dockerfile-syntax 1:1-1:65603 ${refusal(65_605)}`]);
    // A U+FFFD (what decoding made of a byte that is not UTF-8) is counted as 1 byte, the least it stood for: 30,000
    // \xff bytes in a line of 65,535 are not refused (Buffer.byteLength gives 125,535); the count is a lower bound.
    const invalid = `RUN echo ${'\ufffd'.repeat(30_000)}${'a'.repeat(65_535 - 9 - 30_000)}`;
    assert.deepEqual(errors(`FROM alpine\n${invalid}\n`), []);
    assert.deepEqual(errors(`FROM alpine\n${invalid}a\n`), [`dockerfile-syntax 2:1-2:65537 ${refusal(65_536)}`]);
  });
});

describe('loadDockerfile', () => {
  const big = `FROM alpine:3.20\n${'# pad\n'.repeat(MAX_DOCKERFILE_BYTES / 6 + 1)}`;
  const bigSize = Buffer.byteLength(big);
  const fs = memoryFs({
    'bin/Dockerfile': 'FROM x\u0000\u0001',
    'bin/api.Dockerfile': '\u0000',
    'bin/Dockerfile.dev': 'FROM alpine:3.20\nRUN a\u0000b\n',
    'bin/api.df': 'FROM alpine:3.20\n\n  \u0000',
    'big/Dockerfile': big,
    'big/Dockerfile.prod': big,
  });
  const binary = (source: string, line: number, column: number, severity: string) => ({
    code: 'binary',
    severity,
    message: 'binary file (a NUL byte); not scanned',
    at: { source, line, column, endLine: line, endColumn: column + 1, offset: -1, endOffset: -1 },
  });
  const withoutOffsets = (r: LoadedDockerfile) => r.diagnostics.map((d) => ({ ...d, at: { ...d.at, offset: -1, endOffset: -1 } }));

  it('refuses a binary file meant as a Dockerfile with an error at its first NUL byte', () => {
    for (const [file, line, column] of [
      ['bin/Dockerfile', 1, 7],
      ['bin/api.Dockerfile', 1, 1],
      // A name only a compose `build:` or the command line gives: always meant.
      ['bin/api.df', 3, 3],
    ] as const) {
      const r = loadDockerfile(`/mem/${file}`, fs);
      assert.equal(r.spec, undefined);
      assert.deepEqual(withoutOffsets(r), [binary(file, line, column, 'error')], file);
    }
    assert.deepEqual(withoutOffsets(loadDockerfile('/mem/bin/Dockerfile.dev', fs, '/mem/bin', undefined, true)), [binary('bin/Dockerfile.dev', 2, 6, 'error')]);
  });

  it('only warns, located, for a binary Dockerfile.<variant> found by walking (an editor or backup file?)', () => {
    const r = loadDockerfile('/mem/bin/Dockerfile.dev', fs);
    assert.equal(r.spec, undefined);
    assert.deepEqual(withoutOffsets(r), [binary('bin/Dockerfile.dev', 2, 6, 'warning')]);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.at.offset, d.at.endOffset]),
      [[22, 23]],
    );
    assert.deepEqual(withoutOffsets(loadDockerfile('/mem/bin/Dockerfile', fs, '/mem/bin', undefined, false)), [binary('bin/Dockerfile', 1, 7, 'warning')]);
  });

  it('refuses a Dockerfile over the size limit: an error when meant, a warning for a Dockerfile.<variant> found by walking', () => {
    const tooLarge = (source: string, name: string, severity: string) => ({
      code: 'too-large',
      severity,
      message: `${name} is ${bigSize} bytes, over the ${MAX_DOCKERFILE_BYTES}-byte limit for a Dockerfile; not scanned`,
      at: { source },
    });
    const dockerfile = loadDockerfile('/mem/big/Dockerfile', fs);
    assert.equal(dockerfile.spec, undefined);
    assert.deepEqual(dockerfile.diagnostics, [tooLarge('big/Dockerfile', 'Dockerfile', 'error')]);
    assert.deepEqual(loadDockerfile('/mem/big/Dockerfile.prod', fs).diagnostics, [tooLarge('big/Dockerfile.prod', 'Dockerfile.prod', 'warning')]);
    assert.deepEqual(loadDockerfile('/mem/big/Dockerfile.prod', fs, '/mem/big', undefined, true).diagnostics, [
      tooLarge('big/Dockerfile.prod', 'Dockerfile.prod', 'error'),
    ]);
  });

  it('prefers <name>.dockerignore beside the Dockerfile over the context root one', () => {
    const fs = memoryFs({
      'docker/api.Dockerfile': 'FROM alpine:3.20\n',
      'docker/api.Dockerfile.dockerignore': '# api only\n*\n  !src  \n',
      '.dockerignore': '.git\n',
    });
    const r = loadDockerfile('/mem/docker/api.Dockerfile', fs, '/mem');
    assert.equal(r.spec?.context?.folder, '.');
    assert.equal(r.spec?.context?.dockerignore?.name, 'docker/api.Dockerfile.dockerignore');
    assert.deepEqual(
      r.spec?.context?.dockerignore?.patterns.map((p) => [p.value, pos(p.at)]),
      [
        ['*', '2:1'],
        ['!src', '3:3'],
      ],
    );
    const other = loadDockerfile('/mem/docker/api.Dockerfile', memoryFs({ 'docker/api.Dockerfile': 'FROM alpine:3.20\n', '.dockerignore': '.git\n' }), '/mem');
    assert.equal(other.spec?.context?.dockerignore?.name, '.dockerignore');
  });
});

describe('isDockerfileName and isExplicitDockerfileName', () => {
  // [name, read when walking folders, read when named on the command line]
  const table: [string, boolean, boolean][] = [
    ['Dockerfile', true, true],
    ['dockerfile', true, true],
    ['Containerfile', true, true],
    ['containerfile', true, true],
    ['Dockerfile.prod', true, true],
    ['Dockerfile.dev.arm64', true, true],
    ['Dockerfile.DEV', true, true],
    ['Dockerfile.windows-ltsc2022', true, true],
    ['Dockerfile.c2', true, true],
    ['Containerfile.fedora', true, true],
    ['api.Dockerfile', true, true],
    ['api.dockerfile', true, true],
    ['0001.Dockerfile', true, true],
    ['web.Containerfile', true, true],
    // Source modules, documents and data about Dockerfiles (bulwark's own src/model/dockerfile.ts).
    ['dockerfile.ts', false, false],
    ['dockerfile.mjs', false, false],
    ['dockerfile.go', false, false],
    ['dockerfile.test.js', false, false],
    ['Dockerfile.ts', false, false],
    ['Dockerfile.js', false, false],
    ['Dockerfile.cjs', false, false],
    ['Dockerfile.mts', false, false],
    ['Dockerfile.cts', false, false],
    ['Dockerfile.tsx', false, false],
    ['Dockerfile.jsx', false, false],
    ['Dockerfile.go', false, false],
    ['Dockerfile.py', false, false],
    ['Dockerfile.rb', false, false],
    ['Dockerfile.java', false, false],
    ['Dockerfile.kt', false, false],
    ['Dockerfile.rs', false, false],
    ['Dockerfile.c', false, false],
    ['Dockerfile.h', false, false],
    ['Dockerfile.cpp', false, false],
    ['Dockerfile.cs', false, false],
    ['Dockerfile.php', false, false],
    ['Dockerfile.sh', false, false],
    ['Dockerfile.bash', false, false],
    ['Dockerfile.zsh', false, false],
    ['Dockerfile.ps1', false, false],
    ['Dockerfile.md', false, false],
    ['Dockerfile.MD', false, false],
    ['Dockerfile.markdown', false, false],
    ['Dockerfile.rst', false, false],
    ['Dockerfile.txt', false, false],
    ['Dockerfile.adoc', false, false],
    ['Dockerfile.json', false, false],
    ['Dockerfile.jsonc', false, false],
    ['Dockerfile.yaml', false, false],
    ['Dockerfile.yml', false, false],
    ['Dockerfile.toml', false, false],
    ['Dockerfile.ini', false, false],
    ['Dockerfile.xml', false, false],
    ['Dockerfile.html', false, false],
    ['Dockerfile.css', false, false],
    ['Dockerfile.lock', false, false],
    ['Dockerfile.orig', false, false],
    ['Dockerfile.rej', false, false],
    ['Dockerfile.bak', false, false],
    ['Dockerfile.prod.bak', false, false],
    ['Dockerfile.swp', false, false],
    ['Dockerfile.swo', false, false],
    ['Dockerfile.tmp', false, false],
    ['Dockerfile.log', false, false],
    ['Dockerfile~', false, false],
    ['Dockerfile.prod~', false, false],
    ['api.Dockerfile~', false, false],
    ['Dockerfile.dockerignore', false, false],
    ['api.Dockerfile.dockerignore', false, false],
    ['dockerfile.md', false, false],
    ['Containerfile.md', false, false],
    // Templates: not when walking, yes when named.
    ['Dockerfile.j2', false, true],
    ['Dockerfile.tmpl', false, true],
    ['Dockerfile.in', false, true],
    // Dockerfile.<variant> is case-sensitive when walking; a name given on the command line may be spelled any way.
    ['dockerfile.prod', false, true],
    ['DOCKERFILE', false, true],
    ['DOCKERFILE.prod', false, true],
    ['prod-dockerfile', false, true],
    ['Dockerfile-prod', false, true],
    ['Dockerfiles', false, true],
    ['.dockerignore', false, false],
    ['docker-compose.yml', false, false],
    ['api.df', false, false],
    ['README', false, false],
  ];
  it('a Dockerfile.<variant> is the only kind of name not certainly meant as a Dockerfile', () => {
    assert.deepEqual(
      [
        'Dockerfile',
        'dockerfile',
        'Containerfile',
        'api.Dockerfile',
        'api.df',
        'prod-dockerfile',
        'Dockerfile.dev',
        'Containerfile.fedora',
        'dockerfile.prod',
      ].filter((n) => !isCertainDockerfileName(n)),
      ['Dockerfile.dev', 'Containerfile.fedora'],
    );
  });
  for (const [name, walked, named] of table) {
    it(`${name}: walking ${walked}, named ${named}`, () => {
      assert.equal(isDockerfileName(name), walked, 'walking');
      assert.equal(isExplicitDockerfileName(name), named, 'named');
    });
  }
});

describe('expandVariables', () => {
  const scope = new Map<string, string | undefined>([
    ['A', 'x'],
    ['EMPTY', ''],
    ['DECLARED', undefined],
  ]);
  const table: [string, string][] = [
    ['plain', 'plain'],
    ['$A-${A}', 'x-x'],
    ['${EMPTY:-d}|${EMPTY-d}', 'd|'],
    ['${DECLARED:-20}', '20'],
    ['${MISSING:-1.2}', '1.2'],
    ['${A:+set}${EMPTY:+no}', 'set'],
    ['\\$A', '$A'],
    ['${A', '${A'],
  ];
  for (const [input, want] of table) it(`${input} -> ${want}`, () => assert.deepEqual(expandVariables(input, scope), { ok: true, value: want }));
  it('fails on a declared variable without value, with the reason', () => {
    assert.deepEqual(expandVariables('node:${DECLARED}', scope), {
      ok: false,
      variable: 'DECLARED',
      reason: 'build argument DECLARED has no default value, and the value a build gives it (--build-arg, compose build.args) is not known',
    });
    assert.equal((expandVariables('$NOPE', scope) as { reason: string }).reason, 'variable NOPE is not declared in the Dockerfile');
  });
});
