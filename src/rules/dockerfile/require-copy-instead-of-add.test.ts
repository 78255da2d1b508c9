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
    {
      name: 'Git sources pinned to a full commit (fragment, query, SSH form)',
      dockerfile: df`
        FROM alpine:3.20
        ADD https://github.com/moby/buildkit.git#8e5b6a4d1c1a0b7f0e1d2c3b4a5f6e7d8c9b0a1f /src
        ADD https://github.com/moby/buildkit.git?commit=8e5b6a4d1c1a0b7f0e1d2c3b4a5f6e7d8c9b0a1f&keep-git-dir=1 /src2
        ADD git@github.com:org/repo.git#8e5b6a4d1c1a0b7f0e1d2c3b4a5f6e7d8c9b0a1f:docs /src3
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
      errors: [{ messageId: 'remote', line: 2, column: 5, message: 'ADD in stage #1 downloads https://example.com/install.sh without a --checksum.' }],
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
      errors: [
        { messageId: 'useCopy', line: 2, column: 7, message: 'ADD in stage #1 copies local config.yaml; COPY does the same without the extra behaviour.' },
      ],
    },
    {
      name: 'Git sources on a tag, a branch or a short hash',
      dockerfile: df`
        FROM alpine:3.20
        ADD https://github.com/moby/buildkit.git#v0.12.0 /src
        ADD git@github.com:org/repo.git /src2
        ADD https://github.com/moby/buildkit.git?ref=main&commit=8e5b6a4 /src3
      `,
      errors: [
        {
          messageId: 'gitUnpinned',
          line: 2,
          column: 5,
          message: 'ADD in stage #1 clones Git repository https://github.com/moby/buildkit.git#v0.12.0 without pinning a full commit hash.',
        },
        { messageId: 'gitUnpinned', line: 3, column: 5 },
        { messageId: 'gitUnpinned', line: 4, column: 5 },
      ],
    },
    {
      name: 'a URL password is masked in the message (BW2002 reports it)',
      dockerfile: df`
        FROM alpine:3.20
        ADD https://deploy:Hunter2Hunter2x@example.com/file.bin /x
        ADD https://x-access-token:ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789@github.com/acme/repo.git#v1 /src
      `,
      errors: [
        {
          messageId: 'remote',
          line: 2,
          column: 5,
          message: 'ADD in stage #1 downloads https://deploy:...(15 chars)@example.com/file.bin without a --checksum.',
        },
        {
          messageId: 'gitUnpinned',
          line: 3,
          column: 5,
          message:
            'ADD in stage #1 clones Git repository https://x-access-token:ghp_...(40 chars)@github.com/acme/repo.git#v1 without pinning a full commit hash.',
        },
      ],
    },
  ],
});
