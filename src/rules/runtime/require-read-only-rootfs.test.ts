import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireReadOnlyRootfs } from './require-read-only-rootfs.js';

testRule(requireReadOnlyRootfs, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          read_only: true
          tmpfs: [/tmp, /run]
    `,
    },
    {
      name: 'the YAML 1.1 word "yes", which compose reads as true (with a warning)',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          read_only: "yes"
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"ReadonlyRootfs": true}}' },
    { run: 'docker run --read-only --tmpfs /tmp nginx:1.27' },
  ],
  invalid: [
    {
      name: 'missing',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
      errors: [{ messageId: 'writable', line: 2, column: 3 }],
    },
    {
      name: 'false',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          read_only: false
    `,
      errors: [{ messageId: 'writable', line: 4, column: 16 }],
    },
    {
      name: 'override file turns it off',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          read_only: true
    `,
      files: { 'compose.override.yaml': 'services:\n  web:\n    read_only: false\n' },
      errors: [{ messageId: 'writable', line: 3, column: 16, source: 'compose.override.yaml' }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    read_only: ${RO}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 16, status: 'unknown' }],
    },
    {
      name: 'engine ReadonlyRootfs',
      engine: '{"Name": "/web", "HostConfig": {"ReadonlyRootfs": false}}',
      errors: [{ messageId: 'writable', line: 1, column: 51 }],
    },
    { run: 'docker run --read-only=false nginx:1.27', errors: [{ messageId: 'writable', line: 1, column: 12 }] },
    { run: 'docker run nginx:1.27', errors: [{ messageId: 'writable', line: 1, column: 1 }] },
  ],
});
