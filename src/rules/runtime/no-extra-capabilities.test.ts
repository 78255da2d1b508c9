import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noExtraCapabilities } from './no-extra-capabilities.js';

testRule(noExtraCapabilities, {
  valid: [
    {
      name: 'NET_BIND_SERVICE is allowed',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_add: [NET_BIND_SERVICE, CHOWN, SYS_ADMIN]
    `,
    },
    {
      name: 'allowed by option',
      options: { allowed: ['NET_BIND_SERVICE', 'SYS_TIME'] },
      compose: yaml`
      services:
        ntp:
          image: chrony:4
          cap_add: [CAP_SYS_TIME]
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"CapAdd": ["CAP_NET_BIND_SERVICE"]}}' },
    { run: 'docker run --cap-drop ALL --cap-add NET_BIND_SERVICE nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        ntp:
          image: chrony:4
          cap_add: [SYS_TIME, NET_RAW]
    `,
      errors: [
        { messageId: 'extra', line: 4, column: 15, message: 'Service "ntp" adds capability SYS_TIME.' },
        { messageId: 'extra', line: 4, column: 25 },
      ],
    },
    {
      name: 'engine CapAdd',
      engine: '{"Name": "/web", "HostConfig": {"CapAdd": ["CAP_SYS_TIME"]}}',
      errors: [{ messageId: 'extra', line: 1, column: 44 }],
    },
    { name: 'CAP_ prefix', run: 'docker run --cap-drop all --cap-add CAP_NET_RAW nginx:1.27', errors: [{ messageId: 'extra', line: 1, column: 27 }] },
  ],
});
