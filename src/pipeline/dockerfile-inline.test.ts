// A compose build.dockerfile_inline is checked by the Dockerfile and image rules as a Dockerfile file with the same
// text, each finding at its line and column of the compose file when the value is a literal block scalar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySuppressions, defaultSettings, type Finding } from '../check/index.js';
import { allRuleMetas } from '../rules/index.js';
import { type MemoryProblem, memoryFs } from '../sources/fs.js';
import { composeHandler } from './compose.js';

const scan = (compose: string, files: Record<string, string | MemoryProblem> = {}, env: Record<string, string> = {}) =>
  composeHandler.scan(['/mem/compose.yaml'], new Set(), { fs: memoryFs({ 'compose.yaml': compose, ...files }), env, settings: defaultSettings });

/** The Dockerfile and image findings: `BW2007 7:13-7:17`, in file order. */
const built = (r: { findings: Finding[] }) =>
  r.findings
    .filter((f) => f.scope === 'dockerfile' || f.scope === 'image')
    .sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0) || a.ruleId.localeCompare(b.ruleId))
    .map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}-${f.location.endLine}:${f.location.endColumn}`);
const shown = (r: { diagnostics: { severity: string; message: string; at: { source: string; line?: number; column?: number } }[] }) =>
  r.diagnostics.map((d) => `${d.severity} ${d.at.source}:${d.at.line}:${d.at.column} ${d.message}`);

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('build.dockerfile_inline, literal block scalar: findings at their line and column of the compose file', () => {
  it('| : curl|sh, base image, .dockerignore and USER root, each where it is written', () => {
    const r = scan(
      yaml(
        'services:',
        '  app:',
        '    build:',
        '      context: .',
        '      dockerfile_inline: |',
        '        FROM alpine:3.20',
        '        RUN curl -fsSL https://example.com/x.sh | sh',
        '        COPY . /app',
        '        USER root',
      ),
    );
    assert.deepEqual(shown(r), []);
    assert.deepEqual(built(r), ['BW3005 6:9-6:25', 'BW2005 6:14-6:25', 'BW2007 7:13-7:17', 'BW2012 8:14-8:15', 'BW3001 9:14-9:18']);
    const curl = r.findings.find((f) => f.ruleId === 'BW2007');
    assert.equal(curl?.location.source, 'compose.yaml');
    assert.equal(curl?.subject, 'dockerfile_inline of service "app"');
    assert.equal(curl?.message, 'A RUN in stage #1 pipes a curl download into an interpreter without verifying it.');
    // Offsets are the compose file's too: the finding's text is `curl`.
    const text = yaml('services:', '  app:', '    build:', '      context: .', '      dockerfile_inline: |', '        FROM alpine:3.20', '        RUN curl');
    assert.equal(text.slice(curl?.location.offset, curl?.location.endOffset), 'curl');
    // The image's USER decides the service's user (BW1030 names the image), as a Dockerfile file would.
    assert.match(r.findings.find((f) => f.ruleId === 'BW1030')?.message ?? '', /its image runs as root/);
  });

  it('|- with a deeper indentation and a comment on the indicator line, and |2 (indentation indicator)', () => {
    const r = scan(
      yaml(
        'services:',
        '  strip:',
        '    build:',
        '      dockerfile_inline: |-   # the Dockerfile',
        '            FROM alpine:3.20',
        '',
        '            RUN curl -fsSL https://example.com/x.sh | sh',
        '  indicated:',
        '    build:',
        '      dockerfile_inline: |2',
        '          FROM alpine:3.20',
        '          RUN  wget -qO- https://example.com/x.sh | bash',
      ),
    );
    assert.deepEqual(shown(r), []);
    assert.deepEqual(built(r), [
      'BW3001 5:13-5:29',
      'BW3005 5:13-5:29',
      'BW2005 5:18-5:29',
      'BW2007 7:17-7:21',
      'BW3001 11:11-11:27',
      'BW3005 11:11-11:27',
      'BW2005 11:16-11:27',
      'BW2007 12:16-12:20',
    ]);
  });

  it('|+ with blank lines, in a file with CRLF line ends', () => {
    const lines = [
      'services:',
      '  app:',
      '    build:',
      '      dockerfile_inline: |+',
      '        FROM alpine:3.20',
      '',
      '        RUN curl -fsSL https://x/y.sh | sh',
      '',
      '',
      '  b:',
      '    image: x',
    ];
    const r = scan(`${lines.join('\r\n')}\r\n`);
    assert.deepEqual(shown(r), []);
    assert.deepEqual(built(r), ['BW3001 5:9-5:25', 'BW3005 5:9-5:25', 'BW2005 5:14-5:25', 'BW2007 7:13-7:17']);
  });

  it('| whose text starts after blank lines: its lines still map one to one', () => {
    const r = scan(
      yaml(
        'services:',
        '  app:',
        '    build:',
        '      dockerfile_inline: |',
        '',
        '',
        '        FROM alpine:3.20',
        '        RUN curl -fsSL https://example.com/x.sh | sh',
      ),
    );
    assert.deepEqual(shown(r), []);
    assert.deepEqual(built(r), ['BW3001 7:9-7:25', 'BW3005 7:9-7:25', 'BW2005 7:14-7:25', 'BW2007 8:13-8:17']);
  });

  it('a suppression comment on the line of dockerfile_inline: | hides findings on the lines of the text', () => {
    const text = yaml(
      'services:',
      '  app:',
      '    build:',
      '      dockerfile_inline: |  # bulwark-ignore BW2007: the installer is checked in CI',
      '        FROM alpine:3.20',
      '        RUN curl -fsSL https://example.com/x.sh | sh',
    );
    const out = applySuppressions(scan(text).findings, (s) => (s === 'compose.yaml' ? text : undefined), allRuleMetas());
    assert.deepEqual(
      out.suppressed.map((x) => `${x.finding.ruleId} ${x.finding.location.line}:${x.finding.location.column} ${x.reason}`),
      ['BW2007 6:13 the installer is checked in CI'],
    );
    assert.deepEqual(
      out.findings.filter((f) => f.ruleId === 'BW2007' || f.ruleId === 'BW9002'),
      [],
    );
  });

  it('`$$` (compose writes `$` so) moves the columns after it; the lines still map one to one', () => {
    const r = scan(
      yaml(
        'services:',
        '  app:',
        '    build:',
        '      dockerfile_inline: |',
        '        FROM alpine:3.20',
        '        RUN echo $$HOME $${PATH}; curl -fsSL https://example.com/x.sh | sh',
      ),
    );
    assert.deepEqual(
      built(r).filter((x) => x.startsWith('BW2007')),
      ['BW2007 6:35-6:39'],
    );
  });

  it('a text that does not parse: the error at its line and column of the compose file, and nothing judged', () => {
    const r = scan(yaml('services:', '  app:', '    build:', '      dockerfile_inline: |', '        FROM alpine:3.20', '        BOGUS x'));
    assert.deepEqual(shown(r), ['error compose.yaml:6:9 build.dockerfile_inline: unknown instruction: BOGUS']);
    assert.deepEqual(built(r), []);
  });
});

describe('build.dockerfile_inline whose lines are not lines of the file: every finding at the value', () => {
  it('> folded, "quoted" and plain: at the value (a block scalar at its first line of text), with the line of the text in the message', () => {
    const r = scan(
      yaml(
        'services:',
        '  folded:',
        '    build:',
        '      dockerfile_inline: >',
        '        FROM alpine:3.20',
        '',
        '        RUN curl -fsSL https://example.com/x.sh | sh',
        '  quoted:',
        '    build:',
        '      dockerfile_inline: "FROM alpine:3.20\\nRUN curl -fsSL https://example.com/x.sh | sh\\n"',
      ),
    );
    assert.deepEqual(shown(r), []);
    assert.deepEqual(built(r), [
      'BW2005 5:9-8:1',
      'BW2007 5:9-8:1',
      'BW3001 5:9-8:1',
      'BW3005 5:9-8:1',
      'BW2005 10:26-10:92',
      'BW2007 10:26-10:92',
      'BW3001 10:26-10:92',
      'BW3005 10:26-10:92',
    ]);
    const curl = r.findings.filter((f) => f.ruleId === 'BW2007').map((f) => f.message);
    assert.deepEqual(curl, [
      'A RUN in stage #1 pipes a curl download into an interpreter without verifying it. (line 2 of build.dockerfile_inline)',
      'A RUN in stage #1 pipes a curl download into an interpreter without verifying it. (line 2 of build.dockerfile_inline)',
    ]);
  });

  it('a variable replaced by interpolation: at the value; an unset one: the text as written is checked, at the value', () => {
    const compose = yaml(
      'services:',
      '  app:',
      '    build:',
      '      dockerfile_inline: |',
      '        FROM alpine:${TAG}',
      '        RUN curl -fsSL https://example.com/x.sh | sh',
    );
    assert.deepEqual(built(scan(compose, {}, { TAG: '3.20' })), ['BW2005 5:9-7:1', 'BW2007 5:9-7:1', 'BW3001 5:9-7:1', 'BW3005 5:9-7:1']);
    const unset = scan(compose);
    assert.deepEqual(
      built(unset).filter((x) => x.startsWith('BW2007')),
      ['BW2007 5:9-7:1'],
    );
    // The context's Dockerfile is not taken instead: compose would build the inline text.
    assert.deepEqual(shown(unset), []);
  });

  it("a variable's text in a message is quoted by its variable, never shown (it may be a secret)", () => {
    const compose = yaml('services:', '  app:', '    build:', '      dockerfile_inline: |', '        FROM ${REGISTRY}/alpine:3.20', '        USER 10001');
    const r = scan(compose, {}, { REGISTRY: 'registry-hunter2.example.com' });
    const base = r.findings.find((f) => f.ruleId === 'BW2005');
    assert.equal(
      base?.message,
      'Stage #1 starts from image "${REGISTRY}/alpine:3.20" (from the environment, 40 characters), which is not pinned by digest. (line 1 of build.dockerfile_inline)',
    );
    assert.ok(!JSON.stringify(r.findings).includes('hunter2'));
  });
});

describe('build.dockerfile_inline and its build: target stage, build context, a hardened text', () => {
  it('build.target: the image rules judge the stage built, not the last one; a target that names no stage is a warning', () => {
    const text = (target: string) =>
      yaml(
        'services:',
        '  app:',
        '    build:',
        `      target: ${target}`,
        '      dockerfile_inline: |',
        '        FROM alpine:3.20 AS runtime',
        '        USER 10001',
        '        FROM runtime AS debug',
        '        USER root',
      );
    assert.deepEqual(
      built(scan(text('runtime'))).filter((x) => x.startsWith('BW3001')),
      [],
    );
    assert.equal(
      scan(text('runtime')).findings.find((f) => f.ruleId === 'BW1030'),
      undefined,
    );
    assert.deepEqual(
      built(scan(text('debug'))).filter((x) => x.startsWith('BW3001')),
      ['BW3001 9:14-9:18'],
    );
    const none = scan(text('nope'));
    assert.deepEqual(shown(none), [
      `warning compose.yaml:4:15 build.target "nope" names no stage of the build.dockerfile_inline of service "app" (docker build would fail); the image's user and health check stay unknown`,
    ]);
    assert.deepEqual(
      built(none).filter((x) => x.startsWith('BW3')),
      [],
    );
    // A target of 300 characters is quoted cut, with its length.
    assert.deepEqual(shown(scan(text('t'.repeat(300)))), [
      `warning compose.yaml:4:15 build.target "${'t'.repeat(100)}..." (300 characters) names no stage of the build.dockerfile_inline of service "app" (docker build would fail); the image's user and health check stay unknown`,
    ]);
  });

  it('the context is build.context: its .dockerignore counts, and a .pem COPY takes from it is read (a key in a cert name)', () => {
    const compose = yaml(
      'services:',
      '  app:',
      '    build:',
      '      context: ./ctx',
      '      dockerfile_inline: |',
      '        FROM alpine:3.20',
      '        COPY . /app',
      '        COPY tls/server-cert.pem /etc/server-cert.pem',
    );
    const key = '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n';
    assert.deepEqual(
      built(scan(compose, { ctx: { error: 'EISDIR' }, 'ctx/tls/server-cert.pem': key })).filter((x) => /BW2012|BW2003/.test(x)),
      ['BW2012 7:14-7:15', 'BW2003 8:14-8:33'],
    );
    assert.deepEqual(
      built(scan(compose, { 'tls/server-cert.pem': key })).filter((x) => /BW2003/.test(x)),
      [],
    );
    assert.deepEqual(
      built(scan(compose, { ctx: { error: 'EISDIR' }, 'ctx/.dockerignore': '.git\n.env\n*.pem\n*.key\n' })).filter((x) => /BW2012/.test(x)),
      [],
    );
    // A context that is not there (not part of this scan): a warning, and no finding that would rest on it.
    const away = scan(compose);
    assert.deepEqual(shown(away), [
      'warning compose.yaml:4:7 service "app" builds its build.dockerfile_inline with build context ctx, which is not there; the rules that read the context (BW2012 .dockerignore, BW2003 .pem contents) do not run',
    ]);
    assert.deepEqual(
      built(away).filter((x) => /BW2012|BW2003/.test(x)),
      [],
    );
  });

  it('a hardened inline Dockerfile gets no Dockerfile or image finding', () => {
    const r = scan(
      yaml(
        'services:',
        '  app:',
        '    build:',
        '      context: ./ctx',
        '      dockerfile_inline: |',
        '        FROM alpine:3.20@sha256:beefdb6f4ce71ee7e21e3b8f7b3e8aaaaf9f0bbf2f7c8f5b6e1a8d0f0e5b4a3c',
        '        ARG GIT_SHA',
        '        LABEL org.opencontainers.image.source="https://github.com/acme/api" \\',
        '              org.opencontainers.image.revision="$${GIT_SHA}" \\',
        '              org.opencontainers.image.created="2026-01-01"',
        '        RUN apk add --no-cache tini && adduser -S -u 10001 app',
        '        COPY --chown=10001:10001 app /app',
        '        USER 10001:10001',
        '        HEALTHCHECK CMD ["wget", "-qO-", "http://127.0.0.1:8080/healthz"]',
        '        ENTRYPOINT ["/sbin/tini", "--", "/app/run"]',
      ),
      { ctx: { error: 'EISDIR' }, 'ctx/.dockerignore': '*\n!app\n' },
    );
    assert.deepEqual(shown(r), []);
    assert.deepEqual(built(r), []);
    assert.equal(r.subjects, 2);
  });

  it('one text reached by two services (an anchor) is judged once', () => {
    const r = scan(
      yaml(
        'services:',
        '  a:',
        '    build:',
        '      dockerfile_inline: &df |',
        '        FROM alpine:3.20',
        '        USER root',
        '  b:',
        '    build:',
        '      dockerfile_inline: *df',
      ),
    );
    assert.deepEqual(built(r), ['BW3005 5:9-5:25', 'BW2005 5:14-5:25', 'BW3001 6:14-6:18']);
    // Both services are judged with its USER.
    assert.equal(r.findings.filter((f) => f.ruleId === 'BW1030' && f.status === 'violation').length, 2);
  });
});

