import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSecretsInCommand } from './no-secrets-in-command.js';

testRule(noSecretsInCommand, {
  valid: [
    {
      name: 'secret references and settings, not secrets: a BuildKit secret spec, provider references, words that make the program ask, label settings',
      compose: yaml`
      services:
        builder:
          image: docker:27-cli
          command: docker buildx build --secret id=npm_token,src=/run/secrets/npm_token --secret db_password -t app .
        cache:
          image: redis:7.4
          command: redis-server --requirepass "$\${REDIS_PASSWORD}" --masterauth /run/secrets/redis --requirepass no
          entrypoint: ["app", "--password", "env:DB_PASSWORD", "--token", "@/run/secrets/token", "--api-key", "op://vault/api/key", "--pass", "prompt"]
          labels:
            com.example.api_key: required
            com.example.token: disabled
            com.example.encryption-key: aws-kms
            com.example.ssh.key: id_ed25519
            com.example.sshkey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host"
            caddy.tls.dns.api_token: "{env.CF_API_TOKEN}"
            com.example.password: "%API_KEY%"
    `,
    },
    {
      name: 'labels that name an authentication scheme without a literal credential: variables, descriptions, placeholders',
      compose: yaml`
      services:
        proxy:
          image: traefik:v3.1
          labels:
            com.example.auth-header: "Bearer \${API_TOKEN}"
            com.example.token: "Bearer required"
            com.example.token-type: Bearer
            com.example.token-note: "token rotated weekly"
            com.example.api-token: "Bearer PLACEHOLDER"
            com.example.registry-password: "Basic PASSWORD"
            com.example.basic-password: "Basic ********"
            com.example.github-token: "Bearer ghp_************"
            com.example.bearer-token: "Bearer TOKEN_HERE"
            com.example.access-token: "Bearer __API_TOKEN__"
            com.example.refresh-token: "Bearer REPLACE_ME"
            com.example.csrf-token: "token X-CSRF-Token"
            com.example.jwt-token: "Bearer HS256/JWT"
            com.example.oauth-token: "Bearer OAuth2.0"
            com.example.auth-password: 'Basic realm="Restricted"'
            traefik.http.middlewares.api.headers.customrequestheaders.Authorization: "Bearer \${API_TOKEN}"
            com.example.bot-token: "Bot required"
            com.example.okta-token: "SSWS \${OKTA_TOKEN}"
            com.example.api-key: "ApiKey: CHANGEME_PLEASE"
            com.example.token-policy: "token rotated-weekly-2024"
            com.example.api-key-expiry: "Api-Key Expires-In-3600"
            com.example.release: "Bearer: release-2024-11-30"
    `,
      env: { API_TOKEN: 'Zm9vYmFyYmF6cXV4MTIzNDU2', OKTA_TOKEN: '00QCjAl4MlV-WPXM0123456789abcdef' },
    },
    {
      name: 'commands and labels without secrets, secrets from files and variables',
      compose: yaml`
      services:
        app:
          image: ghcr.io/acme/app:1.0
          command: ["--db-url=postgres://app:\${DB_PASSWORD}@db/app", "--token", "\${API_TOKEN}", "--password-file", "/run/secrets/db_password"]
          entrypoint: sh -c "export AWS_SECRET_ACCESS_KEY=$$AWS_SECRET && exec app"
          healthcheck: {test: ["CMD-SHELL", "curl -fsS -u admin:$$HEALTH_PASSWORD http://localhost/health"]}
          labels:
            traefik.http.routers.app.rule: Host(\`app.example.com\`)
            traefik.http.services.app.loadbalancer.server.port: "8080"
            org.opencontainers.image.source: https://github.com/acme/app
            org.opencontainers.image.revision: 3f786850e387550fdab836ed7e6dc881de23001b
            com.example.token-ttl: "3600"
            com.example.api-token: \${LABEL_TOKEN}
            com.example.password-file: /run/secrets/db_password
          secrets: [db_password]
        worker:
          image: ghcr.io/acme/worker:1.0
          command: worker --concurrency 4 --token-file /run/secrets/token
          entrypoint: ["/usr/bin/tini", "--"]
          healthcheck:
            test: ["CMD", "wget", "-qO-", "http://localhost:8080/healthz"]
          labels: ["com.example.team=payments", "com.example.secret=changeme", "com.example.auth-token"]
      secrets:
        db_password:
          file: ./secrets/db_password.txt
    `,
      env: { DB_PASSWORD: 'Sup3rS3cretPw', API_TOKEN: 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', LABEL_TOKEN: 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' },
    },
    { run: 'docker run --label com.example.team=payments -l traefik.enable=true --entrypoint /usr/bin/tini nginx:1.27 -- nginx -g "daemon off;"' },
    { run: 'docker run --health-cmd "curl -fsS -u admin:$HEALTH_PW http://localhost/" app:1 --token "$API_TOKEN"' },
    {
      engine:
        '{"Name": "/web", "Config": {"Cmd": ["nginx", "-g", "daemon off;"], "Entrypoint": ["/docker-entrypoint.sh"], "Labels": {"maintainer": "NGINX Docker Maintainers", "com.docker.compose.config-hash": "9b8f1a0d3c6e4f2a7b5d8c1e0f3a6b9d2c5e8f1a4b7d0c3e6f9a2b5d8c1e4f7a"}, "Healthcheck": {"Test": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}}}',
    },
    {
      name: 'references a later shell or the program expands, written with $$; variables and prompts after an sh -c script; look-alike words',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          entrypoint: ["sh", "-c", "exec app \\"$$@\\"", "--", "--password", "$$\${APP_PASSWORD}", "--token", "$$API_TOKEN", "--verbose"]
          command: ["--api-key", "$$(cat /run/secrets/key)", "--secret", "pre$$\${SUFFIX}", "--pass", "$$1"]
          labels:
            com.example.password: "$$PW"
            com.example.token: "$$\${TOKEN}"
            com.example.api-key: "pre$$API_KEY"
        b:
          image: ghcr.io/acme/app:1.0
          entrypoint: sh -c 'app --password pa$$w0rd "$$@"' -- --token $$TOKEN
          command: ["vault", "login", "-method=oidc"]
          healthcheck:
            test: mongosh -u admin -p "$$MONGO_PW" --eval 'db.ping()'
          labels:
            com.example.hf: hf_transfer
        d:
          image: ghcr.io/acme/app:1.0
          command: ["sh", "-c", "exec mongosh \\"$$@\\"", "--", "-p", "$$MONGO_PW"]
          entrypoint: ["mongosh", "-p", "prompt", "--password", "prompt", "-p", "stdin"]
          healthcheck:
            test: mongosh -u admin -pprompt --eval 'db.ping()'
        f:
          image: ghcr.io/acme/app:1.0
          command: ["sh", "-c", "exec app --password \\"pa$$w0rdXY\\" --token pa$$w0rdXY"]
          healthcheck:
            test: "mongosh -p \\"$$MONGO_PW\\" && mongosh -p '$$\${MONGO_PW}'"
        g:
          image: ghcr.io/acme/app:1.0
          command: ["vault", "login", "YOUR_VAULT_TOKEN"]
          entrypoint: ["sh", "-c", "htpasswd -nb bob password && rabbitmqctl add_user bob ... && exec app --token your-api-key-here"]
          healthcheck:
            test: ["CMD", "app", "--token", "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "--password", "..."]
        e:
          image: ghcr.io/acme/app:1.0
          command: ["sh", "-c", "echo \\"$$@\\"", "--", "-p", "S3cretPw16"]
          entrypoint: ["sh", "-c", "exec mongosh \\"$$@\\"", "-p", "S3cretPw16"]
    `,
    },
    {
      name: 'a $$ that starts a reference or is only a process id, and placeholders, in compose (written $$$$)',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--password", "$$$$DB_PASSWORD", "--token", "hf_xxxxxxxxxxxxxxxxxxxxxxxx"]
          entrypoint: app --password '<your-password>' --api-key YOUR_API_KEY --secret "****"
          healthcheck: {test: ["CMD-SHELL", "app --password \\"$$$$DB_PASSWORD\\" --token \\"$$$$\\""]}
    `,
    },
    { run: 'docker run app:1 app --password "$$DB_PASSWORD" --token "$$" --api-key hf_xxxxxxxxxxxxxxxxxxxxxxxx' },
    { engine: '{"Name": "/api", "Config": {"Cmd": ["app", "--password", "$$DB_PASSWORD", "--token", "__API_TOKEN__"]}}' },
    {
      name: 'deploy.labels from variables, settings and placeholders; one an override file sets to a variable',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          deploy:
            labels:
              com.example.api-token: \${LABEL_TOKEN}
              traefik.http.routers.web.rule: Host(\`web.example.com\`)
              com.example.password: hunter2hunter2
        worker:
          image: nginx:1.27
          deploy:
            labels: ["com.example.secret=changeme", "com.example.password=\${PW}", "com.example.auth-token"]
    `,
      files: { 'compose.override.yaml': 'services:\n  web:\n    deploy:\n      labels:\n        com.example.password: ${WEB_PASSWORD}\n' },
      env: { LABEL_TOKEN: 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', PW: 'hunter2hunter2', WEB_PASSWORD: 'hunter2hunter2' },
    },
    {
      name: "special parameters in a shell's double quotes are expansions: a value that is only one holds no literal, nor does a $$ that reads as a reference",
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command:
            - sh
            - -c
            - app --password "$$?" --token "$$1" --secret "$$@" --api-key "$$#"
        b:
          image: ghcr.io/acme/app:1.0
          command: ["sh", "-c", "app --password \\"$$$$\\""]
          healthcheck:
            test: ["CMD-SHELL", "app --password \\"$$$$DB_PASSWORD\\" --token \\"pre$$$$TOKEN\\""]
    `,
    },
    { run: `docker run app:1 sh -c 'app --password "$?" --token "$1" --secret "$@" --api-key "$$"'` },
    { engine: String.raw`{"Name": "/api", "Config": {"Cmd": ["sh", "-c", "app --password \"$$\" --token \"$?\" --secret \"$1\""]}}` },
    { run: 'docker run app:1 app --password "$1" --token "$?" --secret "$@"' },
    {
      name: 'a positional parameter ($1…$9, $0, $@, $*, braced or not) is text given from outside the line: a value with one is unknown',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: sh -c 'app --password "$$@"x --token "$\${1}"abcdefgh --secret "ab$$*cdefgh12"'
          entrypoint: ["sh", "-c", "exec app --password \\"$\${@}\\"x --token \\"ab$$0cdefgh12\\""]
    `,
    },
    { run: `docker run app:1 sh -c 'app --password "$@"x --token "ab\${1}cdefgh12" --secret "\${?}"'` },
    { engine: '{"Name": "/api", "Config": {"Cmd": ["sh", "-c", "app --password \\"$@\\"x --token \\"ab${9}cdefgh12\\""]}}' },
    {
      name: 'in an exec-form argument a backslash is a character: one that escapes another leaves the $ after it a reference',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--password", '\\\\$$PW', "--name", "O'Brien"]
    `,
    },
    { run: String.raw`docker run app:1 app --password '\\$PW' --name "O'Brien"` },
    { engine: '{"Name": "/api", "Config": {"Cmd": ["app", "--password", "\\\\\\\\$PW", "--name", "O\'Brien"]}}' },
    {
      name: 'in an sh -c script inside an sh -c script: values from variables and positional parameters are no literals',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: sh -c 'sh -c "app --password $$PW --token \\"$$1\\"x"'
          entrypoint:
            - sh
            - -c
            - sh -c 'sh -c "PGPASSWORD=$$DB_PW psql"'
    `,
    },
    { run: `docker run app:1 sh -c 'sh -c "sh -c \\"app --password \\$PW\\""'` },
    { run: `docker run app:1 sh -c "app '--password=$PW' \\"--token=\\$TOKEN\\""` },
    { run: `docker run app:1 sh -c "printf '--password=%s' \\"\\$PW\\" > /tmp/args && printf 'DB_PASSWORD=%s' x"` },
  ],
  invalid: [
    {
      name: 'server and JVM password options: redis --requirepass and --masterauth, -D...password=, --client-secret',
      compose: yaml`
      services:
        cache:
          image: redis:7.4
          command: redis-server --requirepass Sup3rS3cretPw --masterauth Sup3rS3cretPw
        api:
          image: ghcr.io/acme/api:1.0
          entrypoint: ["java", "-Dspring.datasource.password=Sup3rS3cretPw", "-jar", "/app.jar", "--client-secret", "c1ientS3cretValue"]
    `,
      errors: [
        { messageId: 'passwordFlag', line: 4, column: 27, message: 'Service "cache" passes a literal secret to --requirepass in its command (...(13 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 55, message: 'Service "cache" passes a literal secret to --masterauth in its command (...(13 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 7,
          column: 27,
          message: 'Service "api" passes a literal secret to -Dspring.datasource.password in its entrypoint (...(13 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 7,
          column: 93,
          message: 'Service "api" passes a literal secret to --client-secret in its entrypoint (c1ie...(17 chars)).',
        },
      ],
    },
    {
      name: 'a script after a ["/bin/sh", "-c"] entrypoint is read as a shell script',
      compose: yaml`
      services:
        b:
          image: ghcr.io/acme/app:1.0
          entrypoint: ["/bin/sh", "-c"]
          command: ["PGPASSWORD=Sup3rS3cretPw exec psql -h db"]
    `,
      errors: [{ messageId: 'inlineSecret', line: 5, column: 16, message: 'Service "b" sets PGPASSWORD to a literal secret in its command (...(13 chars)).' }],
    },
    {
      name: 'a password in an exec-form argument with blanks is masked at its own length (15 characters: none shown)',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["exec app --password Sup3rS3cretPw12"]
          labels: {com.example.password: hunter2hunter2}
    `,
      errors: [
        { messageId: 'passwordFlag', line: 4, column: 25, message: 'Service "a" passes a literal secret to --password in its command (...(15 chars)).' },
        { messageId: 'labelByName', line: 5, column: 36, message: 'Service "a" sets label com.example.password to a literal secret (...(14 chars)).' },
      ],
    },
    {
      name: 'a credential after its authentication scheme (Bearer, Basic), under a secret key, a header name or any key as a whole header',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          labels:
            com.example.api-token: "Bearer Zm9vYmFyYmF6cXV4MTIzNDU2"
            com.example.registry-password: Basic YWRtaW46U3VwM3JTM2NyZXQ=
            traefik.http.middlewares.api.headers.customrequestheaders.Authorization: "Bearer 9f86d081884c7d659a2feaa0c55ad015"
            com.example.upstream: "Authorization: Basic YWRtaW46U3VwM3JTM2NyZXQ="
    `,
      errors: [
        { messageId: 'labelByName', line: 5, column: 30, message: 'Service "a" sets label com.example.api-token to a literal secret (Bear...(31 chars)).' },
        {
          messageId: 'labelByName',
          line: 6,
          column: 38,
          message: 'Service "a" sets label com.example.registry-password to a literal secret (Basi...(30 chars)).',
        },
        {
          messageId: 'labelByName',
          line: 7,
          column: 80,
          message: 'Service "a" sets label traefik.http.middlewares.api.headers.customrequestheaders.Authorization to a literal secret (Bear...(39 chars)).',
        },
        { messageId: 'labelByName', line: 8, column: 29, message: 'Service "a" sets label com.example.upstream to a literal secret (Auth...(45 chars)).' },
      ],
    },
    {
      name: 'a credential after a vendor scheme (Discord Bot, Okta SSWS, Elasticsearch ApiKey) or after a scheme and a colon',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          labels:
            com.example.discord: "Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijk123"
            com.example.okta: "SSWS 00QCjAl4MlV-WPXM0123456789abcdef"
            com.example.elastic: "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
            com.example.upstream-auth: "Bearer: 9f86d081884c7d659a2feaa0c55ad015"
    `,
      errors: [
        { messageId: 'labelByName', line: 5, column: 28, message: 'Service "a" sets label com.example.discord to a literal secret (Bot ...(50 chars)).' },
        { messageId: 'labelByName', line: 6, column: 25, message: 'Service "a" sets label com.example.okta to a literal secret (SSWS...(37 chars)).' },
        { messageId: 'labelByName', line: 7, column: 28, message: 'Service "a" sets label com.example.elastic to a literal secret (ApiK...(67 chars)).' },
        { messageId: 'labelByName', line: 8, column: 34, message: 'Service "a" sets label com.example.upstream-auth to a literal secret (Bear...(40 chars)).' },
      ],
    },
    {
      name: 'the first-user test: command, entrypoint, health check and label',
      compose: yaml`
      services:
        app:
          image: ghcr.io/acme/app:1.0
          command: ["--db-url=postgres://admin:Sup3rS3cretPw@db/app", "--token", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"]
          entrypoint: sh -c "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY && exec app"
          healthcheck: {test: ["CMD-SHELL", "curl -fsS -u admin:Sup3rS3cretPw http://localhost/health"]}
          labels: {com.example.token: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789}
    `,
      errors: [
        {
          messageId: 'secretValue',
          line: 4,
          column: 42,
          endColumn: 55,
          message: 'Service "app" has a URL with a password in its command (...(13 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 66,
          endColumn: 73,
          message: 'Service "app" passes a literal secret to --token in its command (ghp_...(40 chars)).',
        },
        {
          messageId: 'inlineSecret',
          line: 5,
          column: 31,
          endColumn: 52,
          message: 'Service "app" sets AWS_SECRET_ACCESS_KEY to a literal secret in its entrypoint (wJal...(40 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 6,
          column: 50,
          endColumn: 52,
          message: 'Service "app" passes a literal secret to -u in its health check (...(13 chars)).',
        },
        {
          messageId: 'labelByValue',
          line: 7,
          column: 33,
          endColumn: 73,
          message: 'Service "app" sets label com.example.token to a GitHub token (ghp_...(40 chars)).',
        },
      ],
    },
    {
      name: 'list-form labels, a label by its key, an exec-form sh -c, a test string and a mysql password',
      compose: yaml`
      services:
        db-tools:
          image: mysql:8.4
          command: ["sh", "-c", "mysqladmin ping -pS3cr3tPassw0rd && sleep 60"]
          healthcheck:
            test: mysqladmin ping -h localhost --password=S3cr3tPassw0rd
          labels:
            - com.example.team=payments
            - com.example.api-key=q8Zr2LmX7vTn
            - "com.example.webhook=https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX"
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 44,
          endColumn: 46,
          message: 'Service "db-tools" passes a literal secret to -p in its command (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 6,
          column: 42,
          endColumn: 52,
          message: 'Service "db-tools" passes a literal secret to --password in its health check (...(14 chars)).',
        },
        {
          messageId: 'labelByName',
          line: 9,
          column: 29,
          endColumn: 41,
          message: 'Service "db-tools" sets label com.example.api-key to a literal secret (...(12 chars)).',
        },
      ],
    },
    {
      name: 'a run line: the command after the image, --entrypoint, --label and --health-cmd',
      run: "docker run --entrypoint 'sh' -l com.example.token=glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn --health-cmd 'redis-cli -a S3cr3tPassw0rd ping' --label 'com.example.key=AKIAIOSFODNN7EXAMPLE' redis:7 -c 'exec app --api-key S3cr3tPassw0rd'",
      errors: [
        {
          messageId: 'labelByValue',
          line: 1,
          column: 51,
          endColumn: 77,
          message: 'The docker run command sets label com.example.token to a GitLab token (glpa...(26 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 78,
          message: 'The docker run command passes a literal secret to -a in its health check (...(14 chars)).',
        },
        {
          messageId: 'labelByValue',
          line: 1,
          column: 126,
          message: 'The docker run command sets label com.example.key to an AWS access key id (AKIA...(20 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 194,
          endColumn: 203,
          message: 'The docker run command passes a literal secret to --api-key in its command (...(14 chars)).',
        },
      ],
    },
    {
      name: 'a run line with a token after the image',
      run: 'docker run ghcr.io/acme/app:1.0 --db-url postgres://admin:Sup3rS3cretPw@db/app',
      errors: [
        {
          messageId: 'secretValue',
          line: 1,
          column: 59,
          endColumn: 72,
          message: 'The docker run command has a URL with a password in its command (...(13 chars)).',
        },
      ],
    },
    {
      name: 'a run line: a --label under a secret key with a Bearer credential',
      run: 'docker run -l "com.example.token=Bearer Zm9vYmFyYmF6cXV4MTIzNDU2" nginx:1.27',
      errors: [
        {
          messageId: 'labelByName',
          line: 1,
          column: 12,
          message: 'The docker run command sets label com.example.token to a literal secret (Bear...(31 chars)).',
        },
      ],
    },
    {
      name: 'a live container: Config.Cmd, Config.Entrypoint, Config.Labels and Config.Healthcheck',
      engine:
        '{"Name": "/api", "Config": {"Cmd": ["--token", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"], "Entrypoint": ["app"], "Labels": {"com.example.password": "Sup3rS3cretPw"}, "Healthcheck": {"Test": ["CMD", "curl", "-u", "admin:Sup3rS3cretPw", "http://localhost/"]}}}',
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 38,
          endColumn: 45,
          message: 'Container "api" passes a literal secret to --token in its command (ghp_...(40 chars)).',
        },
        { messageId: 'labelByName', line: 1, column: 151, message: 'Container "api" sets label com.example.password to a literal secret (...(13 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 210,
          endColumn: 212,
          message: 'Container "api" passes a literal secret to -u in its health check (...(13 chars)).',
        },
      ],
    },
    {
      name: 'the arguments after an sh -c script are its positional parameters: in the exec form, after a shell entrypoint, on a run line',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          entrypoint: ["sh", "-c", "exec app \\"$$@\\"", "--", "--password", "hunter2secret"]
        b:
          image: ghcr.io/acme/app:1.0
          entrypoint: ["sh"]
          command: ["-c", "exec app \\"$$@\\"", "app", "--token", "hunter2secret"]
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 57,
          endColumn: 67,
          message: 'Service "a" passes a literal secret to --password in its entrypoint (...(13 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 8,
          column: 49,
          endColumn: 56,
          message: 'Service "b" passes a literal secret to --token in its command (...(13 chars)).',
        },
      ],
    },
    {
      name: 'after an sh -c script that only runs a program on them (exec PROG "$@"), the arguments are read as its words',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["sh", "-c", "exec mongosh \\"$$@\\"", "--", "-p", "S3cretPw16"]
        b:
          image: ghcr.io/acme/app:1.0
          entrypoint: ["sh"]
          command: ["-c", "htpasswd \\"$$@\\"", "sh", "-nb", "bob", "S3cretPw16"]
    `,
      errors: [
        { messageId: 'passwordFlag', line: 4, column: 58, message: 'Service "a" passes a literal secret to -p in its command (...(10 chars)).' },
        { messageId: 'passwordFlag', line: 8, column: 62, message: 'Service "b" passes a literal secret to htpasswd -b in its command (...(10 chars)).' },
      ],
    },
    {
      name: 'a $ inside a single-quoted password is a character of the literal (at the whole value: $$ moves the columns)',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["sh", "-c", "exec app --password 'pa$$w0rdXY'"]
          healthcheck:
            test: "mongosh -p 'pa$$w0rdXY'"
    `,
      errors: [
        { messageId: 'passwordFlag', line: 4, column: 27, message: 'Service "a" passes a literal secret to --password in its command (...(9 chars)).' },
        { messageId: 'passwordFlag', line: 6, column: 13, message: 'Service "a" passes a literal secret to -p in its health check (...(9 chars)).' },
      ],
    },
    {
      name: 'a password glued to -p of the MongoDB tools',
      compose: yaml`
      services:
        a:
          image: mongo:8
          command: mongodump -u admin -pS3cretMongoPw
          healthcheck:
            test: ["CMD", "mongo", "-u", "admin", "-pS3cretMongoPw", "--eval", "db.ping()"]
    `,
      errors: [
        { messageId: 'passwordFlag', line: 4, column: 33, endColumn: 35, message: 'Service "a" passes a literal secret to -p in its command (...(13 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 6,
          column: 46,
          endColumn: 48,
          message: 'Service "a" passes a literal secret to -p in its health check (...(13 chars)).',
        },
      ],
    },
    {
      name: "a run line: after sh -c 'exec mongosh \"$@\"', the arguments are mongosh's",
      run: `docker run app sh -c 'exec mongosh "$@"' -- -p S3cretPw16`,
      errors: [
        { messageId: 'passwordFlag', line: 1, column: 45, message: 'The docker run command passes a literal secret to -p in its command (...(10 chars)).' },
      ],
    },
    {
      name: 'a run line: the arguments after an sh -c script',
      run: `docker run app:1 sh -c 'exec app "$@"' -- --password hunter2secret`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 43,
          endColumn: 53,
          message: 'The docker run command passes a literal secret to --password in its command (...(13 chars)).',
        },
      ],
    },
    {
      name: 'a $ compose reads from $$ in a literal is a character: exec form (at the option), a string command and a label (at the whole value)',
      compose: yaml`
      services:
        c:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--password", "pa$$w0rdLiteral", "--api-key", "S3cr$$tValue!", "--token", "ab$$cdefghijklmnop"]
          entrypoint: app --secret 'ab$$cdefgh12'
          labels:
            com.example.password: "pa$$w0rdLiteral"
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 23,
          endColumn: 33,
          message: 'Service "c" passes a literal secret to --password in its command (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 56,
          endColumn: 65,
          message: 'Service "c" passes a literal secret to --api-key in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 86,
          endColumn: 93,
          message: 'Service "c" passes a literal secret to --token in its command (ab$c...(17 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 17,
          endColumn: 44,
          message: 'Service "c" passes a literal secret to --secret in its entrypoint (...(11 chars)).',
        },
        {
          messageId: 'labelByName',
          line: 7,
          column: 29,
          endColumn: 46,
          message: 'Service "c" sets label com.example.password to a literal secret (...(14 chars)).',
        },
      ],
    },
    {
      name: 'mongosh -p, htpasswd -nb and rabbitmqctl add_user passwords; Anthropic and Hugging Face tokens in labels',
      compose: yaml`
      services:
        d:
          image: mongo:7
          healthcheck: {test: ["CMD", "mongosh", "-u", "admin", "-p", "hunter2secret", "--eval", "db.ping()"]}
          command: ["sh", "-c", "htpasswd -nb admin hunter2secret > /h && exec rabbitmqctl add_user ci hunter2secret"]
          labels:
            com.example.note: sk-ant-api03-pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa-2o76umfXfKm-r5kJP1VrT_1FJors-6ILi8IHn5kxsC7tVO-HbkQfyAA
            com.example.hub: 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
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 60,
          endColumn: 62,
          message: 'Service "d" passes a literal secret to -p in its health check (...(13 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 47,
          endColumn: 60,
          message: 'Service "d" passes a literal secret to htpasswd -b in its command (...(13 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 98,
          endColumn: 111,
          message: 'Service "d" passes a literal secret to rabbitmqctl add_user in its command (...(13 chars)).',
        },
        {
          messageId: 'labelByValue',
          line: 7,
          column: 25,
          endColumn: 133,
          message: 'Service "d" sets label com.example.note to an Anthropic API key (sk-a...(108 chars)).',
        },
        {
          messageId: 'labelByValue',
          line: 8,
          column: 24,
          endColumn: 61,
          message: 'Service "d" sets label com.example.hub to a Hugging Face token (hf_Z...(37 chars)).',
        },
      ],
    },
    {
      name: 'a $$ in a password: compose reads $$$$ as $$, two characters without a shell or in single quotes, the process id in double quotes',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: app --password 'ab$$$$cdefgh12'
          entrypoint: ["sh", "-c", "exec app --password 'ab$$$$cdefgh12'"]
          healthcheck: {test: ["CMD-SHELL", "app --password \\"ab$$$$cdefgh12\\""]}
        b:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--password", "ab$$$$cdefgh12"]
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 14,
          endColumn: 45,
          message: 'Service "a" passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 30,
          endColumn: 68,
          message: 'Service "a" passes a literal secret to --password in its entrypoint (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 6,
          column: 39,
          endColumn: 74,
          message: 'Service "a" passes a literal secret to --password in its health check (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 9,
          column: 23,
          endColumn: 33,
          message: 'Service "b" passes a literal secret to --password in its command (...(12 chars)).',
        },
      ],
    },
    {
      name: 'a $$ in a password on a run line: in single quotes, and in double quotes (the process id)',
      run: `docker run app:1 app --password 'ab$$cdefgh12' --token "ab$$cdefgh12"`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 22,
          endColumn: 32,
          message: 'The docker run command passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 48,
          endColumn: 55,
          message: 'The docker run command passes a literal secret to --token in its command (...(12 chars)).',
        },
      ],
    },
    {
      name: 'a $$ in a password of a live container: an element of Config.Cmd, and in single quotes in a CMD-SHELL health check',
      engine:
        '{"Name": "/api", "Config": {"Cmd": ["app", "--password", "ab$$cdefgh12"], "Healthcheck": {"Test": ["CMD-SHELL", "app --password \'ab$$cdefgh12\'"]}}}',
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 45,
          endColumn: 55,
          message: 'Container "api" passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 118,
          endColumn: 128,
          message: 'Container "api" passes a literal secret to --password in its health check (...(12 chars)).',
        },
      ],
    },
    {
      name: 'deploy.labels (the Swarm service labels), map and list syntax, each at its value',
      compose: yaml`
      services:
        app:
          image: ghcr.io/acme/app:1.0
          deploy:
            labels:
              com.example.token: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
              com.example.password: "hunter2hunter2"
        worker:
          image: ghcr.io/acme/app:1.0
          deploy:
            replicas: 2
            labels:
              - com.example.team=payments
              - "com.example.api-key=S3cr3tKey99"
    `,
      errors: [
        {
          messageId: 'labelByValue',
          line: 6,
          column: 28,
          message: 'Service "app" sets label com.example.token to a GitHub token (ghp_...(40 chars)).',
        },
        { messageId: 'labelByName', line: 7, column: 31, message: 'Service "app" sets label com.example.password to a literal secret (...(14 chars)).' },
        { messageId: 'labelByName', line: 14, column: 32, message: 'Service "worker" sets label com.example.api-key to a literal secret (...(11 chars)).' },
      ],
    },
    {
      name: 'deploy.labels merged from an override file: each label located in the file that set it',
      compose:
        'services:\n  app:\n    image: ghcr.io/acme/app:1.0\n    deploy:\n      labels: {com.example.note: fine, com.example.password: hunter2hunter2}\n',
      files: { 'compose.override.yaml': 'services:\n  app:\n    deploy:\n      labels:\n        com.example.token: glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn\n' },
      errors: [
        {
          messageId: 'labelByValue',
          line: 5,
          column: 28,
          source: 'compose.override.yaml',
          message: 'Service "app" sets label com.example.token to a GitLab token (glpa...(26 chars)).',
        },
        { messageId: 'labelByName', line: 5, column: 62, message: 'Service "app" sets label com.example.password to a literal secret (...(14 chars)).' },
      ],
    },
    {
      // Each is read in linear time: the masked-value test once split a run of x's every possible way (over a minute).
      name: 'a long run of x with one other character is a value, not a mask, and is judged at once',
      compose:
        'services:\n  web:\n    image: nginx:1.27\n    labels:\n      com.example.api_token: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1"\n      com.example.password: xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.\n',
      errors: [
        { messageId: 'labelByName', line: 5, column: 30, message: 'Service "web" sets label com.example.api_token to a literal secret (xxxx...(41 chars)).' },
      ],
    },
    {
      name: 'a password with a character repeated eight times is a password, not a template',
      compose: 'services:\n  cache:\n    image: redis:7.4\n    command: ["redis-server", "--requirepass", "S3cretPw00000000"]\n',
      errors: [{ messageId: 'passwordFlag', line: 4, column: 32 }],
    },
    { run: 'docker run redis:7 redis-server --requirepass S3cretPwaaaaaaaa', errors: [{ messageId: 'passwordFlag', line: 1, column: 33 }] },
    {
      engine: '{"Name": "/cache", "Config": {"Cmd": ["redis-server", "--requirepass", "S3cretPw00000000"]}}',
      errors: [{ messageId: 'passwordFlag', line: 1, column: 56, endColumn: 69 }],
    },
    {
      name: "a special parameter or an escaped $ in a shell's double quotes, an escaped quote (measured as the program gets it), a my- password, and $$ without a shell",
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command:
            - sh
            - -c
            - app --password "ab$$?cdefgh12" --token "ab\\$$cdefgh12" --secret "ab\\"cdefghijklmn"
        b:
          image: mysql:8.4
          command: mysqld --password=my-secret-pw
        c:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--token", "pre$$$$TOKEN"]
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 7,
          column: 9,
          endColumn: 91,
          message: 'Service "a" passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 7,
          column: 9,
          endColumn: 91,
          message: 'Service "a" passes a literal secret to --token in its command (...(11 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 7,
          column: 9,
          endColumn: 91,
          message: 'Service "a" passes a literal secret to --secret in its command (...(15 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 10,
          column: 21,
          endColumn: 31,
          message: 'Service "b" passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 13,
          column: 23,
          endColumn: 30,
          message: 'Service "c" passes a literal secret to --token in its command (...(10 chars)).',
        },
      ],
    },
    {
      run: `docker run app:1 sh -c 'app --password "ab$?cdefgh12" --token "ab\\$cdefgh12" --secret "ab\\"cdefghijklmn"'`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 29,
          endColumn: 39,
          message: 'The docker run command passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 55,
          endColumn: 62,
          message: 'The docker run command passes a literal secret to --token in its command (...(11 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 78,
          endColumn: 86,
          message: 'The docker run command passes a literal secret to --secret in its command (...(15 chars)).',
        },
      ],
    },
    {
      run: 'docker run mysql:8.4 mysqld --password=my-secret-pw',
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 29,
          endColumn: 39,
          message: 'The docker run command passes a literal secret to --password in its command (...(12 chars)).',
        },
      ],
    },
    {
      engine: String.raw`{"Name": "/api", "Config": {"Cmd": ["sh", "-c", "app --password \"ab$?cdefgh12\" --token \"ab\\$cdefgh12\" --secret \"ab\\\"cdefghijklmn\""], "Entrypoint": ["mysqld", "--password=my-secret-pw"]}}`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 49,
          endColumn: 140,
          message: 'Container "api" passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 49,
          endColumn: 140,
          message: 'Container "api" passes a literal secret to --token in its command (...(11 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 49,
          endColumn: 140,
          message: 'Container "api" passes a literal secret to --secret in its command (...(15 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 169,
          endColumn: 179,
          message: 'Container "api" passes a literal secret to --password in its entrypoint (...(12 chars)).',
        },
      ],
    },
    {
      name: 'a positional parameter ($1) makes the value unknown; an escaped $ is a character',
      run: String.raw`docker run app:1 app --password "ab$1cdefgh12" --token "ab\$cdefgh12"`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 48,
          endColumn: 55,
          message: 'The docker run command passes a literal secret to --token in its command (...(11 chars)).',
        },
      ],
    },
    {
      name: "in an entrypoint: an escaped $ in a shell's double quotes is a character, a special parameter an expansion",
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          entrypoint: ["sh", "-c", "exec app --password \\"ab\\\\$$cdefgh12\\" --token \\"$$?\\" --secret \\"$$1\\""]
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 30,
          endColumn: 103,
          message: 'Service "a" passes a literal secret to --password in its entrypoint (...(11 chars)).',
        },
      ],
    },
    {
      name: "a ' in an exec-form argument is a character of the value the program gets (no shell reads it), measured so",
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--password", "Ans1C'Quot3dPw"]
        b:
          image: ghcr.io/acme/app:1.0
          command: ["app","--password","O'Brien-Pass9x"]
          healthcheck:
            test: ["CMD","mongosh","-p","O'Brien-Pass9x","--eval","1"]
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 23,
          endColumn: 33,
          message: 'Service "a" passes a literal secret to --password in its command (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 7,
          column: 22,
          endColumn: 32,
          message: 'Service "b" passes a literal secret to --password in its command (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 9,
          column: 31,
          endColumn: 33,
          message: 'Service "b" passes a literal secret to -p in its health check (...(14 chars)).',
        },
      ],
    },
    {
      name: "a ' left in a word once the run line's shell took its double quotes off is a character of the value",
      run: `docker run -d app:1 app --password "Ans1C'Quot3dPw"`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 25,
          endColumn: 35,
          message: 'The docker run command passes a literal secret to --password in its command (...(14 chars)).',
        },
      ],
    },
    {
      name: 'a special parameter the shell sets, in braces, is the same expansion as without them (${?} as $?): the literal written around it is reported',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: sh -c 'app --password "ab$\${?}cdefgh12"'
          entrypoint: ["sh", "-c", "exec app --token \\"ab$\${#}cdefgh12\\""]
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 14,
          endColumn: 54,
          message: 'Service "a" passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 30,
          endColumn: 68,
          message: 'Service "a" passes a literal secret to --token in its entrypoint (...(12 chars)).',
        },
      ],
    },
    {
      run: `docker run app:1 sh -c 'app --password "ab\${?}cdefgh12" && API_KEY="ab\${$}cdefgh12" app'`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 29,
          endColumn: 39,
          message: 'The docker run command passes a literal secret to --password in its command (...(12 chars)).',
        },
        {
          messageId: 'inlineSecret',
          line: 1,
          column: 60,
          endColumn: 67,
          message: 'The docker run command sets API_KEY to a literal secret in its command (...(12 chars)).',
        },
      ],
    },
    {
      engine: '{"Name": "/api", "Config": {"Cmd": ["sh", "-c", "app --password \\"ab${-}cdefgh12\\""]}}',
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 49,
          endColumn: 84,
          message: 'Container "api" passes a literal secret to --password in its command (...(12 chars)).',
        },
      ],
    },
    {
      name: "exec form: a backslash is a character of the argument (no shell reads it), measured so; a ' in an argument: the finding at its own columns",
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--password", 'ab\\$$cd']
          entrypoint: ["app", "--password=O'Brien-Pass9x"]
          healthcheck:
            test: ["CMD", "mongosh", "-pO'Brien-Pass9x"]
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 23,
          endColumn: 33,
          message: 'Service "a" passes a literal secret to --password in its command (...(6 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 26,
          endColumn: 36,
          message: 'Service "a" passes a literal secret to --password in its entrypoint (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 7,
          column: 33,
          endColumn: 35,
          message: 'Service "a" passes a literal secret to -p in its health check (...(14 chars)).',
        },
      ],
    },
    {
      run: `docker run app:1 app "--password=O'Brien-Pass9x" --token 'ab\\$cdefgh'`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 23,
          endColumn: 33,
          message: 'The docker run command passes a literal secret to --password in its command (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 50,
          endColumn: 57,
          message: 'The docker run command passes a literal secret to --token in its command (...(10 chars)).',
        },
      ],
    },
    {
      engine: '{"Name": "/api", "Config": {"Cmd": ["app", "--password=O\'Brien-Pass9x"], "Entrypoint": ["app", "--token", "ab\\\\$cd"]}}',
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 45,
          endColumn: 55,
          message: 'Container "api" passes a literal secret to --password in its command (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 97,
          endColumn: 104,
          message: 'Container "api" passes a literal secret to --token in its entrypoint (...(6 chars)).',
        },
      ],
    },
    {
      name: 'an sh -c script inside an sh -c script is read as its shell reads it, each finding at its own columns',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: sh -c 'sh -c "app --password Sup3rS3cretPw"'
          entrypoint:
            - sh
            - -c
            - sh -c 'sh -c "app --token Sup3rS3cretPw"'
          healthcheck:
            test:
              - CMD-SHELL
              - bash -c "sh -c 'PGPASSWORD=Sup3rS3cretPw psql'"
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 32,
          endColumn: 42,
          message: 'Service "a" passes a literal secret to --password in its command (...(13 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 8,
          column: 27,
          endColumn: 34,
          message: 'Service "a" passes a literal secret to --token in its entrypoint (...(13 chars)).',
        },
        {
          messageId: 'inlineSecret',
          line: 12,
          column: 27,
          endColumn: 37,
          message: 'Service "a" sets PGPASSWORD to a literal secret in its health check (...(13 chars)).',
        },
      ],
    },
    {
      run: `docker run app:1 sh -c 'sh -c "sh -c \\"app --password Sup3rS3cretPw\\""'`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 44,
          endColumn: 54,
          message: 'The docker run command passes a literal secret to --password in its command (...(13 chars)).',
        },
      ],
    },
    {
      engine: '{"Name": "/api", "Config": {"Cmd": ["sh", "-c", "sh -c \'sh -c \\"app --password Sup3rS3cretPw\\"\'"]}}',
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 49,
          endColumn: 97,
          message: 'Container "api" passes a literal secret to --password in its command (...(13 chars)).',
        },
      ],
    },
    {
      name: 'a password option at the start of a quoted word is read with its word, at the option',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: sh -c "app '--token=S3cretPw1'"
    `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 26,
          endColumn: 33,
          message: 'Service "a" passes a literal secret to --token in its command (...(9 chars)).',
        },
      ],
    },
    {
      run: `docker run app:1 sh -c "app '--password=S3cretPw1'"`,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 1,
          column: 30,
          endColumn: 40,
          message: 'The docker run command passes a literal secret to --password in its command (...(9 chars)).',
        },
      ],
    },
    {
      name: 'a URL whose user is ${VAR:-default}: the password after it, not the default, set or not',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--db", "postgres://\${DB_USER:-app}:Sup3rS3cretPw@db/app"]
    `,
      env: { DB_USER: 'bob' },
      errors: [
        {
          messageId: 'secretValue',
          line: 4,
          column: 58,
          endColumn: 71,
          message: 'Service "a" has a URL with a password in its command (...(13 chars)).',
        },
      ],
    },
    {
      run: 'docker run app:1 app --db "postgres://${DB_USER:-app}:Sup3rS3cretPw@db/app"',
      errors: [
        {
          messageId: 'secretValue',
          line: 1,
          column: 55,
          endColumn: 68,
          message: 'The docker run command has a URL with a password in its command (...(13 chars)).',
        },
      ],
    },
    {
      name: 'a URL password that holds @ runs to the last @ before the host',
      compose: yaml`
      services:
        a:
          image: ghcr.io/acme/app:1.0
          command: ["app", "--db", "postgres://user:p@ssw0rd99@db/app"]
    `,
      errors: [
        {
          messageId: 'secretValue',
          line: 4,
          column: 47,
          endColumn: 57,
          message: 'Service "a" has a URL with a password in its command (...(10 chars)).',
        },
      ],
    },
  ],
});
