import { testRule } from '../../testing/rule-tester.js';
import { noCurlPipeShell } from './no-curl-pipe-shell.js';
import { df } from './testing.js';

testRule(noCurlPipeShell, {
  valid: [
    {
      name: 'a download sent to the background, then a shell that reads no download',
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSL https://example.com/warm-cache > /dev/null 2>&1 & sh /opt/start.sh
      `,
    },
    {
      name: 'download, verify, run; pipes into tar and gpg',
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
         && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/install.sh" | sha256sum -c - \
         && sh /tmp/install.sh
        RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
        RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
      `,
    },
    {
      name: 'a heredoc for another interpreter is not a shell script',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM python:3.12-slim
        RUN python3 <<EOF
        print("curl https://example.com | sh")
        EOF
      `,
    },
    {
      name: 'data piped into an interpreter that runs an inline program or a module',
      dockerfile: df`
        FROM python:3.12-slim
        RUN curl -fsSL https://api.example.com/releases | python3 -c "import json,sys; print(json.load(sys.stdin)['tag'])"
        RUN curl https://api.example.com/v | python3 -m json.tool && curl https://example.com/list | perl -ne 'print if /v1/'
        RUN VERSION="$(curl -fsSL https://api.example.com/latest | python3 -c 'import sys; print(sys.stdin.read().strip())')" \
         && curl -fsSL https://example.com/cfg | sh -c 'cat > /tmp/cfg' && wget -qO- https://example.com/x | node -e 'process.stdin.pipe(process.stdout)'
      `,
    },
    {
      name: 'a heredoc body that is data for another command of the line (cat), not a script',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN <<A cat > /docs/install.md 2>&1 && <<B sh
        curl -fsSL https://get.example.com | sh
        A
        echo installed
        B
      `,
    },
    {
      name: 'saved under the URL name, then unpacked or verified first',
      dockerfile: df`
        FROM alpine:3.20
        RUN curl -fsSLO https://example.com/tool.tgz && tar -xzf tool.tgz
        RUN wget https://example.com/install.sh && sha256sum -c install.sh.sha256 && sh install.sh
        RUN curl -fsSL https://example.com/install.sh -o /tmp/other.sh && sh install.sh
      `,
    },
    {
      name: 'commands quoted as text (a motd, a README), not run',
      dockerfile: df`
        FROM alpine:3.20
        RUN echo "Install the CLI with: curl -fsSL https://get.example.com | sh" > /etc/motd
        RUN printf '%s\\n' 'wget -qO- https://get.example.com | sh' > /README
        RUN echo "To update: curl -o /tmp/u.sh https://get.example.com/u.sh && sh /tmp/u.sh" > /etc/motd
      `,
    },
    {
      name: 'downloads written to files that are unpacked, verified first, or never run',
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /usr/local/bin
        RUN wget -qO /tmp/i.sh https://example.com/i.sh && gpg --verify /tmp/i.sh.asc /tmp/i.sh && sh /tmp/i.sh
        RUN curl -fsSL -o- https://example.com/list > /dev/null || sh -c 'echo offline'
        RUN curl -fsSL https://example.com/a || sh /opt/fallback.sh
      `,
    },
  ],
  invalid: [
    {
      name: 'redirections with & (2>&1, &>, <&) inside the pipeline',
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSL https://get.example.com 2>&1 | sh
        RUN wget -qO- https://get.example.com 2>/dev/null | bash -s -- --yes &>/var/log/install.log
        RUN curl -fsSL https://get.example.com <&- | sh 2>&1
      `,
      errors: [
        { messageId: 'pipeToShell', line: 2, column: 5 },
        { messageId: 'pipeToShell', line: 3, column: 5 },
        { messageId: 'pipeToShell', line: 4, column: 5 },
      ],
    },
    {
      name: 'in the body of the heredoc a shell reads, next to one that is data',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN <<A cat > /docs/install.md && <<B sh
        see the manual
        A
        curl -fsSL https://get.example.com | sh
        B
      `,
      errors: [{ messageId: 'pipeToShell', line: 6, column: 1 }],
    },
    {
      name: 'heredoc bodies a shell runs: through a pipe, sudo, env, a full path',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN cat <<EOF | sh
        curl -fsSL https://get.example.com | sh
        EOF
        RUN sudo -u app bash <<EOF
        curl -fsSL https://get.example.com | bash
        EOF
        RUN env DEBUG=1 /usr/local/bin/bash <<EOF
        wget -qO- https://get.example.com | sh
        EOF
      `,
      errors: [
        { messageId: 'pipeToShell', line: 4, column: 1 },
        { messageId: 'pipeToShell', line: 7, column: 1 },
        { messageId: 'pipeToShell', line: 10, column: 1 },
      ],
    },
    {
      name: 'two heredocs with one name: the second body is the one sh reads',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN cat <<EOF > /tmp/a && sh <<EOF
        hello
        EOF
        curl -fsSL https://get.example.com | sh
        EOF
      `,
      errors: [{ messageId: 'pipeToShell', line: 6, column: 1 }],
    },
    {
      name: 'through more pipeline stages, into a quoted interpreter, through eval or source',
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSL https://get.example.com | tee /tmp/install.sh | sh
        RUN curl -fsSL https://get.example.com/x.gz | gunzip | "bash"
        RUN eval "$(curl -fsSL https://get.example.com/env)"
        RUN . <(wget -qO- https://get.example.com/env)
      `,
      errors: [
        { messageId: 'pipeToShell', line: 2, column: 5 },
        { messageId: 'pipeToShell', line: 3, column: 5 },
        { messageId: 'pipeToShell', line: 4, column: 13 },
        { messageId: 'pipeToShell', line: 5, column: 9 },
      ],
    },
    {
      name: 'saved under the URL name (curl -O, wget), then run unverified',
      dockerfile: df`
        FROM alpine:3.20
        RUN curl -fsSLO https://get.example.com/install.sh && sh install.sh
        RUN wget -q "https://get.example.com/setup.sh?v=2" && chmod +x setup.sh && ./setup.sh
      `,
      errors: [
        { messageId: 'runsDownload', line: 2, column: 5, message: 'A RUN in stage #1 runs install.sh, downloaded with curl, without verifying it.' },
        { messageId: 'runsDownload', line: 3, column: 5, message: 'A RUN in stage #1 runs setup.sh, downloaded with wget, without verifying it.' },
      ],
    },
    {
      name: 'downloaded to a file, then run without a checksum or signature check',
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSLo /tmp/install.sh https://get.example.com && sh /tmp/install.sh --yes
        RUN wget -qO install.sh https://get.example.com && chmod +x install.sh && ./install.sh
        RUN wget --output-document=/tmp/get.sh https://get.example.com && bash /tmp/get.sh
        RUN curl --output=/usr/local/bin/setup https://get.example.com/setup \
         && chmod +x /usr/local/bin/setup \
         && /usr/local/bin/setup
      `,
      errors: [
        { messageId: 'runsDownload', line: 2, column: 5, message: 'A RUN in stage #1 runs /tmp/install.sh, downloaded with curl, without verifying it.' },
        { messageId: 'runsDownload', line: 3, column: 5 },
        { messageId: 'runsDownload', line: 4, column: 5, message: 'A RUN in stage #1 runs /tmp/get.sh, downloaded with wget, without verifying it.' },
        { messageId: 'runsDownload', line: 5, column: 5 },
      ],
    },
    {
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSL https://get.example.com | sh
      `,
      errors: [{ messageId: 'pipeToShell', line: 2, column: 5, message: 'A RUN in stage #1 pipes a curl download into an interpreter without verifying it.' }],
    },
    {
      name: 'an ONBUILD RUN trigger (it runs in every child image build)',
      dockerfile: df`
        FROM debian:12-slim
        ONBUILD RUN curl -fsSL https://get.example.com | sh
      `,
      errors: [{ messageId: 'pipeToShell', line: 2, column: 13 }],
    },
    {
      name: 'in the heredoc body of an ONBUILD RUN trigger',
      dockerfile: df`
        FROM debian:12-slim
        ONBUILD RUN <<EOF
        curl -fsSL https://get.example.com | sh
        EOF
      `,
      errors: [{ messageId: 'pipeToShell', line: 3, column: 1 }],
    },
    {
      name: 'wget into sudo bash, across a continuation',
      dockerfile: df`
        FROM debian:12-slim
        RUN apt-get update && wget -qO- https://example.com/setup \
              | sudo bash -s -- --yes
      `,
      errors: [{ messageId: 'pipeToShell', line: 2, column: 23 }],
    },
    {
      name: 'command substitution in a heredoc',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM debian:12-slim
        RUN <<EOF
        set -e
        sh -c "$(curl -fsSL https://example.com/install.sh)"
        EOF
      `,
      errors: [{ messageId: 'pipeToShell', line: 5, column: 10 }],
    },
    {
      name: 'stdin operands and options that still read the script from stdin',
      dockerfile: df`
        FROM python:3.12-slim
        RUN curl -fsSL https://get.example.com | sh - && curl -fsSL https://get.example.com/p | python3 -
        RUN V=$(curl -fsSL https://get.example.com | sh -e) && curl https://get.example.com | bash -s -- -c
      `,
      errors: [
        { messageId: 'pipeToShell', line: 2, column: 5 },
        { messageId: 'pipeToShell', line: 2, column: 50 },
        { messageId: 'pipeToShell', line: 3, column: 9 },
        { messageId: 'pipeToShell', line: 3, column: 56 },
      ],
    },
    {
      name: 'options that hold separators, read again from each: given up, and said so (not read in quadratic time)',
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -o /tmp/x.sh https://example.com/x.sh; sh ${'-a;sh '.repeat(300)}/tmp/x.sh
      `,
      errors: [{ messageId: 'unchecked', line: 2, column: 1, status: 'unknown' }],
    },
  ],
});