describe('build.dockerfile_inline with build.args', () => {
  it("the service's arguments replace the ARG defaults for the file's own findings and for the image's user", () => {
    // `$$` writes a `$` past compose's interpolation, so that the Dockerfile reads its own ARGs.
    const r = scan(
      yaml(
        'services:',
        '  app:',
        '    build:',
        '      dockerfile_inline: |',
        '        ARG BASE_TAG=3.20',
        '        FROM alpine:$${BASE_TAG}',
        '        ARG APP_USER=10001',
        '        USER $${APP_USER}',
        '      args:',
        '        BASE_TAG: latest',
        '        APP_USER: root',
        '  plain:',
        '    build:',
        '      dockerfile_inline: |',
        '        ARG BASE_TAG=3.20',
        '        FROM alpine:$${BASE_TAG}',
        '        ARG APP_USER=10001',
        '        USER $${APP_USER}',
      ),
    );
    assert.deepEqual(shown(r), []);
    const of = (service: string) =>
      r.findings
        .filter((f) => f.subject.endsWith(`dockerfile_inline of service "${service}"`) && (f.ruleId === 'BW2004' || f.ruleId === 'BW3001'))
        .map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`);
    // `latest` from the argument: BW2004 at the FROM's image; root from the argument: BW3001 at USER's value.
    assert.deepEqual(of('app'), ['BW2004 6:14', 'BW3001 8:14']);
    assert.deepEqual(of('plain'), []);
    const bw1030 = r.findings.filter((f) => f.ruleId === 'BW1030').map((f) => f.message);
    assert.deepEqual(bw1030, ['Service "app" sets no user, and its image runs as root.']);
  });
});
