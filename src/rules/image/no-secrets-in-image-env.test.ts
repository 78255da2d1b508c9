import { testRule } from '../../testing/rule-tester.js';
import { df } from '../dockerfile/testing.js';
import { noSecretsInImageEnv } from './no-secrets-in-image-env.js';

testRule(noSecretsInImageEnv, {
  valid: [
    {
      name: 'settings and file references',
      dockerfile: df`
        FROM node:20.17-alpine
        ENV NODE_ENV=production DB_PASSWORD_FILE=/run/secrets/db_password \
            SESSION_TTL=3600
      `,
    },
    {
      name: 'template placeholders are not leaked credentials',
      dockerfile: df`
        FROM node:20.17-alpine
        ENV API_TOKEN=changeme DB_PASSWORD="<set-at-runtime>" SMTP_PASSWORD=xxxx
      `,
    },
    {
      name: 'ordinary labels: OCI keys, URLs without passwords, flags about tokens',
      dockerfile: df`
        FROM alpine:3.20
        LABEL org.opencontainers.image.source=https://github.com/example/shop \
              org.opencontainers.image.revision=4f2c1e9b7a3d5e6f8a9b0c1d2e3f4a5b6c7d8e9f \
              maintainer="ops@example.com" com.example.token-required=true com.example.api-key=changeme
      `,
    },
    {
      name: 'a build stage ENV does not reach the image (BW2001 reports it)',
      dockerfile: df`
        FROM node:20.17-alpine AS build
        ENV NPM_TOKEN=npm_abcdefabcdef1234
        FROM node:20.17-alpine
        COPY --from=build /app /app
      `,
    },
  ],
  invalid: [
    {
      name: 'a literal token',
      dockerfile: df`
        FROM node:20.17-alpine
        ENV LOG_LEVEL=info API_TOKEN="tk_live_0123456789abcdef"
      `,
      errors: [
        { messageId: 'byName', line: 2, column: 20, message: 'The final stage of Dockerfile sets secret API_TOKEN in its environment (tk_l...(24 chars)).' },
      ],
    },
    {
      name: 'copied from a build argument, through the stage chain',
      dockerfile: df`
        FROM node:20.17-alpine AS base
        ARG GH_TOKEN
        ENV GITHUB_TOKEN=$GH_TOKEN
        FROM base
      `,
      errors: [
        {
          messageId: 'byName',
          line: 3,
          column: 5,
          message: 'The final stage of Dockerfile sets secret GITHUB_TOKEN in its environment (value from $GH_TOKEN).',
        },
      ],
    },
    {
      name: 'a value shape in an innocent name, old ENV syntax',
      dockerfile: df`
        FROM alpine:3.20
        ENV DEPLOY AKIAIOSFODNN7EXAMPLE
      `,
      errors: [{ messageId: 'byValue', line: 2, column: 5 }],
    },
    {
      name: 'labels holding a token by shape, and a secret-named label with a literal value',
      dockerfile: df`
        FROM alpine:3.20
        LABEL gh=ghp_abcdefghijklmnopqrstuvwxyz0123456789AB
        LABEL com.example.deploy_token="tk_live_0123456789abcdef"
      `,
      errors: [
        {
          messageId: 'labelByValue',
          line: 2,
          column: 7,
          message: 'The final stage of Dockerfile carries label gh set to a GitHub token (ghp_...(42 chars)).',
        },
        {
          messageId: 'labelByName',
          line: 3,
          column: 7,
          message: 'The final stage of Dockerfile carries secret label com.example.deploy_token (tk_l...(24 chars)).',
        },
      ],
    },
    {
      name: 'a value shape under an empty name',
      dockerfile: df`
        FROM alpine:3.20
        ENV ="ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"
      `,
      errors: [
        {
          messageId: 'byValue',
          line: 2,
          column: 5,
          message: 'The final stage of Dockerfile sets an environment variable with an empty name to a GitHub token (ghp_...(42 chars)).',
        },
      ],
    },
  ],
});
