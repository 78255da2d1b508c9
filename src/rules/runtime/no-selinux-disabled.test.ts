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
  ],
});
