import { testRule } from '../../testing/rule-tester.js';
import { noSecretsInBuildArgs } from './no-secrets-in-build-args.js';
import { df } from './testing.js';

testRule(noSecretsInBuildArgs, {
  valid: [
    {
      name: 'secret mount instead of a build argument',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        ARG NODE_VERSION=20.17
        FROM node:\${NODE_VERSION}-alpine AS build
        ARG NPM_REGISTRY=https://registry.npmjs.org
        RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
        FROM node:20.17-alpine
        ENV NODE_ENV=production
      `,
    },
    {
      name: 'names that only look like secrets, and file references',
      dockerfile: df`
        FROM alpine:3.20
        ARG TOKEN_FILE=/run/secrets/token
        ARG PUBLIC_KEY
        ARG KEY_ID=abc
        ARG PASSWORD_MIN_LENGTH=12
      `,
    },
    {
      name: 'ENV of the final stage is left to the image rule BW3003',
      dockerfile: df`
        FROM alpine:3.20
        ENV API_TOKEN=tk_live_0123456789abcdef
      `,
    },
  ],
  invalid: [
    {
      name: 'global ARG without default: the value comes from --build-arg',
      dockerfile: df`
        ARG NPM_TOKEN
        FROM node:20.17-alpine
        RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > ~/.npmrc && npm ci && rm ~/.npmrc
      `,
      errors: [{ messageId: 'argByName', line: 1, column: 5, message: 'Build argument NPM_TOKEN looks like a secret (value from --build-arg).' }],
    },
    {
      name: 'stage ARG with a literal default, masked',
      dockerfile: df`
        FROM alpine:3.20
        ARG DB_PASSWORD=hunter2hunter2
      `,
      errors: [{ messageId: 'argByName', line: 2, column: 5, message: 'Build argument DB_PASSWORD looks like a secret (...(14 chars)).' }],
    },
    {
      name: 'value shape: an AWS access key id in an innocent name',
      dockerfile: df`
        FROM alpine:3.20
        ARG DEPLOY=AKIAIOSFODNN7EXAMPLE
      `,
      errors: [{ messageId: 'argByValue', line: 2, column: 5 }],
    },
    {
      name: 'ENV in a build stage that does not reach the final image',
      dockerfile: df`
        FROM golang:1.22 AS build
        ENV GITHUB_TOKEN=s3cr3t-v4lue-here \
            CGO_ENABLED=0
        ENV DEPLOY_KEY=ghp_0123456789abcdefghijABCDEFGHIJ012345
        FROM scratch
        COPY --from=build /out/app /app
        USER 10001
      `,
      errors: [
        { messageId: 'envByName', line: 2, column: 5, message: 'Stage "build" sets secret GITHUB_TOKEN as ENV (s3cr...(17 chars)).' },
        { messageId: 'envByValue', line: 4, column: 5 },
      ],
    },
  ],
});
