import { testRule } from '../../testing/rule-tester.js';
import { noSetuidSetgidBits } from './no-setuid-setgid-bits.js';
import { df } from './testing.js';

testRule(noSetuidSetgidBits, {
  valid: [
    {
      name: 'removing the bits is what CIS 4.8 asks',
      dockerfile: df`
        FROM debian:12-slim
        RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true
        RUN chmod 0755 /usr/local/bin/app && chmod u-s /usr/bin/newgrp
      `,
    },
    {
      name: 'setgid on a shared folder only makes new files inherit its group',
      dockerfile: df`
        FROM debian:12-slim
        RUN mkdir -p /srv/shared /srv/logs/ && chmod 2775 /srv/shared && chmod g+s,o-rwx /srv/logs
        RUN chmod g+s /var/spool/app/ && chmod 02770 /srv/team/
      `,
    },
  ],
  invalid: [
    {
      dockerfile: df`
        FROM debian:12-slim
        RUN chmod u+s /usr/bin/ping
      `,
      errors: [{ messageId: 'chmod', line: 2, column: 11, message: 'A RUN in stage #1 adds a setuid or setgid bit (chmod u+s).' }],
    },
    {
      name: 'numeric mode in a heredoc, and COPY --chmod',
      dockerfile: df`
        # syntax=docker/dockerfile:1.7
        FROM debian:12-slim
        COPY --chmod=2755 helper /usr/local/bin/helper
        RUN <<EOF
        chmod 4755 /usr/local/bin/helper
        EOF
      `,
      errors: [
        { messageId: 'copyChmod', line: 3, column: 6 },
        { messageId: 'chmod', line: 5, column: 7 },
      ],
    },
    {
      name: 'setuid, or setgid on files, even beside a folder made in the same RUN',
      dockerfile: df`
        FROM debian:12-slim
        RUN mkdir -p /srv/shared && chmod 4775 /srv/shared && chmod g+s /usr/local/bin/helper
        RUN mkdir /srv/data && chmod -R g+s /srv/data && chmod +s /srv/tools/ && chmod 2755 /srv/data /usr/bin/tool
      `,
      errors: [
        { messageId: 'chmod', line: 2, column: 35 },
        { messageId: 'chmod', line: 2, column: 61 },
        { messageId: 'chmod', line: 3, column: 33 },
        { messageId: 'chmod', line: 3, column: 56 },
        { messageId: 'chmod', line: 3, column: 80 },
      ],
    },
  ],
});
