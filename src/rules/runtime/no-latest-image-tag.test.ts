import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noLatestImageTag } from './no-latest-image-tag.js';

testRule(noLatestImageTag, {
  valid: [
    {
      compose: yaml`
      services:
        a: { image: nginx:1.27.3 }
        b: { image: "localhost:5000/team/app:2.0" }
        c: { image: "ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }
        d: { image: "ghcr.io/acme/api:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }
    `,
    },
    {
      name: 'a service that builds its image',
      compose: yaml`
      services:
        app:
          build: .
          image: acme/app
    `,
    },
    { name: 'interpolated default tag', compose: 'services:\n  web:\n    image: nginx:${TAG:-1.27}\n' },
    { engine: '{"Name": "/web", "Config": {"Image": "nginx:1.27"}}' },
    { engine: '{"Name": "/web", "Config": {"Image": "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}}' },
    { name: 'the command after the image is left alone', run: 'docker run nginx:1.27 echo latest' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx
        api:
          image: registry.example.com:5000/shop/api:latest
    `,
      errors: [
        { messageId: 'noTag', line: 3, column: 12, message: 'Service "web" uses image nginx without a tag (latest).' },
        { messageId: 'latest', line: 5, column: 12, message: 'Service "api" uses image registry.example.com:5000/shop/api:latest tagged latest.' },
      ],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:${TAG}\n',
      errors: [{ messageId: 'unknown', line: 3, column: 12, status: 'unknown' }],
    },
    {
      name: 'engine Config.Image',
      engine: '{"Name": "/web", "Config": {"Image": "nginx"}}',
      errors: [{ messageId: 'noTag', line: 1, column: 38 }],
    },
    {
      name: 'engine Config.Image latest',
      engine: '{"Name": "/web", "Config": {"Image": "nginx:latest"}}',
      errors: [{ messageId: 'latest', line: 1, column: 38 }],
    },
    { run: 'docker run --rm nginx', errors: [{ messageId: 'noTag', line: 1, column: 17 }] },
    { run: 'docker run nginx:latest', errors: [{ messageId: 'latest', line: 1, column: 12 }] },
    { name: 'a shell variable is unknown', run: 'docker run "$IMAGE"', errors: [{ messageId: 'unknown', line: 1, column: 12 }] },
  ],
});
