import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSecretsInEnvironment } from './no-secrets-in-environment.js';

testRule(noSecretsInEnvironment, {
  valid: [
    {
      name: 'secrets as files, flags and non-secret names',
      compose: yaml`
      services:
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD_FILE: /run/secrets/db_password
            MYSQL_ALLOW_EMPTY_PASSWORD: "yes"
            PASSWORD_MIN_LENGTH: 12
            TOKEN_TTL: 3600
            PUBLIC_KEY: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample
            LOG_LEVEL: info
            COMMIT_SHA: 3f786850e387550fdab836ed7e6dc881de23001b
          secrets: [db_password]
      secrets:
        db_password:
          file: ./secrets/db_password.txt
    `,
    },
    {
      name: 'list form without secrets',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          environment:
            - NGINX_PORT=8080
            - REDIS_URL=redis://cache:6379/0
            - GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json
            - TLS_KEY=/certs/tls.key
    `,
    },
    {
      name: 'a secret named by its ARN, and a Stripe publishable key (public by design)',
      compose: yaml`
      services:
        api:
          image: api:1
          environment:
            DB_SECRET_ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf
            STRIPE_PUBLISHABLE: pk_live_51HfGhJKLmnOPqrStUVwxYZ0123456789abcdefghijKLMN
    `,
    },
    { engine: '{"Name": "/web", "Config": {"Env": ["PATH=/usr/local/bin:/usr/bin:/bin", "LOG_LEVEL=info"]}}' },
    { run: 'docker run -e LOG_LEVEL=debug nginx:1.27' },
    { run: 'docker run -e DB_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf nginx:1.27' },
  ],
  invalid: [
    {
      name: 'by name, map form, value masked',
      compose: yaml`
      services:
        api:
          image: api:1
          environment:
            JWT_SECRET: s3cr3t-signing-key
            DB_PASSWORD: hunter2
    `,
      errors: [
        { messageId: 'byName', line: 5, column: 7, message: 'Service "api" passes secret JWT_SECRET as an environment variable (s3cr...(18 chars)).' },
        { messageId: 'byName', line: 6, column: 7, message: 'Service "api" passes secret DB_PASSWORD as an environment variable (...(7 chars)).' },
      ],
    },
    {
      name: 'by value shape, list form',
      compose: yaml`
      services:
        api:
          image: api:1
          environment:
            - AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
            - GH=ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ
            - DATABASE_URL=postgres://app:Sup3rS3cret@db:5432/app
    `,
      errors: [
        {
          messageId: 'byValue',
          line: 5,
          column: 9,
          message: 'Service "api" sets environment variable AWS_ACCESS_KEY_ID to an AWS access key id (AKIA...(20 chars)).',
        },
        { messageId: 'byValue', line: 6, column: 9 },
        { messageId: 'byValue', line: 7, column: 9 },
      ],
    },
    {
      name: 'a value shape under an empty name',
      compose: 'services:\n  api:\n    image: api:1\n    environment:\n      - "=ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"\n',
      errors: [
        {
          messageId: 'byValue',
          line: 5,
          column: 9,
          message: 'Service "api" sets an environment variable with an empty name to a GitHub token (ghp_...(42 chars)).',
        },
      ],
    },
    {
      name: 'a URL whose password is interpolated, set or not',
      compose: 'services:\n  api:\n    image: api:1\n    environment:\n      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n',
      errors: [
        {
          messageId: 'byValue',
          line: 5,
          column: 9,
          message: 'Service "api" sets environment variable DATABASE_URL to a URL with a password (password from ${DB_PASSWORD}).',
        },
      ],
    },
    {
      name: 'a URL whose password is interpolated, with an empty user (the Redis form)',
      compose: 'services:\n  api:\n    image: api:1\n    environment:\n      REDIS_URL: redis://:${REDIS_PW}@redis:6379/0\n',
      errors: [
        {
          messageId: 'byValue',
          line: 5,
          column: 7,
          message: 'Service "api" sets environment variable REDIS_URL to a URL with a password (password from ${REDIS_PW}).',
        },
      ],
    },
    {
      name: 'interpolated from the environment: still never printed',
      compose: 'services:\n  api:\n    image: api:1\n    environment:\n      API_TOKEN: ${API_TOKEN}\n',
      env: { API_TOKEN: 'tk_live_abcdefghijklmnopqrstuvwx' },
      errors: [{ messageId: 'byName', line: 5, column: 7, message: 'Service "api" passes secret API_TOKEN as an environment variable (tk_l...(32 chars)).' }],
    },
    {
      name: 'unset variable and pass-through still use the environment',
      compose: 'services:\n  api:\n    image: api:1\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n      - REDIS_PASSWORD\n',
      errors: [
        { messageId: 'byName', line: 5, column: 9, message: 'Service "api" passes secret DB_PASSWORD as an environment variable (value from ${DB_PASSWORD}).' },
        {
          messageId: 'byName',
          line: 6,
          column: 9,
          message: 'Service "api" passes secret REDIS_PASSWORD as an environment variable (value taken from the caller\'s environment).',
        },
      ],
    },
    {
      name: 'from an env_file: compose puts its variables in the container environment; located in the env file',
      compose: 'services:\n  api:\n    image: api:1\n    env_file: [api.env]\n',
      files: { 'api.env': 'LOG_LEVEL=info\nSTRIPE_KEY=sk_live_abcdefghijklmnopqrstuvwx\nDB_PASSWORD="hunter2hunter2"\n' },
      errors: [
        { messageId: 'byValue', line: 2, column: 1, source: 'api.env' },
        {
          messageId: 'byName',
          line: 3,
          column: 1,
          source: 'api.env',
          message: 'Service "api" passes secret DB_PASSWORD as an environment variable (...(14 chars)).',
        },
      ],
    },
    {
      name: 'engine Config.Env',
      engine: '{"Name": "/web", "Config": {"Env": ["PATH=/usr/bin", "DB_PASSWORD=hunter2hunter2"]}}',
      errors: [{ messageId: 'byName', line: 1, column: 54 }],
    },
    { run: 'docker run -e DB_PASSWORD=hunter2hunter2 nginx:1.27', errors: [{ messageId: 'byName', line: 1, column: 12 }] },
    { name: "value from the caller's environment", run: 'docker run -e API_TOKEN nginx:1.27', errors: [{ messageId: 'byName', line: 1, column: 12 }] },
  ],
});
