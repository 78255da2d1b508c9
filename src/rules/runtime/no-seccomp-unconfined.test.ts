import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSeccompUnconfined } from './no-seccomp-unconfined.js';

testRule(noSeccompUnconfined, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: ["seccomp:/etc/docker/seccomp-restrict.json"]
    `,
    },
    {
      name: 'no security_opt keeps the default profile',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"SecurityOpt": ["no-new-privileges"]}}' },
    { run: 'docker run --security-opt seccomp=/etc/docker/seccomp.json nginx:1.27' },
    {
      name: 'upper case is a profile file named UNCONFINED to dockerd and compose (the container is refused), not unconfined',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: [seccomp=UNCONFINED]
    `,
    },
    { run: 'docker run --security-opt seccomp=Unconfined nginx:1.27' },
  ],
  invalid: [
    {
      name: 'legacy colon form',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - seccomp:unconfined
    `,
      errors: [{ messageId: 'unconfined', line: 5, column: 9 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["seccomp=${PROFILE}"]\n',
      errors: [{ messageId: 'unknown', line: 4, column: 20, status: 'unknown' }],
    },
    {
      name: 'an entry whose key is a variable without a value may be seccomp=unconfined; a later explicit profile decides',
      compose: yaml`
      services:
        a:
          image: nginx:1.27
          security_opt: ["no-new-privileges:true", "\${SECOPT}"]
        b:
          image: nginx:1.27
          security_opt: ["\${K}=unconfined"]
        c:
          image: nginx:1.27
          security_opt: ["\${SECOPT}", "seccomp=/etc/docker/seccomp.json"]
        d:
          image: nginx:1.27
          security_opt: ["app\${X}"]
    `,
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 46,
          status: 'unknown',
          message: 'The seccomp profile of service "a" cannot be known: variable SECOPT is not set.',
        },
        { messageId: 'unknown', line: 7, column: 20, status: 'unknown', message: 'The seccomp profile of service "b" cannot be known: variable K is not set.' },
      ],
    },
    {
      name: 'engine SecurityOpt',
      engine: '{"Name": "/web", "HostConfig": {"SecurityOpt": ["seccomp=unconfined"]}}',
      errors: [{ messageId: 'unconfined', line: 1, column: 49 }],
    },
    { name: 'legacy colon form', run: 'docker run --security-opt seccomp:unconfined nginx:1.27', errors: [{ messageId: 'unconfined', line: 1, column: 12 }] },
    {
      name: 'a run line whose --security-opt is a shell variable: unknown, not missing',
      run: 'docker run --security-opt "$OPT" nginx:1.27',
      errors: [
        {
          messageId: 'unknown',
          line: 1,
          column: 12,
          status: 'unknown',
          message: 'The seccomp profile of the docker run command cannot be known: shell variable OPT is set at run time.',
        },
      ],
    },
  ],
});
