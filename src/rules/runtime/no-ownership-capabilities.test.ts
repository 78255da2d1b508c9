import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noOwnershipCapabilities } from './no-ownership-capabilities.js';

testRule(noOwnershipCapabilities, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_drop: [ALL]
          cap_add: [NET_BIND_SERVICE]
    `,
    },
    {
      name: 'allowed by option',
      options: { allowed: ['NET_BIND_SERVICE', 'CHOWN'] },
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_add: [chown]
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"CapAdd": null}}' },
    { run: 'docker run --cap-drop=ALL --cap-add=NET_BIND_SERVICE nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_add:
            - CHOWN
            - cap_dac_override
            - SETUID
            - SETGID
    `,
      errors: [
        { messageId: 'ownership', line: 5, column: 9, message: 'Service "web" adds capability CHOWN.' },
        { messageId: 'ownership', line: 6, column: 9, message: 'Service "web" adds capability DAC_OVERRIDE.' },
        { messageId: 'ownership', line: 7, column: 9 },
        { messageId: 'ownership', line: 8, column: 9 },
      ],
    },
    {
      name: 'engine CapAdd',
      engine: '{"Name": "/web", "HostConfig": {"CapAdd": ["CAP_CHOWN"]}}',
      errors: [{ messageId: 'ownership', line: 1, column: 44 }],
    },
    { run: 'docker run --cap-drop ALL --cap-add CHOWN nginx:1.27', errors: [{ messageId: 'ownership', line: 1, column: 27 }] },
  ],
});
