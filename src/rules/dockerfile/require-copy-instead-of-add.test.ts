import { testRule } from '../../testing/rule-tester.js';
import { requireCopyInsteadOfAdd } from './require-copy-instead-of-add.js';
import { df } from './testing.js';

testRule(requireCopyInsteadOfAdd, {
  valid: [
    {
      name: 'COPY, and ADD of a download verified by --checksum',
      dockerfile: df`
        FROM alpine:3.20
        COPY app /usr/local/bin/app
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/
      `,
    },
  ],
  invalid: [
    {
      name: 'a remote URL',
      dockerfile: df`
        FROM alpine:3.20
        ADD https://example.com/install.sh /tmp/install.sh
      `,
      errors: [{ messageId: 'remote', line: 2, column: 5, message: 'ADD in stage 1 downloads https://example.com/install.sh without a --checksum.' }],
    },
    {
      name: 'a local archive, unpacked implicitly',
      dockerfile: df`
        FROM debian:12-slim
        ADD --chown=10001 rootfs.tar.gz /
      `,
      errors: [{ messageId: 'archive', line: 2, column: 19 }],
    },
    {
      name: 'plain local files (exec form)',
      dockerfile: df`
        FROM debian:12-slim
        ADD ["config.yaml", "/etc/app/"]
      `,
      errors: [{ messageId: 'useCopy', line: 2, column: 5 }],
    },
  ],
});
