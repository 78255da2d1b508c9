import { testRule } from '../../testing/rule-tester.js';
import { noCurlPipeShell } from './no-curl-pipe-shell.js';
import { df } from './testing.js';

testRule(noCurlPipeShell, {
  valid: [
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
  ],
  invalid: [
    {
      dockerfile: df`
        FROM debian:12-slim
        RUN curl -fsSL https://get.example.com | sh
      `,
      errors: [{ messageId: 'pipeToShell', line: 2, column: 5, message: 'A RUN in stage 1 pipes a curl download into an interpreter without verifying it.' }],
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
  ],
});
