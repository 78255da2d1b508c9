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
    {
      name: 'values dockerd reads as true (Go ParseBool), and an entry of unknown key after an explicit true keeps it',
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          security_opt: ["no-new-privileges:t", "no-new-privileges=TRUE", "no-new-privileges:1"]
        b:
          image: nginx:1.27
          security_opt: ["no-new-privileges:true", "\${EXTRA}"]
    `,
    },
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
      name: 'an entry whose key is a variable without a value may be no-new-privileges: unknown, not missing',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["${SECOPT}", "label=type:x"]\n',
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 20,
          status: 'unknown',
          message: 'Whether service "web" sets no-new-privileges cannot be known: variable SECOPT is not set.',
        },
      ],
    },
    {
      name: 'a key with a variable after it (no-new-privileges${X}), and a value dockerd refuses',
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          security_opt: ["no-new-privileges:true", "no-new-privileges\${NNP}"]
        b:
          image: nginx:1.27
          security_opt: ["no-new-privileges:yes"]
    `,
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 46,
          status: 'unknown',
          message: 'Whether service "a" sets no-new-privileges cannot be known: variable NNP is not set.',
        },
        {
          messageId: 'unknown',
          line: 7,
          column: 20,
          status: 'unknown',
          message:
            'Whether service "b" sets no-new-privileges cannot be known: its value is not a boolean dockerd takes (true or false), so dockerd refuses the container.',
        },
      ],
    },
    {
      name: 'engine SecurityOpt null',
      engine: '{"Name": "/web", "HostConfig": {"SecurityOpt": null}}',
      errors: [{ messageId: 'missing', line: 1, column: 10 }],
    },
    { run: 'docker run --security-opt no-new-privileges=false nginx:1.27', errors: [{ messageId: 'disabled', line: 1, column: 12 }] },
    { run: 'docker run nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
    {
      name: 'a run line whose --security-opt is a shell variable: unknown, not missing',
      run: 'docker run --security-opt "$OPT" nginx:1.27',
      errors: [
        {
          messageId: 'unknown',
          line: 1,
          column: 12,
          status: 'unknown',
          message: 'Whether the docker run command sets no-new-privileges cannot be known: shell variable OPT is set at run time.',
        },
      ],
    },
  ],
});
