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
      name: 'a token template shaped like a token is not a token (under a secret name it is reported by name)',
      compose: yaml`
      services:
        api:
          image: api:1
          environment:
            GH_TOKEN_FORMAT: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
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
    {
      name: 'build args: no secret, values from the environment (set, unset or listed alone), placeholders',
      compose: yaml`
      services:
        app:
          image: ghcr.io/acme/app:1.0
          build:
            context: .
            args: [NODE_VERSION=20, NPM_TOKEN, GH_TOKEN=changeme, "GIT_URL=https://oauth2:\${GL_TOKEN}@gitlab.com/acme/lib.git"]
        worker:
          image: ghcr.io/acme/worker:1.0
          build:
            context: .
            args:
              NPM_TOKEN: "\${NPM_TOKEN}"
              API_TOKEN: \${API_TOKEN}
              DB_PASSWORD:
              SIGNING_KEY: "<signing-key>"
              REGISTRY_TOKEN: ""
              GH: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
              DEBUG: "true"
    `,
      env: {
        NPM_TOKEN: 'npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
        GH_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
        GL_TOKEN: 'glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn',
      },
    },
    {
      name: 'a URL whose query or fragment holds : and @ has no password (? and # end the authority)',
      compose: yaml`
      services:
        api:
          image: ghcr.io/acme/api:1.0
          environment:
            CALLBACK_URL: https://example.com?x=1:2@3
            DOCS_URL: "https://example.com#a:b@c"
    `,
    },
    { run: 'docker run -e U=https://example.com?x=1:2@3 nginx:1.27' },
  ],
  invalid: [
    {
      name: 'qualified secret names, a passphrase, a long number and base64 are secrets; a $$ variable reference kept for later expansion is not',
      compose: [
        'services:',
        '  app:',
        '    image: nginx:1.27',
        '    environment:',
        '      DB_PASSWORD: "$${DB_PASSWORD_FROM_VAULT}"',
        '      API_TOKEN: "$$API_TOKEN"',
        '      DB_PASSWORD2: "Xk9mQ2vLp7Rt"',
        '      ADMIN_PASSWORD_NEW: "Xk9mQ2vLp7Rt"',
        '      KEY_PASSPHRASE: "correct horse"',
        '      ADMIN_PASSWORD: "123456"',
        '      DB_SECRET: "/u7Hk+9qLmZ2pR4sT6vX8yA=="',
        '      MAX_TOKENS: "4096"',
        '      TOKEN_URL: https://auth.example.com/token',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'byName', line: 7, column: 7, message: 'Service "app" passes secret DB_PASSWORD2 as an environment variable (...(12 chars)).' },
        { messageId: 'byName', line: 8, column: 7, message: 'Service "app" passes secret ADMIN_PASSWORD_NEW as an environment variable (...(12 chars)).' },
        { messageId: 'byName', line: 9, column: 7, message: 'Service "app" passes secret KEY_PASSPHRASE as an environment variable (...(13 chars)).' },
        { messageId: 'byName', line: 10, column: 7, message: 'Service "app" passes secret ADMIN_PASSWORD as an environment variable (...(6 chars)).' },
        { messageId: 'byName', line: 11, column: 7, message: 'Service "app" passes secret DB_SECRET as an environment variable (/u7H...(25 chars)).' },
      ],
    },
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
            - GH_TOKEN=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
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
        { messageId: 'byValue', line: 8, column: 9, message: 'Service "api" sets environment variable GH_TOKEN to a GitHub token (ghp_...(40 chars)).' },
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
    {
      name: 'build args, list form: by name, a URL with a password, a token under a harmless name; located at the item',
      compose: yaml`
      services:
        app:
          image: ghcr.io/acme/app:1.0
          build:
            context: .
            args:
              - NODE_VERSION=20
              - NPM_TOKEN=s3cr3tTokenValue99
              - GIT_URL=https://deploy:Sup3rS3cretPw9@git.example.com/acme/lib.git
              - BUILD_REF=ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ
              - LIB_URL=https://oauth2:glpat-xxxxxxxxxxxxxxxxxxxx@gitlab.com/acme/lib.git
    `,
      errors: [
        {
          messageId: 'buildArgByName',
          line: 8,
          column: 11,
          message: 'Service "app" passes secret NPM_TOKEN as a build argument (s3cr...(18 chars)).',
        },
        {
          messageId: 'buildArgByValue',
          line: 9,
          column: 11,
          message: 'Service "app" passes a URL with a password as build argument GIT_URL (http...(58 chars)).',
        },
        {
          messageId: 'buildArgByValue',
          line: 10,
          column: 11,
          message: 'Service "app" passes a GitHub token as build argument BUILD_REF (ghp_...(40 chars)).',
        },
        {
          messageId: 'buildArgByValue',
          line: 11,
          column: 11,
          message: 'Service "app" passes a GitLab token as build argument LIB_URL (http...(65 chars)).',
        },
      ],
    },
    {
      name: 'build args, mapping form: located at the value; a URL partly interpolated is judged as written',
      compose: yaml`
      services:
        app:
          image: ghcr.io/acme/app:1.0
          build:
            context: .
            args:
              NPM_TOKEN: s3cr3tTokenValue99
              DB_PASSWORD: hunter2hunter2
              GIT_URL: https://oauth2:glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn@gitlab.com/\${GROUP}/lib.git
              API_TOKEN: \${API_TOKEN:-tk_live_abcdefghijklmnopqrstuvwx}
    `,
      env: { GROUP: 'acme' },
      errors: [
        { messageId: 'buildArgByName', line: 7, column: 20, message: 'Service "app" passes secret NPM_TOKEN as a build argument (s3cr...(18 chars)).' },
        { messageId: 'buildArgByName', line: 8, column: 22, message: 'Service "app" passes secret DB_PASSWORD as a build argument (...(14 chars)).' },
        {
          messageId: 'buildArgByValue',
          line: 9,
          column: 18,
          message: 'Service "app" passes a GitLab token as build argument GIT_URL (http...(69 chars)).',
        },
        {
          messageId: 'buildArgByName',
          line: 10,
          column: 20,
          message: 'Service "app" passes secret API_TOKEN as a build argument (tk_l...(32 chars)).',
        },
      ],
    },
    { name: "value from the caller's environment", run: 'docker run -e API_TOKEN nginx:1.27', errors: [{ messageId: 'byName', line: 1, column: 12 }] },
    {
      name: 'a real token or password with some x in it is not a placeholder',
      compose: yaml`
      services:
        api:
          image: api:1
          environment:
            HF_TOKEN: hf_xKx9xxQaBcxxDeFxxGhIjKxxLmNoPqRsT
            DB_PASSWORD: Pxx9kx2xQ7
            API_KEY: x9xxQxxx7Kxx
    `,
      errors: [
        { messageId: 'byName', line: 5, column: 7, message: 'Service "api" passes secret HF_TOKEN as an environment variable (hf_x...(36 chars)).' },
        { messageId: 'byName', line: 6, column: 7, message: 'Service "api" passes secret DB_PASSWORD as an environment variable (...(10 chars)).' },
        { messageId: 'byName', line: 7, column: 7, message: 'Service "api" passes secret API_KEY as an environment variable (...(12 chars)).' },
      ],
    },
    { run: 'docker run -e DB_PASSWORD=Pxx9kx2xQ7 nginx:1.27', errors: [{ messageId: 'byName', line: 1, column: 12 }] },
    {
      name: 'placeholders, masked-out tokens and token templates under secret names: still passed in the environment',
      compose: yaml`
      services:
        api:
          image: api:1
          environment:
            HF_TOKEN: hf_xxxxxxxxxxxxxxxxxxxxxxxx
            DB_PASSWORD: changeme
            API_TOKEN: <your-token>
            SECRET_KEY: "****"
            JWT_SECRET: __JWT_SECRET__
            GH_TOKEN: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    `,
      errors: [
        { messageId: 'byName', line: 5, column: 7, message: 'Service "api" passes secret HF_TOKEN as an environment variable (hf_x...(27 chars)).' },
        { messageId: 'byName', line: 6, column: 7 },
        { messageId: 'byName', line: 7, column: 7 },
        { messageId: 'byName', line: 8, column: 7 },
        { messageId: 'byName', line: 9, column: 7 },
        { messageId: 'byName', line: 10, column: 7 },
      ],
    },
    {
      run: 'docker run -e HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxx -e DB_PASSWORD=changeme nginx:1.27',
      errors: [
        { messageId: 'byName', line: 1, column: 12 },
        { messageId: 'byName', line: 1, column: 52 },
      ],
    },
    {
      engine: '{"Name": "/web", "Config": {"Env": ["API_TOKEN=YOUR_API_TOKEN", "DB_PASSWORD=********"]}}',
      errors: [
        { messageId: 'byName', line: 1, column: 37 },
        { messageId: 'byName', line: 1, column: 65 },
      ],
    },
    {
      name: 'a variable or build-argument name of 1,000 characters is cut after 100, with its length; a token-shaped one masked',
      compose: yaml`
      services:
        api:
          image: api:1
          build:
            context: .
            args:
              ${'A'.repeat(994)}_TOKEN: s3cr3tTokenValue99
              ${'B'.repeat(1000)}: ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ
          environment:
            ${'K'.repeat(1000)}: ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ
            ${'S'.repeat(994)}_TOKEN: s3cr3tTokenValue99
            ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ_TOKEN: s3cr3tTokenValue99
    `,
      errors: [
        {
          messageId: 'buildArgByName',
          line: 7,
          column: 1011,
          message: `Service "api" passes secret ${'A'.repeat(100)}... (1000 characters) as a build argument (s3cr...(18 chars)).`,
        },
        {
          messageId: 'buildArgByValue',
          line: 8,
          column: 1011,
          message: `Service "api" passes a GitHub token as build argument ${'B'.repeat(100)}... (1000 characters) (ghp_...(40 chars)).`,
        },
        {
          messageId: 'byValue',
          line: 10,
          column: 7,
          message: `Service "api" sets environment variable ${'K'.repeat(100)}... (1000 characters) to a GitHub token (ghp_...(40 chars)).`,
        },
        {
          messageId: 'byName',
          line: 11,
          column: 7,
          message: `Service "api" passes secret ${'S'.repeat(100)}... (1000 characters) as an environment variable (s3cr...(18 chars)).`,
        },
        {
          messageId: 'byName',
          line: 12,
          column: 7,
          message: 'Service "api" passes secret ghp_...(46 chars) as an environment variable (s3cr...(18 chars)).',
        },
      ],
    },
  ],
});
