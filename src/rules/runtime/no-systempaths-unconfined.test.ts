import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSystempathsUnconfined } from './no-systempaths-unconfined.js';

testRule(noSystempathsUnconfined, {
  valid: [
    {
      name: 'other security options',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: ["no-new-privileges:true", "seccomp=/etc/docker/seccomp.json", "apparmor=docker-default"]
    `,
    },
    {
      name: 'another spelling is not taken by compose (the daemon refuses it)',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: ["systempaths:unconfined"]
    `,
    },
    { run: 'docker run --security-opt no-new-privileges nginx:1.27' },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        sandbox:
          image: sandbox:1
          security_opt:
            - no-new-privileges:true
            - systempaths=unconfined
    `,
      errors: [
        {
          messageId: 'unconfined',
          line: 6,
          column: 9,
          message: 'Service "sandbox" unmasks the /proc and /sys paths Docker masks or makes read-only (systempaths=unconfined).',
        },
      ],
    },
    {
      name: 'a variable without a value',
      compose: yaml`
      services:
        sandbox:
          image: sandbox:1
          security_opt: ["systempaths=\${PATHS}"]
    `,
      errors: [{ messageId: 'unknown', line: 4, column: 20, status: 'unknown' }],
    },
    { run: 'docker run --security-opt systempaths=unconfined moby/buildkit:rootless', errors: [{ messageId: 'unconfined', line: 1, column: 12 }] },
    { run: 'docker run --rm --security-opt=systempaths=unconfined alpine:3.20 sh', errors: [{ messageId: 'unconfined', line: 1, column: 17 }] },
  ],
});
