import { testRule } from '../../testing/rule-tester.js';
import { noWorldWritableFiles } from './no-world-writable-files.js';
import { df } from './testing.js';

testRule(noWorldWritableFiles, {
  valid: [
    {
      name: 'ordinary modes, sticky scratch folder, removing write',
      dockerfile: df`
        FROM debian:12-slim
        RUN chmod 755 /app && chmod 1777 /scratch && chmod -R o-w /srv && chmod -R u+w /data
        COPY --chmod=644 config.yaml /etc/app/
      `,
    },
    {
      name: 'a wrapper option value or operand is not the program: nice -n 777, timeout DURATION, command -v',
      dockerfile: df`
        FROM debian:12-slim
        RUN nice -n 777 true; timeout chmod 777 /x; command -v chmod 777
      `,
    },
    {
      name: 'heredoc bodies that wrapped programs read as data',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN timeout 5 cat <<EOF > /etc/notes
        chmod 777 /data
        EOF
        RUN nice -n 5 tee /etc/motd <<EOF
        chmod 777 /data
        EOF
      `,
    },
  ],
  invalid: [
    {
      dockerfile: df`
        FROM debian:12-slim
        RUN mkdir /data && chmod -R 777 /data
      `,
      errors: [{ messageId: 'chmod', line: 2, column: 29, message: 'A RUN in stage #1 makes files world-writable (chmod 777).' }],
    },
    {
      name: 'chmod after wrappers with their options: env -u, nice -n, timeout, time -f, exec -a, nohup, keywords',
      dockerfile: df`
        FROM debian:12-slim
        RUN env -u HOME chmod 777 /a && nice -n 5 chmod 777 /b
        RUN timeout -s KILL 5m chmod 777 /c; time -f %e chmod 777 /d
        RUN exec -a x chmod 777 /e
        RUN while false; do nohup chmod 777 /f; done
      `,
      errors: [
        { messageId: 'chmod', line: 2, column: 23 },
        { messageId: 'chmod', line: 2, column: 49 },
        { messageId: 'chmod', line: 3, column: 30 },
        { messageId: 'chmod', line: 3, column: 55 },
        { messageId: 'chmod', line: 4, column: 21 },
        { messageId: 'chmod', line: 5, column: 33 },
      ],
    },
    {
      name: 'heredoc bodies that a wrapped shell runs',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        RUN nice -n 5 sh <<EOF
        chmod 777 /a
        EOF
        RUN if true; then time -f %e sh <<EOF
        chmod 777 /b
        EOF
      `,
      errors: [
        { messageId: 'chmod', line: 4, column: 7 },
        { messageId: 'chmod', line: 7, column: 7 },
      ],
    },
    {
      name: 'symbolic mode and COPY --chmod',
      dockerfile: df`
        FROM debian:12-slim
        COPY --chmod=666 app.conf /etc/app.conf
        RUN chmod a+rwx /srv/upload
      `,
      errors: [
        { messageId: 'copyChmod', line: 2, column: 6 },
        { messageId: 'chmod', line: 3, column: 11 },
      ],
    },
  ],
});
