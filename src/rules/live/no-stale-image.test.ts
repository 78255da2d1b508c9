import { emptyContainerSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { noStaleImage } from './no-stale-image.js';

testRule(noStaleImage, {
  valid: [
    { name: 'no live facts (not from an engine)', model: emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }) },
    {
      name: 'recent image',
      engine: '{"Name": "/web", "Image": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Config": {"Image": "nginx:1.27"}}',
      files: {
        'image.json':
          '{"Id": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "RepoTags": ["nginx:1.27"], "Created": "2025-12-20T10:00:00Z"}',
      },
    },
    {
      name: 'old image under a raised limit',
      engine: '{"Name": "/web", "Image": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Config": {"Image": "nginx:1.27"}}',
      files: {
        'image.json':
          '{"Id": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "RepoTags": ["nginx:1.27"], "RepoDigests": [], "Created": "2025-06-01T00:00:00Z"}',
      },
      options: { maxAgeDays: 365 },
    },
  ],
  invalid: [
    {
      engine: '{"Name": "/web", "Image": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Config": {"Image": "nginx:1.27"}}',
      files: {
        'image.json':
          '{"Id": "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "RepoTags": ["nginx:1.27"], "RepoDigests": [], "Created": "2025-06-01T00:00:00Z"}',
      },
      errors: [{ messageId: 'stale', line: 1, column: 27, message: 'Container "web" runs image nginx:1.27, built 214 days ago (more than 90).' }],
    },
  ],
});
