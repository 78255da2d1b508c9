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
  ],
  invalid: [
    {
      dockerfile: df`
        FROM debian:12-slim
        RUN chmod u+s /usr/bin/ping
      `,
      errors: [{ messageId: 'chmod', line: 2, column: 11, message: 'A RUN in stage 1 adds a setuid or setgid bit (chmod u+s).' }],
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
  ],
});
