import { testRule } from '../../testing/rule-tester.js';
import { noSecretsInRun } from './no-secrets-in-run.js';
import { df } from './testing.js';

testRule(noSecretsInRun, {
  valid: [
    {
      name: 'the seed pattern: the token is read from a secret mount',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN --mount=type=secret,id=npm_token \
            export NPM_TOKEN=$(cat /run/secrets/npm_token) && npm ci
      `,
    },
    {
      name: 'a heredoc that pipes a variable and sets a non-secret',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN --mount=type=secret,id=registry,env=REGISTRY_PASSWORD <<EOF
        set -eu
        echo "$REGISTRY_PASSWORD" | docker login --password-stdin -u ci registry.example.com
        TOKEN_LENGTH=32 ./generate
        EOF
      `,
    },
    {
      name: 'a secret written to a file that the same RUN removes',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
            echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm -f .npmrc
      `,
    },
    {
      name: 'exec form with placeholders',
      dockerfile: df`
        FROM alpine:3.20
        RUN ["sh", "-c", "PASSWORD=\"$DB_PASSWORD\" ./migrate --password \"$DB_PASSWORD\""]
      `,
    },
  ],
  invalid: [
    {
      name: 'inline assignment before a command',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN NPM_TOKEN=npm_abcdefabcdef1234 npm ci
      `,
      errors: [{ messageId: 'inlineSecret', line: 2, column: 5, message: 'A RUN in stage #1 sets NPM_TOKEN to a literal secret (npm_…(20 chars)).' }],
    },
    {
      name: 'a password flag, after a line continuation',
      dockerfile: df`
        FROM docker:27-cli
        RUN docker login -u ci \
              --password "s3cretPassw0rd" registry.example.com
      `,
      errors: [{ messageId: 'passwordFlag', line: 3, column: 7 }],
    },
    {
      name: 'a token inside a URL, in a heredoc body',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN <<EOF
        set -eu
        git clone https://ci:ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/acme/app.git
        EOF
      `,
      errors: [{ messageId: 'secretValue', line: 5, column: 11 }],
    },
    {
      name: 'a secret variable echoed into a file of the layer',
      dockerfile: df`
        FROM node:20.17-alpine AS deps
        RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
            echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > /root/.npmrc \
         && npm ci
      `,
      errors: [
        {
          messageId: 'writesSecret',
          line: 3,
          column: 44,
          message: 'A RUN in stage "deps" writes secret variable NPM_TOKEN into /root/.npmrc, which stays in the layer.',
        },
      ],
    },
  ],
});
