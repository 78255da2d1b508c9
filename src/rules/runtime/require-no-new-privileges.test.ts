import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireNoNewPrivileges } from './require-no-new-privileges.js';

testRule(requireNoNewPrivileges, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: ["no-new-privileges:true"]
    `,
    },
    {
      name: 'bare flag and = form',
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          security_opt: [no-new-privileges]
        b:
          image: nginx:1.27
          security_opt: [no-new-privileges=true]
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"SecurityOpt": ["no-new-privileges:true"]}}' },
    { name: 'bare option means true', run: 'docker run --security-opt no-new-privileges nginx:1.27' },
  ],
  invalid: [
    {
      name: 'missing',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: [seccomp=/etc/docker/seccomp.json]
    `,
      errors: [{ messageId: 'missing', line: 2, column: 3, message: 'Service "web" does not set no-new-privileges.' }],
    },
    {
      name: 'set to false',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - no-new-privileges:false
    `,
      errors: [{ messageId: 'disabled', line: 5, column: 9 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:${NNP}"]\n',
      errors: [{ messageId: 'unknown', line: 4, column: 20, status: 'unknown' }],
    },
    {
      name: 'engine SecurityOpt null',
      engine: '{"Name": "/web", "HostConfig": {"SecurityOpt": null}}',
      errors: [{ messageId: 'missing', line: 1, column: 10 }],
    },
    { run: 'docker run --security-opt no-new-privileges=false nginx:1.27', errors: [{ messageId: 'disabled', line: 1, column: 12 }] },
    { run: 'docker run nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
