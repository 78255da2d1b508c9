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
    { engine: '{"Name": "/web", "Config": {"Image": "nginx:1.27@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}' },
    { run: 'docker run nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
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
    {
      name: 'engine RepoDigests do not pin Config.Image',
      engine: '{"Name": "/web", "Config": {"Image": "nginx:1.27"}}',
      files: {
        'image.json':
          '{"Id": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "RepoTags": ["nginx:1.27"], "RepoDigests": ["nginx@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"], "Created": "2025-12-20T10:00:00Z"}',
      },
      errors: [{ messageId: 'notPinned', line: 1, column: 38 }],
    },
    { run: 'docker run -it nginx:1.27 sh', errors: [{ messageId: 'notPinned', line: 1, column: 16 }] },
  ],
});
