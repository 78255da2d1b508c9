import type { ImageSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { df } from '../dockerfile/testing.js';
import { requireNonRootImageUser } from './require-non-root-image-user.js';

const inspected = (user: string): ImageSpec => ({
  name: 'local/app:1',
  origin: 'image',
  at: { source: 'image:local/app:1', path: 'Config' },
  user: { value: user, at: { source: 'image:local/app:1', path: 'Config.User' } },
  env: [],
  exposedPorts: [],
  labels: [],
});

testRule(requireNonRootImageUser, {
  valid: [
    {
      name: 'numeric uid:gid',
      dockerfile: df`
        FROM alpine:3.20
        RUN addgroup -S app && adduser -S -G app -u 10001 app
        USER 10001:10001
      `,
    },
    {
      name: 'USER from an ARG default, set in the stage the final stage builds on',
      dockerfile: df`
        FROM node:20.17-alpine AS base
        ARG APP_UID=10001
        USER \${APP_UID}
        FROM base AS runtime
        CMD ["node", "server.js"]
      `,
    },
    {
      name: 'root for the install, then a user',
      dockerfile: df`
        FROM debian:12-slim
        USER root
        RUN apt-get update
        USER app
      `,
    },
    { name: 'a distroless nonroot base sets its own user', dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    { name: 'an inspected image with a user', model: inspected('10001') },
    {
      name: 'a quoted user name: the builder removes the quotes (app)',
      dockerfile: df`
        FROM alpine:3.20
        USER "app"
      `,
    },
    {
      name: 'a quoted root in single quotes is literal text, not the user root',
      dockerfile: df`
        FROM alpine:3.20
        USER '\$ROOT'
      `,
    },
  ],
  invalid: [
    {
      name: 'no USER at all',
      dockerfile: df`
        FROM node:20.17-alpine
        CMD ["node", "server.js"]
      `,
      errors: [{ messageId: 'noUser', line: 1, column: 1, message: 'The final stage of Dockerfile sets no USER, so it runs as root.' }],
    },
    {
      name: 'USER only in a build stage the final stage does not build on',
      dockerfile: df`
        FROM golang:1.22 AS build
        USER 10001
        RUN go build -o /out/app .
        FROM alpine:3.20 AS runtime
        COPY --from=build /out/app /app
      `,
      errors: [{ messageId: 'noUser', line: 4, column: 1, message: 'The final stage "runtime" of Dockerfile sets no USER, so it runs as root.' }],
    },
    {
      name: 'root by name, by uid and uid:gid',
      dockerfile: df`
        FROM alpine:3.20 AS a
        USER root
        FROM a AS b
        USER 0:0
      `,
      errors: [{ messageId: 'root', line: 4, column: 6, message: 'The final stage "b" of Dockerfile runs as root (USER 0:0).' }],
    },
    {
      name: 'root in double quotes: BuildKit reads USER as a shell word and removes the quotes',
      dockerfile: df`
        FROM alpine:3.20
        USER "root"
      `,
      errors: [{ messageId: 'root', line: 2, column: 6, message: 'The final stage of Dockerfile runs as root (USER root).' }],
    },
    {
      name: 'root in single quotes',
      dockerfile: df`
        FROM alpine:3.20
        USER 'root'
      `,
      errors: [{ messageId: 'root', line: 2, column: 6, message: 'The final stage of Dockerfile runs as root (USER root).' }],
    },
    {
      name: 'uid:gid 0:0 in double quotes, and root from a variable in double quotes',
      dockerfile: df`
        FROM alpine:3.20 AS a
        ARG RUN_AS=root
        USER "\${RUN_AS}"
        FROM a
        USER "0:0"
      `,
      errors: [{ messageId: 'root', line: 5, column: 6, message: 'The final stage of Dockerfile runs as root (USER 0:0).' }],
    },
    {
      name: 'root spelt with an escape and a quoted part',
      dockerfile: 'FROM alpine:3.20\nUSER \\r"o"ot\n',
      errors: [{ messageId: 'root', line: 2, column: 6, message: 'The final stage of Dockerfile runs as root (USER root).' }],
    },
    {
      name: 'the Windows administrator account, with the backtick escape',
      dockerfile: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\n',
      errors: [{ messageId: 'root', line: 3, column: 6 }],
    },
    {
      name: 'a USER from a build argument with no default is unknown',
      dockerfile: df`
        FROM alpine:3.20
        ARG APP_UID
        USER \${APP_UID}
      `,
      errors: [{ messageId: 'unknown', line: 3, column: 6, status: 'unknown' }],
    },
    { name: 'an inspected image with an empty User', model: inspected(''), errors: [{ messageId: 'noUser', line: 0, column: 0 }] },
    {
      name: 'a signed uid 0 (Go strconv.Atoi takes the sign)',
      dockerfile: df`
        FROM alpine:3.20
        USER +0
      `,
      errors: [{ messageId: 'root', line: 2, column: 6, message: 'The final stage of Dockerfile runs as root (USER +0).' }],
    },
  ],
});
