import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSelinuxDisabled } from './no-selinux-disabled.js';

testRule(noSelinuxDisabled, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: ["label=level:s0:c100,c200", "label=type:container_t"]
          volumes: ["./data:/data:Z"]
    `,
    },
    { engine: '{"Name": "/web", "ProcessLabel": "system_u:system_r:container_t:s0:c1,c2", "HostConfig": {"SecurityOpt": ["label=level:s0:c100,c200"]}}' },
    { run: 'docker run --security-opt label=type:svirt_apache_t nginx:1.27' },
    {
      name: 'a label whose variable without a value cannot make it disable or type:spc_t',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["label=level:${LEVEL}", "label:user:${U}"]\n',
    },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - label=disable
            - label:type:spc_t
    `,
      errors: [
        { messageId: 'disabled', line: 5, column: 9, message: 'Service "web" disables SELinux labelling (label=disable).' },
        { messageId: 'superPrivileged', line: 6, column: 9 },
      ],
    },
    {
      name: 'a label, or an entry of unknown key, from a variable without a value may disable labelling',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: ["label=\${LABEL}", "label:type:\${T}", "\${SECOPT}"]
    `,
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 20,
          status: 'unknown',
          message: 'Whether service "web" disables SELinux labelling cannot be known: variable LABEL is not set.',
        },
        {
          messageId: 'unknown',
          line: 4,
          column: 38,
          status: 'unknown',
          message: 'Whether service "web" disables SELinux labelling cannot be known: variable T is not set.',
        },
        {
          messageId: 'unknown',
          line: 4,
          column: 57,
          status: 'unknown',
          message: 'Whether service "web" disables SELinux labelling cannot be known: variable SECOPT is not set.',
        },
      ],
    },
    {
      name: 'engine SecurityOpt (fixture: no SELinux on the test kernel)',
      engine: '{"Name": "/web", "ProcessLabel": "", "HostConfig": {"SecurityOpt": ["label=disable"]}}',
      errors: [{ messageId: 'disabled', line: 1, column: 69 }],
    },
    { name: 'legacy colon form', run: 'docker run --security-opt label:disable nginx:1.27', errors: [{ messageId: 'disabled', line: 1, column: 12 }] },
  ],
});
