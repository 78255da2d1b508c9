import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireImageDigest } from './require-image-digest.js';

testRule(requireImageDigest, {
  valid: [
    {
      compose: yaml`
      services:
        api:
          image: ghcr.io/acme/api:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    `,
    },
    {
      name: 'local build',
      compose: yaml`
      services:
        app:
          build: { context: ., dockerfile: Dockerfile }
          image: acme/app:dev
    `,
    },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        api:
          image: ghcr.io/acme/api:1.4.2
    `,
      errors: [{ messageId: 'notPinned', line: 3, column: 12, message: 'Service "api" uses image ghcr.io/acme/api:1.4.2, which is not pinned by digest.' }],
    },
  ],
});
