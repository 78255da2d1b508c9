import { testRule } from '../../testing/rule-tester.js';
import { noSecretFilesCopied } from './no-secret-files-copied.js';
import { df } from './testing.js';

/** A certificate and a private key as PEM files of a build context (not real ones). */
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUbm90IGEgcmVhbCBjZXJ0\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIG5vdCBhIHJlYWwga2V5\n-----END PRIVATE KEY-----\n';

testRule(noSecretFilesCopied, {
  valid: [
    {
      name: 'ordinary files, certificates, examples and public keys',
      dockerfile: df`
        FROM node:20.17-alpine
        COPY package.json package-lock.json ./
        COPY certs/ca.pem certs/fullchain.pem /etc/ssl/certs/
        COPY .env.example /app/
        COPY deploy/id_ed25519.pub /home/app/.ssh/authorized_keys
        COPY --from=build /app/dist ./dist
      `,
    },
    {
      name: 'PEM files named as certificates or public keys',
      dockerfile: df`
        FROM node:20.17-alpine
        COPY certs/rootCA.pem /usr/local/share/ca-certificates/rootCA.crt
        COPY keys/pubkey.pem keys/jwt-public.pem tls/server-cert.pem tls/myca.pem tls/intermediate.pem /etc/app/
      `,
    },
    {
      name: 'a wildcard .pem source whose matches in the context are all certificates',
      dockerfile: df`
        FROM nginx:1.27
        COPY *.pem /certs/
        COPY certs/*.pem /etc/ssl/
      `,
      files: { 'server.pem': CERT, 'chain.pem': CERT, 'certs/a.pem': CERT, 'certs/b.pem': CERT },
    },
    {
      name: 'a wildcard .pem source: the private key among the matches is left out of the context by .dockerignore',
      dockerfile: df`
        FROM nginx:1.27
        COPY *.pem /certs/
      `,
      files: { 'server.pem': CERT, 'server-key.pem': KEY, '.dockerignore': '.git\n*-key.pem\n' },
    },
    {
      name: 'heredoc sources are written in the Dockerfile, not copied files',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<EOF /app/.env
        LOG_LEVEL=info
        EOF
      `,
    },
    {
      name: 'sample files from heredocs, and placeholder values in a .env',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<'EOF' /app/.env.example
        API_KEY=your-api-key-here
        SECRET_KEY=secret
        EOF
        COPY <<EOF /app/.env
        API_KEY=your_api_key
        OPENAI_API_KEY=sk-...
        DB_PASSWORD=password
        SESSION_SECRET=session_secret
        AUTH_TOKEN=<token>
        SIGNING_KEY=...
        EOF
      `,
    },
    {
      name: 'public keys under key names, and texts that only mention a private key header',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<EOF /etc/app/jwt.key
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
        -----END PUBLIC KEY-----
        EOF
        COPY <<EOF /docs/keys.md
        A key file starts with -----BEGIN PRIVATE KEY----- and must never be committed.
        EOF
      `,
    },
    {
      name: 'credentials files from heredocs with variables, placeholders or nothing secret; secret names in code',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<EOF /root/.aws/credentials
        [default]
        aws_access_key_id = \${AWS_ACCESS_KEY_ID}
        aws_secret_access_key = \${AWS_SECRET_ACCESS_KEY}
        region = eu-west-1
        EOF
        COPY <<EOF /root/.npmrc
        //registry.npmjs.org/:_authToken=\${NPM_TOKEN}
        EOF
        COPY <<EOF /app/.env
        DB_PASSWORD=changeme
        DB_PASSWORD_FILE=/run/secrets/db
        EOF
        COPY <<EOF /app/settings.py
        API_TOKEN = os.environ["API_TOKEN"]
        EOF
        COPY <<EOF /etc/app/config.yaml
        token: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        EOF
      `,
    },
    {
      name: 'heredoc references the builder leaves alone: a quoted delimiter, an escaped $, a variable not declared before',
      dockerfile: df`
        FROM node:20.17-alpine
        ARG NPM_TOKEN
        COPY <<"EOF" /root/.npmrc
        //registry.npmjs.org/:_authToken=\${NPM_TOKEN}
        EOF
        COPY <<EOF /app/.npmrc
        //registry.npmjs.org/:_authToken=\$NPM_TOKEN
        //npm.pkg.github.com/:_authToken=\${GITHUB_TOKEN}
        EOF
        ARG GITHUB_TOKEN
      `,
    },
  ],
  invalid: [
    {
      name: 'the heredoc named like a key among several, and a PGP private key block',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<A <<id_rsa /root/.ssh/
        config
        A
        placeholder
        id_rsa
        ADD <<EOF /etc/app/signing.asc
        -----BEGIN PGP PRIVATE KEY BLOCK-----
        lQOYBGRg
        -----END PGP PRIVATE KEY BLOCK-----
        EOF
      `,
      errors: [
        {
          messageId: 'secretWritten',
          line: 3,
          column: 19,
          message: 'COPY in stage #1 writes /root/.ssh/id_rsa, an SSH private key, into the image from a heredoc.',
        },
        {
          messageId: 'secretWritten',
          line: 8,
          column: 11,
          message: 'ADD in stage #1 writes /etc/app/signing.asc, a private key, into the image from a heredoc.',
        },
      ],
    },
    {
      name: 'a private key written from a heredoc, by its name or by its text',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<EOF /root/.ssh/id_ed25519
        placeholder
        EOF
        COPY <<-"KEY" /etc/app/
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAA
        -----END OPENSSH PRIVATE KEY-----
        KEY
      `,
      errors: [
        {
          messageId: 'secretWritten',
          line: 3,
          column: 12,
          message: 'COPY in stage #1 writes /root/.ssh/id_ed25519, an SSH private key, into the image from a heredoc.',
        },
        { messageId: 'secretWritten', line: 6, column: 15, message: 'COPY in stage #1 writes /etc/app/KEY, a private key, into the image from a heredoc.' },
      ],
    },
    {
      name: 'an AWS credentials file written from a heredoc: the key id by its shape, the secret by its name',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<EOF /root/.aws/credentials
        [default]
        aws_access_key_id = AKIAIOSFODNN7EXAMPLE
        aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        EOF
      `,
      errors: [
        {
          messageId: 'secretInHeredoc',
          line: 5,
          column: 21,
          message: 'COPY in stage #1 writes an AWS access key id (AKIA...(20 chars)) into /root/.aws/credentials from a heredoc.',
        },
        {
          messageId: 'secretInHeredoc',
          line: 6,
          column: 25,
          message: 'COPY in stage #1 writes aws_secret_access_key (wJal...(40 chars)) into /root/.aws/credentials from a heredoc.',
        },
      ],
    },
    {
      name: 'other credentials files (.npmrc, .netrc, .env, docker config) and a token in any file',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<EOF /root/.npmrc
        //registry.npmjs.org/:_authToken=npm_s3cr3tT0kenValue
        EOF
        COPY <<EOF /root/.netrc
        machine github.com login ci password "S3cr3tPassw0rd"
        EOF
        ADD <<EOF /app/.env.production
        DB_PASSWORD=S3cr3tPassw0rd # prod
        EOF
        COPY <<config.json /root/.docker/
        { "auths": { "reg.example.com": { "auth": "Y2k6UzNjcjN0UGFzc3cwcmQ=" } } }
        config.json
        COPY <<EOF /etc/app/config.yaml
        github_token: ghp_0123456789abcdefghijABCDEFGHIJ012345
        EOF
        COPY <<EOF /root/.pgpass
        # host:port:database:user:password
        db:5432:app:app:S3cr3tPassw0rd
        EOF
      `,
      errors: [
        {
          messageId: 'secretInHeredoc',
          line: 4,
          column: 34,
          message: 'COPY in stage #1 writes _authToken (npm_...(20 chars)) into /root/.npmrc from a heredoc.',
        },
        { messageId: 'secretInHeredoc', line: 7, column: 39 },
        { messageId: 'secretInHeredoc', line: 10, column: 13 },
        {
          messageId: 'secretInHeredoc',
          line: 13,
          column: 44,
          message: 'COPY in stage #1 writes auth (Y2k6...(24 chars)) into /root/.docker/config.json from a heredoc.',
        },
        {
          messageId: 'secretInHeredoc',
          line: 16,
          column: 15,
          message: 'COPY in stage #1 writes a GitHub token (ghp_...(40 chars)) into /etc/app/config.yaml from a heredoc.',
        },
        {
          messageId: 'secretInHeredoc',
          line: 20,
          column: 17,
          message: 'COPY in stage #1 writes password (...(14 chars)) into /root/.pgpass from a heredoc.',
        },
      ],
    },
    {
      name: 'an SSH private key',
      dockerfile: df`
        FROM alpine:3.20
        COPY id_rsa /root/.ssh/id_rsa
      `,
      errors: [{ messageId: 'secretFile', line: 2, column: 6, message: 'COPY in stage #1 copies id_rsa, an SSH private key, into the image.' }],
    },
    {
      name: '.env with ADD, and a key from another stage',
      dockerfile: df`
        FROM alpine:3.20 AS certs
        RUN openssl req -x509 -newkey rsa:2048 -nodes -keyout /server.key -out /server.crt -subj /CN=x
        FROM nginx:1.27
        ADD .env /app/.env
        COPY --from=certs --chmod=600 /server.key /etc/nginx/private/
      `,
      errors: [
        { messageId: 'secretFile', line: 4, column: 5 },
        { messageId: 'secretFile', line: 5, column: 31 },
      ],
    },
    {
      name: 'exec (JSON) form',
      dockerfile: df`
        FROM node:20.17-alpine
        COPY [".npmrc", "package.json", "/app/"]
      `,
      errors: [{ messageId: 'secretFile', line: 2, column: 8, message: 'COPY in stage #1 copies .npmrc, a credentials file, into the image.' }],
    },
    {
      name: 'PEM files named like keys, a CA key included',
      dockerfile: df`
        FROM nginx:1.27
        COPY tls/server.pem tls/ca-key.pem certs/rootCA-key.pem /etc/nginx/tls/
      `,
      errors: [
        {
          messageId: 'secretFile',
          line: 2,
          column: 6,
          message: 'COPY in stage #1 copies tls/server.pem, a PEM file that may hold a private key, into the image.',
        },
        { messageId: 'secretFile', line: 2, column: 21 },
        { messageId: 'secretFile', line: 2, column: 36 },
      ],
    },
    {
      name: 'a wildcard .pem source with a private key among its matches in the context',
      dockerfile: df`
        FROM nginx:1.27
        COPY *.pem /certs/
      `,
      files: { 'server.pem': CERT, 'chain.pem': CERT, 'server-key.pem': KEY },
      errors: [{ messageId: 'secretFile', line: 2, column: 6, message: 'COPY in stage #1 copies *.pem, a PEM file holding a private key, into the image.' }],
    },
    {
      name: 'a wildcard .pem source in a subfolder with a private key among its matches',
      dockerfile: df`
        FROM nginx:1.27
        COPY README.md certs/*.pem /etc/ssl/
      `,
      files: { 'README.md': 'docs', 'certs/ca.pem': CERT, 'certs/tls.pem': KEY, 'server.pem': CERT },
      errors: [
        { messageId: 'secretFile', line: 2, column: 16, message: 'COPY in stage #1 copies certs/*.pem, a PEM file holding a private key, into the image.' },
      ],
    },
    {
      name: 'a wildcard .pem source that matches nothing in the context is judged by its name, as before',
      dockerfile: df`
        FROM nginx:1.27
        COPY keys/*.pem /certs/
      `,
      files: { 'certs/ca.pem': CERT },
      errors: [
        { messageId: 'secretFile', line: 2, column: 6, message: 'COPY in stage #1 copies keys/*.pem, a PEM file that may hold a private key, into the image.' },
      ],
    },
    {
      name: 'a sample file from a heredoc is judged by secret shapes only: a live key in it is still reported',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        COPY <<'EOF' /app/.env.example
        API_KEY=your-api-key-here
        STRIPE_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc0000
        EOF
      `,
      errors: [
        {
          messageId: 'secretInHeredoc',
          line: 5,
          column: 19,
          message: 'COPY in stage #1 writes a Stripe live key (sk_l...(36 chars)) into /app/.env.example from a heredoc.',
        },
      ],
    },
    {
      name: 'a secret build argument or ENV expanded by the builder into a heredoc whose delimiter is not quoted',
      dockerfile: df`
        FROM node:20.17-alpine AS base
        ENV SENTRY_AUTH_TOKEN=from-ci
        FROM base
        ARG NPM_TOKEN
        COPY <<EOF /root/.npmrc
        //registry.npmjs.org/:_authToken=\${NPM_TOKEN}
        EOF
        COPY <<-EOF /app/.sentryclirc
        	[auth]
        	token=$SENTRY_AUTH_TOKEN
        	EOF
      `,
      errors: [
        {
          messageId: 'expandsSecret',
          line: 6,
          column: 34,
          message:
            'COPY in stage #2 writes build argument NPM_TOKEN into /root/.npmrc from a heredoc whose delimiter is not quoted: the builder expands it, so its value stays in the layer.',
        },
        {
          messageId: 'expandsSecret',
          line: 10,
          column: 8,
          message:
            'COPY in stage #2 writes variable SENTRY_AUTH_TOKEN into /app/.sentryclirc from a heredoc whose delimiter is not quoted: the builder expands it, so its value stays in the layer.',
        },
      ],
    },
  ],
});
