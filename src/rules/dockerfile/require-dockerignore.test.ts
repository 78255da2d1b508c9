import { testRule } from '../../testing/rule-tester.js';
import { requireDockerignore } from './require-dockerignore.js';
import { df } from './testing.js';

const APP = df`
  FROM node:20.17-alpine
  COPY --from=busybox:1.36 /bin/busybox /bin/busybox
  COPY . /app
`;

testRule(requireDockerignore, {
  valid: [
    { name: 'excludes .git, .env and keys', dockerfile: APP, files: { '.dockerignore': '# context\n.git\n**/.env\n*.pem\n*.key\nnode_modules\n' } },
    { name: 'an allow-list excludes everything else', dockerfile: APP, files: { '.dockerignore': '*\n!src\n!package*.json\n' } },
    { name: 'Dockerfile.dockerignore beside the Dockerfile wins', dockerfile: APP, files: { 'Dockerfile.dockerignore': '*\n!dist\n', '.dockerignore': '' } },
    {
      name: 'nothing is copied from the context',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY --from=build /out /app
        COPY <<EOF /etc/motd
        hello
        EOF
      `,
    },
  ],
  invalid: [
    {
      name: 'no .dockerignore',
      dockerfile: APP,
      errors: [{ messageId: 'missing', line: 3, column: 6, message: 'The Dockerfile copies from build context ".", which has no .dockerignore.' }],
    },
    {
      name: 'a .dockerignore that forgets .env and keys, or re-includes them',
      dockerfile: APP,
      files: { '.dockerignore': '.git\nnode_modules\n*.pem\n!server.pem\n' },
      errors: [
        {
          messageId: 'notExcluded',
          line: 3,
          column: 6,
          message: 'The Dockerfile copies from build context ".", and .dockerignore does not exclude .env, private keys (*.key).',
        },
      ],
    },
    {
      name: 'points at the COPY that sends the whole context, not at the first COPY',
      dockerfile: df`
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
        COPY ./ /app
      `,
      files: { '.dockerignore': '.git\n.env\n*.pem\n' },
      errors: [
        {
          messageId: 'notExcluded',
          line: 5,
          column: 6,
          message: 'The Dockerfile copies from build context ".", and .dockerignore does not exclude private keys (*.key).',
        },
      ],
    },
  ],
});
