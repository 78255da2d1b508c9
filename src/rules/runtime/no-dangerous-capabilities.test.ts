import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noDangerousCapabilities } from './no-dangerous-capabilities.js';

testRule(noDangerousCapabilities, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_drop: [ALL]
          cap_add: [NET_BIND_SERVICE, CHOWN, SYS_TIME]
    `,
    },
    {
      name: 'dropping SYS_ADMIN is not adding it',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_drop: [SYS_ADMIN]
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"CapAdd": ["CAP_NET_BIND_SERVICE"]}}' },
    { run: 'docker run --cap-drop ALL --cap-add NET_BIND_SERVICE nginx:1.27' },
  ],
  invalid: [
    {
      name: 'short and long forms',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_add: [all, CAP_SYS_ADMIN]
          cap_add_note: ignored
    `,
      errors: [
        { messageId: 'dangerous', line: 4, column: 15, message: 'Service "web" adds capability ALL.' },
        { messageId: 'dangerous', line: 4, column: 20, message: 'Service "web" adds capability SYS_ADMIN.' },
      ],
    },
    {
      name: 'block list',
      compose: yaml`
      services:
        tool:
          image: busybox:1.36
          cap_add:
            - SYS_MODULE
            - sys_ptrace
            - NET_ADMIN
            - DAC_READ_SEARCH
    `,
      errors: [
        { messageId: 'dangerous', line: 5, column: 9 },
        { messageId: 'dangerous', line: 6, column: 9 },
        { messageId: 'dangerous', line: 7, column: 9 },
        { messageId: 'dangerous', line: 8, column: 9 },
      ],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: ["$CAPS"]\n',
      errors: [{ messageId: 'unknown', line: 4, column: 15, status: 'unknown' }],
    },
    {
      name: 'an allowed list does not excuse SYS_ADMIN',
      options: { allowed: ['SYS_ADMIN'] },
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_add: [SYS_ADMIN]
    `,
      errors: [{ messageId: 'dangerous', line: 4, column: 15 }],
    },
    {
      name: 'engine CAP_ prefix as the engine stores it',
      engine: '{"Name": "/web", "HostConfig": {"CapAdd": ["CAP_CHOWN", "CAP_SYS_ADMIN"]}}',
      errors: [{ messageId: 'dangerous', line: 1, column: 57 }],
    },
    { name: 'lower case, after =', run: 'docker run --cap-add=sys_admin nginx:1.27', errors: [{ messageId: 'dangerous', line: 1, column: 12 }] },
  ],
});
