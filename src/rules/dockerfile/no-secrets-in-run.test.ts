import { testRule } from '../../testing/rule-tester.js';
import { noSecretsInRun } from './no-secrets-in-run.js';
import { df } from './testing.js';

testRule(noSecretsInRun, {
  valid: [
    {
      name: 'secret references given to password options are not secrets: a BuildKit secret spec, env:, file:, @file, op://, a word that prompts',
      dockerfile: df`
        FROM docker:27-cli
        RUN --mount=type=secret,id=npm_token docker buildx build --secret id=npm_token,src=/run/secrets/npm_token -t app .
        RUN app --password env:DB_PASSWORD --token @/run/secrets/token --api-key op://vault/api/key --pass prompt --secret db_password
        USER 10001
      `,
    },
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
    {
      name: 'passwords from variables and secret mounts, and forms that prompt for one',
      dockerfile: df`
        FROM alpine:3.20
        RUN --mount=type=secret,id=db,env=DB_PASSWORD mysql -uroot -p"$DB_PASSWORD" -e "select 1"
        RUN mysql -uroot -p app && mysql --password app && mysqladmin -P3306 ping
        RUN --mount=type=secret,id=t,env=USER,env=PASS curl -fsS -u "$USER:$PASS" https://example.com/x
        RUN curl -u admin https://example.com/x && curl -u "ci:" --negotiate https://example.com/y
        RUN --mount=type=secret,id=t,env=TOKEN curl -H "Authorization: Bearer $TOKEN" https://example.com/z
        RUN --mount=type=secret,id=reg docker login --password-stdin -u me reg.example.com < /run/secrets/reg
        RUN --mount=type=secret,id=reg cat /run/secrets/reg | docker login --password-stdin -u me reg.example.com
        RUN --mount=type=secret,id=reg,env=PW printf '%s' "$PW" | docker login --password-stdin -u me reg.example.com
        RUN docker run -p 8080:80 nginx:1.27 && docker -H unix:///x.sock login -u me reg.example.com
        RUN echo "S3cr3tPassw0rd" > /dev/null || docker login --password-stdin -u me reg.example.com < /run/secrets/reg
        RUN echo "S3cr3tPassw0rd" | grep -q S3cr && docker login --password-stdin -u me reg.example.com < /run/secrets/reg
      `,
    },
    {
      name: 'curl short-option clusters without a literal secret: variables, a user without password, other options',
      dockerfile: df`
        FROM alpine:3.20
        RUN --mount=type=secret,id=t,env=PW curl -sSu "admin:$PW" https://example.com/a
        RUN curl -fsSu admin https://example.com/b && curl -fsSuadmin https://example.com/c
        RUN --mount=type=secret,id=t,env=TOKEN curl -sH "Authorization: Bearer $TOKEN" https://example.com/d
        RUN curl -sSLx proxy.local:3128 -o /a https://example.com/e && curl -sSo admin:page.html https://example.com/f
        RUN curl -sSu "admin:$(cat /run/secrets/pw)" https://example.com/g && curl -sH "Accept: text/plain" https://example.com/h
      `,
    },
    {
      name: 'commands in a shell string that take the password from a variable or a secret mount',
      dockerfile: df`
        FROM alpine:3.20
        RUN --mount=type=secret,id=t,env=PW sh -c 'curl -u "admin:$PW" https://example.com/a'
        RUN --mount=type=secret,id=t,env=PW bash -lc "docker login -p \"$PW\" -u me reg.example.com"
        RUN --mount=type=secret,id=reg sh -ec 'cat /run/secrets/reg | docker login --password-stdin -u me reg.example.com'
        RUN sh ./install.sh -c 'curl -u admin:hunter2hunter2' && bash -c 'curl -u admin https://example.com/b'
      `,
    },
    {
      name: 'heredocs fed to --password-stdin from a variable or a secret, and heredocs that are not fed to a login',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM docker:27-cli
        RUN --mount=type=secret,id=reg,env=PW docker login --password-stdin -u me reg.example.com <<EOF
        $PW
        EOF
        RUN --mount=type=secret,id=reg cat <<EOF | docker login --password-stdin -u me reg.example.com
        $(cat /run/secrets/reg)
        EOF
        RUN cat <<EOF > /tmp/notes && docker login --password-stdin -u me reg.example.com < /run/secrets/reg
        hunter2hunter2
        EOF
        RUN cat <<EOF | grep -q hunter && docker login --password-stdin -u me reg.example.com < /run/secrets/reg
        hunter2hunter2
        EOF
        RUN docker login --password-stdin -u me reg.example.com <<EOF
        changeme
        EOF
      `,
    },
    {
      name: 'login and password tools given a variable, a secret mount, a placeholder, or a look-alike option',
      dockerfile: df`
        FROM alpine:3.20
        RUN --mount=type=secret,id=pw,env=PW buildah login -p "$PW" -u me reg.example.com && skopeo login -u me --password-stdin reg.example.com < /run/secrets/pw
        RUN sshpass -f /run/secrets/ssh ssh -p 2222 me@host uptime && sshpass -e ssh -p hunter2hunter2 me@host uptime
        RUN --mount=type=secret,id=r,env=REDIS_PASSWORD redis-cli -h cache -p 6379 ping && redis-cli -a "$REDIS_PASSWORD" ping
        RUN npm config set //registry.npmjs.org/:_authToken '\${NPM_TOKEN}' && npm config set registry https://registry.npmjs.org/
        RUN --mount=type=secret,id=pw helm registry login reg.example.com -u me --password-stdin < /run/secrets/pw && crane auth login reg.example.com -u me -p "$(cat /run/secrets/pw)"
        RUN oras login -u me -p changeme reg.example.com && podman run -p 8080:80 nginx:1.27 && helm upgrade -p x app ./chart
      `,
    },
    {
      name: 'pnpm and yarn registry settings: a reference for the tool to expand, a secret mount removed in the same RUN, placeholders, other settings',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN pnpm config set //registry.npmjs.org/:_authToken '\${NPM_TOKEN}' && pnpm config set registry https://registry.npmjs.org/
        RUN yarn config set 'npmRegistries["//npm.pkg.github.com"].npmAuthToken' '\${GITHUB_TOKEN}' && yarn config set npmAlwaysAuth true
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN yarn config set npmAuthToken "$NPM_TOKEN" && yarn install --immutable && yarn config unset npmAuthToken
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN pnpm config set //registry.npmjs.org/:_authToken=$NPM_TOKEN && pnpm install && pnpm config delete //registry.npmjs.org/:_authToken
        RUN yarn config set npmAuthToken '<token>' && pnpm c set //registry.npmjs.org/:_authToken changeme && yarn config set //registry.npmjs.org/:_authToken "<npm-token>"
        RUN yarn set version 4.5.0 && yarn config set npmRegistryServer https://registry.example.com && pnpm config set store-dir /pnpm/store
      `,
    },
    {
      name: 'a heredoc marker before its program: a body from a variable or a placeholder, a body that is data, a script, and a marker of the command before a separator',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM docker:27-cli
        RUN --mount=type=secret,id=reg,env=PW <<EOF docker login -u me --password-stdin reg.example.com
        $PW
        EOF
        RUN <<EOF docker login -u me --password-stdin reg.example.com
        changeme
        EOF
        RUN <<EOF cat > /tmp/notes && docker login --password-stdin -u me reg.example.com < /run/secrets/reg
        hunter2hunter2
        EOF
        RUN true <<EOF && docker login --password-stdin -u me reg.example.com < /run/secrets/reg
        hunter2hunter2
        EOF
        RUN --mount=type=secret,id=reg <<EOF
        docker login -u me --password-stdin reg.example.com < /run/secrets/reg
        EOF
        RUN <<EOF grep -q hunter && docker login --password-stdin -u me reg.example.com < /run/secrets/reg
        hunter2hunter2
        EOF
      `,
    },
    {
      name: 'data heredocs without a literal secret: templates, variables, a quoted delimiter',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN cat <<EOF > /etc/app.conf
        token_file=/run/secrets/token
        example_token=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        EOF
        RUN cat <<'EOF' > /root/.aws/credentials
        [default]
        aws_secret_access_key = \${AWS_SECRET_ACCESS_KEY}
        aws_session_token =
        EOF
      `,
    },
    {
      name: 'a variable reference the shell does not expand is written as text, for npm to expand at run time',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN echo '//registry.npmjs.org/:_authToken=\${NPM_TOKEN}' > /home/node/.npmrc
        RUN printf '%s\n' '//registry.npmjs.org/:_authToken=\${NPM_TOKEN}' > /home/node/.npmrc
        RUN echo "_authToken=\$NPM_TOKEN" > /home/node/.npmrc
        RUN echo "it's" '$NPM_TOKEN' > /home/node/.npmrc
      `,
    },
    {
      name: 'data heredocs the shell writes as they are (quoted delimiter, escaped $), or whose file the same RUN removes',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN cat <<'NPMRC' > /root/.npmrc && npm ci
        //registry.npmjs.org/:_authToken=\${NPM_TOKEN}
        NPMRC
        RUN cat <<NPMRC > /app/.npmrc
        //registry.npmjs.org/:_authToken=\$NPM_TOKEN
        NPMRC
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN cat <<NPMRC > .npmrc && npm ci && rm .npmrc
        //registry.npmjs.org/:_authToken=\${NPM_TOKEN}
        NPMRC
      `,
    },
    {
      name: 'config set from a variable, removed again in the same RUN (delete, unset, rm), or written as a reference',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken=$NPM_TOKEN && npm ci && npm config delete //registry.npmjs.org/:_authToken
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci; rm -f ~/.npmrc
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN pnpm config set "//npm.pkg.github.com/:_authToken=$NPM_TOKEN" && pnpm i && pnpm config delete '//npm.pkg.github.com/:_authToken'
        RUN npm config set //registry.npmjs.org/:_authToken \$NPM_TOKEN && npm config set registry "$REGISTRY"
      `,
    },
    {
      name: 'ADD URLs whose credentials come from variables, and URLs without any',
      dockerfile: df`
        FROM alpine:3.20
        ARG PW
        ADD https://deploy:\${PW}@example.com/file.bin https://example.com/a:b@c /x/
        ADD git@github.com:acme/repo.git /src
      `,
    },
    {
      name: 'CMD, ENTRYPOINT and HEALTHCHECK that read their secrets when the container runs, or write them to files then',
      dockerfile: df`
        FROM mysql:8.4
        HEALTHCHECK --interval=30s CMD mysqladmin ping -h 127.0.0.1 -uroot -p"$MYSQL_ROOT_PASSWORD"
        ENTRYPOINT ["/bin/sh", "-c", "echo \\"//registry.npmjs.org/:_authToken=$NPM_TOKEN\\" > ~/.npmrc && exec node server.js"]
        CMD ["redis-server", "--requirepass", "\${REDIS_PASSWORD}"]
        CMD curl -fsS -u "ci:$TOKEN" -H "Authorization: Bearer $TOKEN" https://example.com/ && mysql -p app
        HEALTHCHECK NONE
      `,
    },
    {
      name: 'positional passwords and arguments after an sh -c script that are variables, references, prompts or standard input; look-alike words',
      dockerfile: df`
        FROM alpine:3.20
        RUN sh -c 'exec app "$@"' -- --password "$PW" --password-file /run/secrets/pw
        RUN sh -c 'exec mongosh "$@"' -- -p "$PW" && sh -c 'exec mongosh "$@"' -p S3cretPw17
        RUN sh -c 'exec htpasswd "$@"' -- -nb bob && sh -c 'echo "$@"' -- -p S3cretPw17 && sh -c 'exec mongosh $1' -- -p S3cretPw17
        CMD ["sh", "-c", "exec mongosh \"$@\"", "-p", "S3cretPw17"]
        CMD ["sh", "-c", "exec app \"$@\"", "--", "--password", "$APP_PASSWORD", "--token", "env:API_TOKEN"]
        RUN mongosh -u admin -p && mongosh -u admin -p --authenticationDatabase admin && mongosh -p "$MONGO_PW" && mongo -p \${PW} admin && mongostat -p /run/secrets/pw
        RUN app --password "S3cret$Pw1" && app --password S3cret$Pw1 && mongosh -p "S3cret$Pw" && htpasswd -nb bob pa$w0rdXY1 && mysql -p"S3cret$Pw2"
        RUN sh -c "app --password 'S3c$Pw1x'" && sh -c "mongosh -p 'S3c$Pw1x'" && mongosh -p '$PW' && app --password '$(cat /run/secrets/pw)'
        RUN vault login YOUR_VAULT_TOKEN && htpasswd -nb bob password && mongosh -p "..." && rabbitmqctl add_user bob ...
        RUN app --token your-api-key-here && app --token hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx && app --token hf_xxxx… && mongosh -p xxxxxxxxxx
        RUN mongosh -p prompt && mongosh --password prompt && mongosh -p stdin && mongodump -pprompt -u admin && mongo -u admin -p"$PW" && mongorestore -p- /dump
        RUN vault login -method=userpass username=ci && vault login - < /run/secrets/token && vault login "$VAULT_TOKEN" && vault login -method github && vault login -unknown x tok && vault status
        RUN htpasswd -c /h admin && htpasswd -b /h admin "$PW" && htpasswd -bi /h admin < /run/secrets/pw && htpasswd -nb admin && htpasswd -b -X /h u pw12345678 && htpasswd -v /h u
        RUN htpasswd -b /h admin /run/secrets/pw 2>/dev/null && htpasswd -nb admin prompt > /h
        RUN rabbitmqctl add_user admin && rabbitmqctl add_user admin "\${RABBIT_PW}" && rabbitmqctl add_user --pre-hashed-password admin kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR && rabbitmqctl list_users
        RUN pip install hf_transfer huggingface_hub && python -c 'import hf_transfer' && echo hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx sk-ant-...
        RUN echo sk-ant-api03-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        USER 10001
      `,
    },
    {
      name: 'exec form: a $ that starts a name or a reference passes the text on, not a literal secret',
      dockerfile: df`
        FROM alpine:3.20
        RUN ["app", "--password", "$PW", "--token", "\${TOKEN}"]
        RUN ["sh", "-c", "app --password $DB_PW"]
        USER 10001
      `,
    },
    {
      name: 'a $$ that starts a reference (the process id before a name, a name in capitals), a value that is only a process id; placeholders and masked-out tokens',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password "$$DB_PASSWORD" && app --token "pre$$TOKEN" && app --secret '$$abcdefgh' && app --pass "$$" && app --api-key "$$\${KEY}"
        RUN ["app", "--password", "$$db_password", "--token", "$$TOKEN"]
        RUN HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxx app && export API_KEY=YOUR_API_KEY && DB_PASSWORD='<your-password>' app && SECRET_KEY=__SECRET_KEY__ app
        RUN app --token '****' --password %DB_PASSWORD% --api-key xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx && mysql -pINSERT_YOUR_PASSWORD_HERE db
        USER 10001
      `,
    },
    {
      name: 'special parameters in double quotes or bare words are expansions: a value that is only one holds no literal; an escaped $ that starts a reference',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password "$?" && app --token "$!" && app --secret "$#" && app --pass "$-" && app --api-key "$0" && app --password $1 && app --password "$@" && app --password "$*"
        RUN sh -c "app --password \"\$\$\"" && sh -c "app --password \"\$?\"" && sh -c 'exec app --password "$1"' -- x && DB_PASSWORD="$?" app
        RUN app --password \$NPM_TOKEN && app --token "\$(cat /run/secrets/token)" && DB_PASSWORD=\$DB_PW app && sh -c "app --password '\$PW'"
        CMD ["sh", "-c", "exec app --password \"$?\" --token \"$$\""]
        USER 10001
      `,
    },
    {
      name: 'a positional parameter ($1…$9, $0, $@, $*, braced or not) is text given from outside the line: a value with one is unknown, whatever is written around it',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password "$@"x && app --token "\${@}"x && app --secret "ab$1cdefgh12" && app --password "\${1}"abcdefgh && DB_PASSWORD="$*"x app && app --api-key "\${?}"
        RUN sh -c 'app --password "$@"x' -- S3cretPw17 && mysql -p"\${0}"abcdefgh db
        CMD ["sh", "-c", "exec app --password \"$@\"x --token \"\${#}\""]
        USER 10001
      `,
    },
    {
      name: 'in an exec-form element a backslash is a character: one that escapes another leaves the $ after it a reference',
      dockerfile: df`
        FROM alpine:3.20
        CMD ["app", "--password", "\\\\$PW", "--token", "a b\${TOKEN}", "--name", "O'Brien"]
        USER 10001
      `,
    },
    {
      name: 'in an sh -c script inside an sh -c script: values from variables, positional parameters, and expansions of the outer shell are no literals',
      dockerfile: df`
        FROM alpine:3.20
        RUN sh -c 'sh -c "app --password \$PW --token \"\$1\"x"' && bash -c "sh -c 'app --password \"\$DB_PW\"'" && sh -c "sh -c 'DB_PASSWORD=$PW app'"
        RUN sh -c 'sh -c "sh -c \"sh -c \\\"app --password Sup3rS3cretPw\\\"\""'
        USER 10001
      `,
    },
    {
      name: 'a password option at the start of a quoted word with a variable or a blank in it, or after an escaped quote (a character), is no literal',
      dockerfile: df`
        FROM alpine:3.20
        RUN app "--password=$PW" && app '--token=$TOKEN' && app "--password S3cretPw1" && app \"--password=S3cretPw1\"
        USER 10001
      `,
    },
    {
      name: 'a printf format that writes a secret given after it holds none',
      dockerfile: df`
        FROM alpine:3.20
        RUN --mount=type=secret,id=pw,env=PW printf '--password=%s\n' "$PW" > /etc/app.args && printf "DB_PASSWORD=%s" "$PW" > /etc/app.env && printf 'x --token=%d' 1
        USER 10001
      `,
    },
  ],
  invalid: [
    {
      name: 'a token given to a password option is one finding, not a second one for its shape',
      dockerfile: df`
        FROM docker:27-cli
        RUN echo ghp_abcdefghijklmnopqrstuvwxyz0123456789 | docker login ghcr.io -u bob --password-stdin
        RUN yarn config set npmAuthToken ghp_abcdefghijklmnopqrstuvwxyz0123456789
        RUN docker login -u bob --password=ghp_abcdefghijklmnopqrstuvwxyz0123456789 ghcr.io
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 10 },
        { messageId: 'passwordFlag', line: 3, column: 21 },
        { messageId: 'passwordFlag', line: 4, column: 25 },
      ],
    },
    {
      name: 'a secret variable set to a secret-shaped token is one finding, not a second one for its shape',
      dockerfile: df`
        FROM alpine:3.20
        RUN SLACK_TOKEN=xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx app
        RUN ["sh", "-c", "SLACK_TOKEN='xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx' app"]
        ENTRYPOINT NOTE=x ./run --token-file /t ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
      `,
      errors: [
        { messageId: 'inlineSecret', line: 2, column: 5, message: 'A RUN in stage #1 sets SLACK_TOKEN to a literal secret (xoxb...(56 chars)).' },
        { messageId: 'inlineSecret', line: 3, column: 19, message: 'A RUN in stage #1 sets SLACK_TOKEN to a literal secret (xoxb...(56 chars)).' },
        { messageId: 'secretValue', line: 4, column: 41, message: 'An ENTRYPOINT in stage #1 contains a GitHub token (ghp_...(40 chars)).' },
      ],
    },
    {
      name: 'inline assignment before a command',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN NPM_TOKEN=npm_abcdefabcdef1234 npm ci
      `,
      errors: [{ messageId: 'inlineSecret', line: 2, column: 5, message: 'A RUN in stage #1 sets NPM_TOKEN to a literal secret (npm_...(20 chars)).' }],
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
        git clone https://oauth2:glpat-abcdefghij1234567890@gitlab.com/x/y.git
        pip install --index-url https://deploy:Pa55w0rdPa55w0rd@pypi.example.com/simple x
        EOF
      `,
      // At the secret itself, masked: not at the URL, which would show only its scheme.
      errors: [
        { messageId: 'secretValue', line: 5, column: 22, message: 'A RUN in stage #1 contains a GitHub token (ghp_...(40 chars)).' },
        { messageId: 'secretValue', line: 6, column: 26, message: 'A RUN in stage #1 contains a GitLab token (glpa...(26 chars)).' },
        { messageId: 'secretValue', line: 7, column: 40, message: 'A RUN in stage #1 contains a URL with a password (Pa55...(16 chars)).' },
      ],
    },
    {
      name: 'MySQL and MariaDB passwords glued to -p or after --password=',
      dockerfile: df`
        FROM alpine:3.20
        RUN mysql -uroot -pS3cr3tPassw0rdXYZ -e "select 1"
        RUN sudo mariadb-dump --password=S3cr3tPassw0rdXYZ app > /dump.sql
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 18, message: 'A RUN in stage #1 passes a literal secret to -p (S3cr...(17 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 23 },
      ],
    },
    {
      name: 'curl and wget credentials: user:password, password options, an Authorization header',
      dockerfile: df`
        FROM alpine:3.20
        RUN curl -fsSL -u admin:S3cr3tPassw0rd https://example.com/a -o /a
        RUN curl --user=admin:S3cr3tPassw0rd https://example.com/b && curl -H "Authorization: Bearer 0123abcd4567efgh" https://example.com/c
        RUN wget --user=admin --http-password=S3cr3tPassw0rd https://example.com/d
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 16, message: 'A RUN in stage #1 passes a literal secret to -u (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 10 },
        { messageId: 'passwordFlag', line: 3, column: 68 },
        { messageId: 'passwordFlag', line: 4, column: 23 },
      ],
    },
    {
      name: 'curl short-option clusters: a flag that takes a value ends the cluster',
      dockerfile: df`
        FROM alpine:3.20
        RUN curl -sSu admin:hunter2hunter2 https://example.com/a
        RUN curl -fsSuadmin:hunter2hunter2 https://example.com/b
        RUN curl -sH "Authorization: Bearer abcdef0123456789abcdef" https://example.com/c
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 10, endColumn: 14, message: 'A RUN in stage #1 passes a literal secret to -u (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 10, endColumn: 15 },
        { messageId: 'passwordFlag', line: 4, column: 10, endColumn: 13 },
      ],
    },
    {
      name: 'commands in a shell-form sh -c string, as in exec form',
      dockerfile: df`
        FROM alpine:3.20
        RUN sh -c 'curl -u admin:hunter2hunter2 https://example.com/a'
        RUN bash -lc "docker login -p hunter2hunter2 -u me reg.example.com"
        RUN sh -c 'echo "hunter2hunter2" | docker login --password-stdin -u me reg.example.com'
        RUN bash -o pipefail -c "docker login -p \"hunter2hunter2\" -u me reg.example.com"
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 17, endColumn: 19, message: 'A RUN in stage #1 passes a literal secret to -u (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 28 },
        { messageId: 'passwordFlag', line: 4, column: 17 },
        { messageId: 'passwordFlag', line: 5, column: 39, endColumn: 41, message: 'A RUN in stage #1 passes a literal secret to -p (...(14 chars)).' },
      ],
    },
    {
      name: 'docker login: -p, a literal piped into --password-stdin, a here-string',
      dockerfile: df`
        FROM docker:27-cli
        RUN docker login -p S3cr3tPassw0rd -u me registry.example.com
        RUN echo "S3cr3tPassw0rd" | docker login --password-stdin -u me registry.example.com
        RUN podman login --password-stdin -u me registry.example.com <<< S3cr3tPassw0rd
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 18 },
        {
          messageId: 'passwordFlag',
          line: 3,
          column: 10,
          message: 'A RUN in stage #1 passes a literal secret to --password-stdin (...(14 chars)).',
        },
        { messageId: 'passwordFlag', line: 4, column: 66 },
      ],
    },
    {
      name: 'a literal heredoc body fed to --password-stdin, directly or through cat',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM docker:27-cli
        RUN docker login --password-stdin -u me reg.example.com <<EOF
        hunter2hunter2
        EOF
        RUN cat <<EOF | docker login --password-stdin -u me reg.example.com
        hunter2hunter2
        EOF
        RUN podman login -u me --password-stdin reg.example.com <<-'EOF'
        	hunter2hunter2
        	EOF
      `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 1,
          endColumn: 15,
          message: 'A RUN in stage #1 passes a literal secret to --password-stdin (...(14 chars)).',
        },
        { messageId: 'passwordFlag', line: 7, column: 1 },
        { messageId: 'passwordFlag', line: 10, column: 2 },
      ],
    },
    {
      name: 'login and password tools from one table: buildah, skopeo, podman, oras, crane, helm, sshpass, redis-cli, npm',
      dockerfile: df`
        FROM alpine:3.20
        RUN buildah login -p hunter2hunter2 -u me reg.example.com
        RUN skopeo login -u me -phunter2hunter2 reg.example.com
        RUN podman login -u me -p hunter2hunter2 reg.example.com
        RUN oras login -u me -p hunter2hunter2 reg.example.com
        RUN crane auth login -u me -p hunter2hunter2 reg.example.com
        RUN helm registry login reg.example.com -u me -p hunter2hunter2
        RUN helm registry login reg.example.com -u me --password hunter2hunter2
        RUN sshpass -p hunter2hunter2 ssh -p 22 me@host uptime
        RUN redis-cli -h cache -p 6379 -a hunter2hunter2 ping
        RUN npm config set //registry.npmjs.org/:_authToken hunter2hunter2
        RUN npm config set //registry.npmjs.org/:_authToken=hunter2hunter2
        RUN echo hunter2hunter2 | oras login --password-stdin -u me reg.example.com
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 19, endColumn: 21, message: 'A RUN in stage #1 passes a literal secret to -p (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 24, endColumn: 26 },
        { messageId: 'passwordFlag', line: 4, column: 24 },
        { messageId: 'passwordFlag', line: 5, column: 22 },
        { messageId: 'passwordFlag', line: 6, column: 28 },
        { messageId: 'passwordFlag', line: 7, column: 47 },
        { messageId: 'passwordFlag', line: 8, column: 47, endColumn: 57 },
        { messageId: 'passwordFlag', line: 9, column: 13 },
        { messageId: 'passwordFlag', line: 10, column: 32, message: 'A RUN in stage #1 passes a literal secret to -a (...(14 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 11,
          column: 20,
          endColumn: 52,
          message: 'A RUN in stage #1 passes a literal secret to _authToken (...(14 chars)).',
        },
        { messageId: 'passwordFlag', line: 12, column: 20, endColumn: 52 },
        { messageId: 'passwordFlag', line: 13, column: 10 },
      ],
    },
    {
      name: 'pnpm and yarn (berry and classic) registry credentials set with a literal',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN pnpm config set //registry.npmjs.org/:_authToken hunter2hunter2
        RUN pnpm config set //npm.pkg.github.com/:_authToken=hunter2hunter2 --location=project
        RUN yarn config set npmAuthToken hunter2hunter2
        RUN yarn config set -H 'npmScopes.acme.npmAuthToken' hunter2hunter2
        RUN yarn config set 'npmRegistries["//npm.pkg.github.com"].npmAuthIdent' ci:hunter2hunter2
        RUN yarn config set //registry.npmjs.org/:_authToken hunter2hunter2
        RUN npm c set _auth Y2k6aHVudGVyMmh1bnRlcjI= && pnpm c set //registry.example.com/:_password aHVudGVyMmh1bnRlcjI=
      `,
      errors: [
        {
          messageId: 'passwordFlag',
          line: 2,
          column: 21,
          endColumn: 53,
          message: 'A RUN in stage #1 passes a literal secret to _authToken (...(14 chars)).',
        },
        { messageId: 'passwordFlag', line: 3, column: 21, endColumn: 53 },
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 21,
          endColumn: 33,
          message: 'A RUN in stage #1 passes a literal secret to npmAuthToken (...(14 chars)).',
        },
        { messageId: 'passwordFlag', line: 5, column: 24, endColumn: 53 },
        {
          messageId: 'passwordFlag',
          line: 6,
          column: 21,
          endColumn: 73,
          message: 'A RUN in stage #1 passes a literal secret to npmAuthIdent (ci:h...(17 chars)).',
        },
        { messageId: 'passwordFlag', line: 7, column: 21, endColumn: 53 },
        { messageId: 'passwordFlag', line: 8, column: 15, endColumn: 20, message: 'A RUN in stage #1 passes a literal secret to _auth (Y2k6...(24 chars)).' },
        { messageId: 'passwordFlag', line: 8, column: 60, endColumn: 93 },
      ],
    },
    {
      name: 'a literal heredoc body fed to a login whose program follows the marker, as BuildKit gives it to the shell',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM docker:27-cli
        RUN <<EOF docker login -u me --password-stdin registry.example.com
        hunter2hunter2
        EOF
        RUN <<-'EOF' sudo podman login --password-stdin -u me reg.example.com
        	hunter2hunter2
        	EOF
        RUN set -e; <<EOF cat | helm registry login reg.example.com -u me --password-stdin
        hunter2hunter2
        EOF
      `,
      errors: [
        { messageId: 'passwordFlag', line: 4, column: 1, endColumn: 15 },
        { messageId: 'passwordFlag', line: 7, column: 2, endColumn: 16 },
        {
          messageId: 'passwordFlag',
          line: 10,
          column: 1,
          endColumn: 15,
          message: 'A RUN in stage #1 passes a literal secret to --password-stdin (...(14 chars)).',
        },
      ],
    },
    {
      name: 'data heredocs: a token in a file body, a credentials file, a private key',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN cat <<EOF > /etc/app/env
        GITHUB=ghp_0123456789abcdefghijABCDEFGHIJ012345
        EOF
        RUN mkdir -p /root/.aws && cat <<EOF | tee /root/.aws/credentials
        [default]
        aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        EOF
        RUN cat > /root/.ssh/id_ed25519 <<EOF
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAA
        -----END OPENSSH PRIVATE KEY-----
        EOF
      `,
      errors: [
        { messageId: 'secretValue', line: 4, column: 8, message: 'A RUN in stage #1 contains a GitHub token (ghp_...(40 chars)).' },
        {
          messageId: 'writesLiteral',
          line: 8,
          column: 25,
          message: 'A RUN in stage #1 writes aws_secret_access_key (wJal...(40 chars)) into /root/.aws/credentials, which stays in the layer.',
        },
        { messageId: 'secretValue', line: 11, column: 1 },
      ],
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
    {
      name: 'expanded forms: unquoted, double-quoted after a single-quoted word, and after an escaped backslash',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN echo _authToken=$NPM_TOKEN > /root/.npmrc
        RUN echo 'x' "_authToken=\${NPM_TOKEN}" > /root/.npmrc
        RUN echo "a\\$NPM_TOKEN" > /root/.npmrc
      `,
      errors: [
        { messageId: 'writesSecret', line: 2, column: 21 },
        { messageId: 'writesSecret', line: 3, column: 26 },
        { messageId: 'writesSecret', line: 4, column: 14 },
      ],
    },
    {
      name: 'secrets written into 100 files, then 1,000 rm commands that remove none: past the budget of reading, files are not looked for, and the finding says so',
      dockerfile: `FROM alpine:3.20\nRUN <<EOF\n${Array.from({ length: 100 }, (_, k) => `echo $TOKEN > /f${k}`).join('\n')}\n${'rm -f /x\n'.repeat(1000)}EOF\n`,
      errors: [
        { messageId: 'unchecked', line: 2, column: 1, status: 'unknown' },
        ...Array.from({ length: 44 }, (_, k) => ({ messageId: 'writesSecret' as const, line: k + 3, column: 6 })),
      ],
    },
    {
      name: 'a data heredoc with an unquoted delimiter, written to a file: the shell expands the secret variable into it',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN cat <<NPMRC > /root/.npmrc && npm ci
        //registry.npmjs.org/:_authToken=\${NPM_TOKEN}
        NPMRC
      `,
      errors: [
        {
          messageId: 'writesSecret',
          line: 3,
          column: 34,
          message: 'A RUN in stage #1 writes secret variable NPM_TOKEN into /root/.npmrc, which stays in the layer.',
        },
      ],
    },
    {
      name: 'exec form: at the word in its array element, also when JSON escapes move the characters',
      dockerfile: df`
        FROM alpine:3.20
        RUN ["curl", "-fsS", "-u", "admin:hunter2hunter2", "https://example.com/x"]
        RUN ["sh", "-c", "echo \"hi\" && mysql -pS3cr3tPassw0rd db"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 23, message: 'A RUN in stage #1 passes a literal secret to -u (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 40, message: 'A RUN in stage #1 passes a literal secret to -p (...(14 chars)).' },
      ],
    },
    {
      name: 'a registry token written by config set from a variable the shell expands, and not removed in the same RUN',
      dockerfile: df`
        FROM node:20.17-alpine
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken \${NPM_TOKEN} && npm ci
        RUN --mount=type=secret,id=npm,env=NPM_TOKEN pnpm config set "//npm.pkg.github.com/:_authToken=$NPM_TOKEN" && pnpm i
        RUN --mount=type=secret,id=npm,env=TOKEN yarn config set npmAuthToken "$TOKEN" && yarn install && yarn config unset npmAuthIdent
      `,
      errors: [
        {
          messageId: 'writesSecret',
          line: 2,
          column: 94,
          message: 'A RUN in stage #1 writes secret variable NPM_TOKEN into ~/.npmrc, which stays in the layer.',
        },
        {
          messageId: 'writesSecret',
          line: 3,
          column: 96,
          message: 'A RUN in stage #1 writes secret variable NPM_TOKEN into ~/.npmrc, which stays in the layer.',
        },
        {
          messageId: 'writesSecret',
          line: 4,
          column: 72,
          message: 'A RUN in stage #1 writes secret variable TOKEN into ~/.yarnrc.yml, which stays in the layer.',
        },
      ],
    },
    {
      name: 'a password or a token in the URL of an ADD, each at its own characters',
      dockerfile: df`
        FROM alpine:3.20
        ADD https://deploy:Hunter2Hunter2x@example.com/file.bin /x
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://u:\${PW}@example.com/a https://x-access-token:ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789@github.com/acme/repo.git /src/
        ADD ["https://ci:Sup3rSecretPw@example.com/b", "/b"]
        ADD https://ci:Pa=ss&w0rd1@example.com/c?access_token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 /c
      `,
      errors: [
        { messageId: 'urlCredential', line: 2, column: 20, message: 'ADD in stage #1 downloads from a URL that holds a password (...(15 chars)).' },
        { messageId: 'urlCredential', line: 3, column: 141, message: 'ADD in stage #1 downloads from a URL that holds a GitHub token (ghp_...(40 chars)).' },
        { messageId: 'urlCredential', line: 4, column: 18, message: 'ADD in stage #1 downloads from a URL that holds a password (...(13 chars)).' },
        { messageId: 'urlCredential', line: 5, column: 16, message: 'ADD in stage #1 downloads from a URL that holds a password (...(11 chars)).' },
        { messageId: 'urlCredential', line: 5, column: 55, message: 'ADD in stage #1 downloads from a URL that holds a GitHub token (ghp_...(40 chars)).' },
      ],
    },
    {
      name: 'server and JVM password options in CMD and RUN: --requirepass, -D...password=; a path or a variable is not reported',
      dockerfile: df`
        FROM redis:7.4
        CMD ["redis-server", "--requirepass", "Sup3rS3cretPw"]
        RUN java -Dspring.datasource.password=Sup3rS3cretPw -jar /migrate.jar && redis-server --requirepass /run/secrets/pw --masterauth "$PW"
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 23, message: 'A CMD in stage #1 passes a literal secret to --requirepass (...(13 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 3,
          column: 10,
          message: 'A RUN in stage #1 passes a literal secret to -Dspring.datasource.password (...(13 chars)).',
        },
      ],
    },
    {
      name: 'literal secrets in CMD, ENTRYPOINT and HEALTHCHECK commands, in shell and exec form',
      dockerfile: df`
        FROM alpine:3.20 AS app
        CMD ["sh", "-c", "mysql -u root -pS3cr3tPassw0rd db"]
        ENTRYPOINT curl -u admin:hunter2hunter2 https://example.com/x
        HEALTHCHECK --interval=5s CMD curl -fsS -H "Authorization: Bearer ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789" http://localhost/
        CMD API_TOKEN=tok_3f9a8b7c6d5e4f3a2b1c node \
            server.js
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 33, message: 'A CMD in stage "app" passes a literal secret to -p (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 17, message: 'An ENTRYPOINT in stage "app" passes a literal secret to -u (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 41, message: 'A HEALTHCHECK in stage "app" passes a literal secret to -H (ghp_...(40 chars)).' },
        { messageId: 'inlineSecret', line: 5, column: 5, message: 'A CMD in stage "app" sets API_TOKEN to a literal secret (tok_...(24 chars)).' },
      ],
    },
    {
      name: 'ONBUILD CMD, ENTRYPOINT and HEALTHCHECK triggers: their text is in the image config and runs in every child image',
      dockerfile: df`
        FROM alpine:3.20
        ONBUILD CMD ["mysql", "-u", "root", "-pS3cr3tPassw0rd"]
        onbuild entrypoint curl -u admin:hunter2hunter2 https://example.com/x
        ONBUILD HEALTHCHECK --interval=5s CMD curl -fsS -H "Authorization: Bearer ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789" http://localhost/
        ONBUILD CMD ["mysql", "-p$MYSQL_PASSWORD"]
        USER 10001
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 38, message: 'An ONBUILD CMD in stage #1 passes a literal secret to -p (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 25, message: 'An ONBUILD ENTRYPOINT in stage #1 passes a literal secret to -u (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 49, message: 'An ONBUILD HEALTHCHECK in stage #1 passes a literal secret to -H (ghp_...(40 chars)).' },
      ],
    },
    {
      name: 'the arguments after an sh -c script, in shell form and exec form: its positional parameters',
      dockerfile: df`
        FROM alpine:3.20
        RUN sh -c 'exec mongosh "$@"' -- --password hunter2hunter2
        CMD ["sh", "-c", "exec app \"$@\"", "--", "--password", "hunter2hunter2"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 34, endColumn: 44, message: 'A RUN in stage #1 passes a literal secret to --password (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 44, endColumn: 54, message: 'A CMD in stage #1 passes a literal secret to --password (...(14 chars)).' },
      ],
    },
    {
      name: 'after an sh -c script that only runs a program on them (exec PROG "$@"), the arguments are read as that program\'s words',
      dockerfile: df`
        FROM alpine:3.20
        RUN ["sh","-c","exec mongosh \"$@\"","--","-p","S3cretPw17"]
        RUN sh -c 'exec htpasswd "$@"' -- -nb bob S3cretPw18
        RUN sh -c 'vault "$@"' vault login s.Hunter2Hunter2x && bash -c 'exec rabbitmqctl "$@"' -- add_user bob S3cretPw19
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 44, message: 'A RUN in stage #1 passes a literal secret to -p (...(10 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 43, message: 'A RUN in stage #1 passes a literal secret to htpasswd -b (...(10 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 36, message: 'A RUN in stage #1 passes a literal secret to vault login (s.Hu...(17 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 105, message: 'A RUN in stage #1 passes a literal secret to rabbitmqctl add_user (...(10 chars)).' },
      ],
    },
    {
      name: 'a $ inside a single-quoted password is a character of the literal',
      dockerfile: df`
        FROM alpine:3.20
        RUN mongosh -p 'S3cret$Pw'
        RUN htpasswd -nb bob 'pa$w0rdXY1' > /etc/h
        RUN app --password 'S3cret$Pw1' && mysql -p'S3cret$Pw2' app
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 13, endColumn: 15, message: 'A RUN in stage #1 passes a literal secret to -p (...(9 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 22, message: 'A RUN in stage #1 passes a literal secret to htpasswd -b (...(10 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 9, endColumn: 19, message: 'A RUN in stage #1 passes a literal secret to --password (...(10 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 42, endColumn: 44, message: 'A RUN in stage #1 passes a literal secret to -p (...(10 chars)).' },
      ],
    },
    {
      name: 'a value like a placeholder that is a password: not the placeholder words themselves, and no character repeated eight times',
      dockerfile: df`
        FROM alpine:3.20
        RUN vault login s.YourVaultT0ken9 && htpasswd -nb bob password1Xy && app --token hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 17, message: 'A RUN in stage #1 passes a literal secret to vault login (s.Yo...(17 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 55, message: 'A RUN in stage #1 passes a literal secret to htpasswd -b (...(11 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 74, message: 'A RUN in stage #1 passes a literal secret to --token (hf_a...(36 chars)).' },
      ],
    },
    {
      name: 'a password glued to -p of the MongoDB shells and tools',
      dockerfile: df`
        FROM alpine:3.20
        RUN mongodump -u admin -pS3cretMongoPw && mongo -u admin -pS3cretMongoPw
        RUN mongorestore -u admin -pS3cretMongoPw3 /dump
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 24, endColumn: 26, message: 'A RUN in stage #1 passes a literal secret to -p (...(13 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 58, endColumn: 60, message: 'A RUN in stage #1 passes a literal secret to -p (...(13 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 27, endColumn: 29, message: 'A RUN in stage #1 passes a literal secret to -p (...(14 chars)).' },
      ],
    },
    {
      name: 'passwords of the MongoDB shells and tools, vault login, htpasswd -b, rabbitmqctl',
      dockerfile: df`
        FROM alpine:3.20
        RUN mongosh -u admin -p hunter2hunter2 && mongo --port 27017 -p hunter2hunter2 admin && mongodump -u ci -p hunter2hunter2 --out /d
        RUN vault login s.Hunter2Hunter2x && vault login -no-print -path=ldap hvs.Hunter2Hunter2
        RUN htpasswd -b /etc/nginx/.htpasswd admin hunter2hunter2 && htpasswd -nbB admin 'hunter2hunter2' > /h && htpasswd -bBC 12 -c /h u hunter2hunter2
        RUN rabbitmqctl add_user admin hunter2hunter2 && rabbitmqctl -n rabbit@mq change_password admin hunter2hunter2
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 22, endColumn: 24, message: 'A RUN in stage #1 passes a literal secret to -p (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 62, endColumn: 64 },
        { messageId: 'passwordFlag', line: 2, column: 105, endColumn: 107 },
        {
          messageId: 'passwordFlag',
          line: 3,
          column: 17,
          endColumn: 34,
          message: 'A RUN in stage #1 passes a literal secret to vault login (s.Hu...(17 chars)).',
        },
        { messageId: 'passwordFlag', line: 3, column: 71, endColumn: 89 },
        { messageId: 'passwordFlag', line: 4, column: 44, endColumn: 58, message: 'A RUN in stage #1 passes a literal secret to htpasswd -b (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 82, endColumn: 98 },
        { messageId: 'passwordFlag', line: 4, column: 132, endColumn: 146 },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 32,
          endColumn: 46,
          message: 'A RUN in stage #1 passes a literal secret to rabbitmqctl add_user (...(14 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 97,
          endColumn: 111,
          message: 'A RUN in stage #1 passes a literal secret to rabbitmqctl change_password (...(14 chars)).',
        },
      ],
    },
    {
      name: 'exec form: no shell reads the elements, so a $ inside a word is a character of the password',
      dockerfile: df`
        FROM alpine:3.20
        RUN ["app", "--password", "pa$w0rdLiteral"]
        RUN ["sh", "-c", "exec app \"$@\"", "--", "--password", "S3cret$Pw"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 14, message: 'A RUN in stage #1 passes a literal secret to --password (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 44, message: 'A RUN in stage #1 passes a literal secret to --password (...(9 chars)).' },
      ],
    },
    {
      name: 'Anthropic API keys and Hugging Face tokens by their shape',
      dockerfile: df`
        FROM alpine:3.20
        RUN printf '%s' sk-ant-api03-pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa-2o76umfXfKm-r5kJP1VrT_1FJors-6ILi8IHn5kxsC7tVO-HbkQfyAA > /etc/app/key
        RUN huggingface-cli download org/model --local-dir /m && echo 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 > /root/.cache/huggingface/token
      `,
      errors: [
        { messageId: 'secretValue', line: 2, column: 17, endColumn: 125, message: 'A RUN in stage #1 contains an Anthropic API key (sk-a...(108 chars)).' },
        { messageId: 'secretValue', line: 3, column: 63, endColumn: 100, message: 'A RUN in stage #1 contains a Hugging Face token (hf_Z...(37 chars)).' },
      ],
    },
    {
      name: 'a $$ in a password: two characters in single quotes or an exec-form element; in double quotes or a bare word the shell process id, the rest written',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password 'ab$$cdefgh12' && mysql -p'ab$$cdefgh12' db && docker login -u ci -p 'ab$$cdefgh12' registry.example.com
        RUN app --password "ab$$cdefgh12" && app --token ab$$cdefgh12 && export DB_PASSWORD='ab$$cdefgh12' && API_TOKEN="ab$$cdefgh12" app
        RUN ["app", "--password", "ab$$cdefgh12"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 9, endColumn: 19, message: 'A RUN in stage #1 passes a literal secret to --password (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 44, endColumn: 46, message: 'A RUN in stage #1 passes a literal secret to -p (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 86, endColumn: 88 },
        { messageId: 'passwordFlag', line: 3, column: 9, endColumn: 19 },
        { messageId: 'passwordFlag', line: 3, column: 42, endColumn: 49, message: 'A RUN in stage #1 passes a literal secret to --token (...(12 chars)).' },
        { messageId: 'inlineSecret', line: 3, column: 73, endColumn: 84, message: 'A RUN in stage #1 sets DB_PASSWORD to a literal secret (...(12 chars)).' },
        { messageId: 'inlineSecret', line: 3, column: 103, endColumn: 112 },
        { messageId: 'passwordFlag', line: 4, column: 14, endColumn: 24, message: 'A RUN in stage #1 passes a literal secret to --password (...(12 chars)).' },
      ],
    },
    {
      name: 'a real token or password with some x in it is not a placeholder',
      dockerfile: df`
        FROM alpine:3.20
        RUN HF_TOKEN=hf_xKx9xxQaBcxxDeFxxGhIjKxxLmNoPqRsT app && app --password Pxx9kx2xQ7 && app --token x9xxQxxx7Kxx
      `,
      errors: [
        { messageId: 'inlineSecret', line: 2, column: 5, endColumn: 13, message: 'A RUN in stage #1 sets HF_TOKEN to a literal secret (hf_x...(36 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 62, endColumn: 72, message: 'A RUN in stage #1 passes a literal secret to --password (...(10 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 91, endColumn: 98, message: 'A RUN in stage #1 passes a literal secret to --token (...(12 chars)).' },
      ],
    },
    {
      name: 'a password with a character repeated eight times is a password, not a template',
      dockerfile: df`
        FROM alpine:3.20
        RUN mysql -pS3cretPw00000000 -h db && docker login -u me -p 'P@ssword********' reg.example.com
        CMD ["redis-server", "--requirepass", "S3cretPwaaaaaaaa"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 11, endColumn: 13, message: 'A RUN in stage #1 passes a literal secret to -p (S3cr...(16 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 58, endColumn: 60, message: 'A RUN in stage #1 passes a literal secret to -p (P@ss...(16 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 23, endColumn: 36 },
      ],
    },
    {
      name: 'a special parameter the shell sets in double quotes or a bare word is an expansion, as $$ is: the literal written around it is reported; a positional one ($1, $@) makes the value unknown',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password ab$?cdefgh12 && app --password "ab$1cdefgh12" && app --token "ab$@cdefgh12" && API_KEY="ab$!cdefgh12" app
        RUN mysql -p"ab$#cdefgh12" db && mongosh -p "ab$-cdefgh12"
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 9, endColumn: 19, message: 'A RUN in stage #1 passes a literal secret to --password (...(12 chars)).' },
        { messageId: 'inlineSecret', line: 2, column: 99, endColumn: 106, message: 'A RUN in stage #1 sets API_KEY to a literal secret (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 11, endColumn: 13, message: 'A RUN in stage #1 passes a literal secret to -p (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 42, endColumn: 44, message: 'A RUN in stage #1 passes a literal secret to -p (...(12 chars)).' },
      ],
    },
    {
      name: 'an escaped $ in double quotes or a bare word is a character of the password; in the string of an sh -c "…", an escaped $ is one the inner shell reads',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password "ab\$cdefgh12" && app --token ab\$cdefgh12 && DB_PASSWORD="ab\$cdefgh12" app && mysql -p"ab\$cdefgh12" db
        RUN sh -c "app --password 'ab\$\$cdefgh12'" && sh -c "mongosh -p 'ab\$\$cdefgh12'"
        CMD ["sh", "-c", "exec app --password \"ab\\$cdefgh12\""]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 9, endColumn: 19, message: 'A RUN in stage #1 passes a literal secret to --password (...(11 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 42, endColumn: 49, message: 'A RUN in stage #1 passes a literal secret to --token (...(11 chars)).' },
        { messageId: 'inlineSecret', line: 2, column: 66, endColumn: 77, message: 'A RUN in stage #1 sets DB_PASSWORD to a literal secret (...(11 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 106, endColumn: 108, message: 'A RUN in stage #1 passes a literal secret to -p (...(11 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 16, endColumn: 26, message: 'A RUN in stage #1 passes a literal secret to --password (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 63, endColumn: 65, message: 'A RUN in stage #1 passes a literal secret to -p (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 28, endColumn: 38, message: 'A CMD in stage #1 passes a literal secret to --password (...(11 chars)).' },
      ],
    },
    {
      name: 'my- values are weak passwords written in the Dockerfile, not placeholders',
      dockerfile: df`
        FROM mysql:8.4
        RUN mysqld --initialize --password=my-secret-pw && export MYSQL_ROOT_PASSWORD=my_password && mysql -pmy-secret-pw -e 'select 1'
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 25, endColumn: 35, message: 'A RUN in stage #1 passes a literal secret to --password (...(12 chars)).' },
        {
          messageId: 'inlineSecret',
          line: 2,
          column: 59,
          endColumn: 78,
          message: 'A RUN in stage #1 sets MYSQL_ROOT_PASSWORD to a literal secret (...(11 chars)).',
        },
        { messageId: 'passwordFlag', line: 2, column: 100, endColumn: 102, message: 'A RUN in stage #1 passes a literal secret to -p (...(12 chars)).' },
      ],
    },
    {
      name: 'the masked length is that of the value the program receives, quotes and escapes taken off',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password "ab\"cdefghijklmn" && API_TOKEN="ab\"cdefghijklmn" app && mysql -p"ab\"cdefghijklmn" db && htpasswd -nb bob 'ab"cd'"efghijklmn"
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 9, endColumn: 19, message: 'A RUN in stage #1 passes a literal secret to --password (...(15 chars)).' },
        { messageId: 'inlineSecret', line: 2, column: 42, endColumn: 51, message: 'A RUN in stage #1 sets API_TOKEN to a literal secret (...(15 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 84, endColumn: 86, message: 'A RUN in stage #1 passes a literal secret to -p (...(15 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 2,
          column: 128,
          endColumn: 147,
          message: 'A RUN in stage #1 passes a literal secret to htpasswd -b (...(15 chars)).',
        },
      ],
    },
    {
      name: 'a token given to an option in escaped quotes of an sh -c "…" string: one finding, at the option, measured without the quotes',
      dockerfile: df`
        FROM alpine:3.20
        RUN sh -c "app --token \"ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\""
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 16, endColumn: 23, message: 'A RUN in stage #1 passes a literal secret to --token (ghp_...(40 chars)).' },
      ],
    },
    {
      name: "a ' in an exec-form element is a character of the value the program gets (no shell reads it), measured so",
      dockerfile: df`
        FROM alpine:3.20
        CMD ["app", "--password", "Ans1C'Quot3dPw3"]
        ENTRYPOINT ["app", "--token", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "--name", "O'Brien"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 14, endColumn: 24, message: 'A CMD in stage #1 passes a literal secret to --password (...(15 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 3,
          column: 21,
          endColumn: 28,
          message: 'An ENTRYPOINT in stage #1 passes a literal secret to --token (ghp_...(40 chars)).',
        },
      ],
    },
    {
      name: 'a special parameter the shell sets, in braces, is the same expansion as without them (${?} as $?): the literal written around it is reported, measured with it as $?',
      dockerfile: df`
        FROM alpine:3.20
        RUN app --password "ab\${?}cdefgh12" && API_KEY="ab\${#}cdefgh12" app && mysql -p"ab\${$}cdefgh12" db && app --token ab\${-}cdefgh12
        CMD ["sh", "-c", "exec app --password \"ab\${!}cdefgh12\""]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 9, endColumn: 19, message: 'A RUN in stage #1 passes a literal secret to --password (...(12 chars)).' },
        { messageId: 'inlineSecret', line: 2, column: 40, endColumn: 47, message: 'A RUN in stage #1 sets API_KEY to a literal secret (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 78, endColumn: 80, message: 'A RUN in stage #1 passes a literal secret to -p (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 107, endColumn: 114, message: 'A RUN in stage #1 passes a literal secret to --token (...(12 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 28, endColumn: 38, message: 'A CMD in stage #1 passes a literal secret to --password (...(12 chars)).' },
      ],
    },
    {
      name: "exec form: a backslash is a character of the element (no shell reads it), measured so; a ' in an element: the finding at its own columns",
      dockerfile: df`
        FROM alpine:3.20
        RUN ["app","--password","ab\\$cd"]
        RUN ["app","--password=O'Brien-Pass9x"]
        CMD ["mysql","-pO'Brien-Pass9x","db"]
        ENTRYPOINT ["env","DB_PASSWORD=O'Brien-Pass9x","app"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 13, endColumn: 23, message: 'A RUN in stage #1 passes a literal secret to --password (...(6 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 13, endColumn: 23, message: 'A RUN in stage #1 passes a literal secret to --password (...(14 chars)).' },
        { messageId: 'passwordFlag', line: 4, column: 15, endColumn: 17, message: 'A CMD in stage #1 passes a literal secret to -p (...(14 chars)).' },
        {
          messageId: 'inlineSecret',
          line: 5,
          column: 20,
          endColumn: 31,
          message: 'An ENTRYPOINT in stage #1 sets DB_PASSWORD to a literal secret (...(14 chars)).',
        },
      ],
    },
    {
      name: 'an sh -c script inside an sh -c script (up to three shells deep) is read as its shell reads it, each finding at its own columns',
      dockerfile: df`
        FROM alpine:3.20
        RUN sh -c 'sh -c "app --password Sup3rS3cretPw"'
        RUN bash -c "sh -c 'PGPASSWORD=Sup3rS3cretPw psql'" && sh -c 'sh -c "sh -c \"app --token=Sup3rS3cretPw\""'
        ENTRYPOINT sh -c "sh -c 'exec app --password \"ab\$\$cdefgh12\"'"
        HEALTHCHECK CMD sh -c 'bash -lc "app --secret Sup3rS3cretPw"'
        CMD ["sh", "-c", "sh -c 'app --password Sup3rS3cretPw'"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 23, endColumn: 33, message: 'A RUN in stage #1 passes a literal secret to --password (...(13 chars)).' },
        { messageId: 'inlineSecret', line: 3, column: 21, endColumn: 31, message: 'A RUN in stage #1 sets PGPASSWORD to a literal secret (...(13 chars)).' },
        { messageId: 'passwordFlag', line: 3, column: 82, endColumn: 89, message: 'A RUN in stage #1 passes a literal secret to --token (...(13 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 4,
          column: 35,
          endColumn: 45,
          message: 'An ENTRYPOINT in stage #1 passes a literal secret to --password (...(12 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 5,
          column: 38,
          endColumn: 46,
          message: 'A HEALTHCHECK in stage #1 passes a literal secret to --secret (...(13 chars)).',
        },
        { messageId: 'passwordFlag', line: 6, column: 30, endColumn: 40, message: 'A CMD in stage #1 passes a literal secret to --password (...(13 chars)).' },
      ],
    },
    {
      name: 'a password option at the start of a quoted word is read with its word, in a script too, at the option',
      dockerfile: df`
        FROM alpine:3.20
        RUN app "--password=S3cretPw1" && sh -c "app '--token=S3cretPw1'" && sh -c "sh -c 'app \"--secret=O'\''Brien-Pass9x\"'"
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 10, endColumn: 20, message: 'A RUN in stage #1 passes a literal secret to --password (...(9 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 47, endColumn: 54, message: 'A RUN in stage #1 passes a literal secret to --token (...(9 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 90, endColumn: 98, message: 'A RUN in stage #1 passes a literal secret to --secret (...(14 chars)).' },
      ],
    },
    {
      name: 'an sh -c script written in several parts is read as its shell reads it, each finding at its own columns',
      dockerfile: df`
        FROM alpine:3.20
        RUN sh -c 'echo '\''hi'\''; app --password S3cretPw1 --token '"S3cret"'Pw2'
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 33, endColumn: 43, message: 'A RUN in stage #1 passes a literal secret to --password (...(9 chars)).' },
        { messageId: 'passwordFlag', line: 2, column: 54, endColumn: 61, message: 'A RUN in stage #1 passes a literal secret to --token (...(9 chars)).' },
      ],
    },
    {
      name: 'exec form: a finding in an element written with JSON escapes is located at its characters in the file',
      dockerfile: df`
        FROM alpine:3.20
        CMD ["sh", "-c", "sh -c 'sh -c \"app --password Sup3rS3cretPw\"'"]
        ENTRYPOINT ["app", "--name=\u0041\\", "--password=ab\\$cd", "--token=O\"Brien-Pass9x"]
      `,
      errors: [
        { messageId: 'passwordFlag', line: 2, column: 38, endColumn: 48, message: 'A CMD in stage #1 passes a literal secret to --password (...(13 chars)).' },
        {
          messageId: 'passwordFlag',
          line: 3,
          column: 40,
          endColumn: 50,
          message: 'An ENTRYPOINT in stage #1 passes a literal secret to --password (...(6 chars)).',
        },
        {
          messageId: 'passwordFlag',
          line: 3,
          column: 62,
          endColumn: 69,
          message: 'An ENTRYPOINT in stage #1 passes a literal secret to --token (...(14 chars)).',
        },
      ],
    },
    {
      name: 'a URL whose user is ${VAR:-default}: the password after it, not the default',
      dockerfile: df`
        FROM alpine:3.20
        RUN curl https://\${USER:-me}:hunter2pass@host/x
      `,
      errors: [{ messageId: 'secretValue', line: 2, column: 30, endColumn: 41, message: 'A RUN in stage #1 contains a URL with a password (...(11 chars)).' }],
    },
  ],
});
