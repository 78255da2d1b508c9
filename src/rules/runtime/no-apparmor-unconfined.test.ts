import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { noApparmorUnconfined } from './no-apparmor-unconfined.js';

testRule(noApparmorUnconfined, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: [apparmor=my-profile]
    `,
    },
    { engine: '{"Name": "/web", "AppArmorProfile": "docker-default"}' },
    { engine: '{"Name": "/web", "AppArmorProfile": ""}' },
    { run: 'docker run --security-opt apparmor=docker-default nginx:1.27' },
    {
      name: 'profile names are case-sensitive: UNCONFINED names no loaded profile (dockerd refuses the container)',
      run: 'docker run --security-opt apparmor=UNCONFINED nginx:1.27',
    },
  ],
  invalid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt: [apparmor=unconfined]
    `,
      errors: [{ messageId: 'unconfined', line: 4, column: 20 }],
    },
    {
      name: 'legacy colon form',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          security_opt:
            - "apparmor:unconfined"
    `,
      errors: [{ messageId: 'unconfined', line: 5, column: 9 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["apparmor=${AA}"]\n',
      errors: [{ messageId: 'unknown', line: 4, column: 20, status: 'unknown' }],
    },
    {
      name: 'engine effective profile (fixture: no AppArmor on the test kernel)',
      engine: '{"Name": "/web", "AppArmorProfile": "unconfined"}',
      errors: [{ messageId: 'unconfined', line: 1, column: 37 }],
    },
    {
      name: 'engine SecurityOpt wins over the effective profile',
      engine: '{"Name": "/web", "AppArmorProfile": "unconfined", "HostConfig": {"SecurityOpt": ["apparmor=unconfined"]}}',
      errors: [{ messageId: 'unconfined', line: 1, column: 82 }],
    },
    { run: 'docker run --security-opt=apparmor=unconfined nginx:1.27', errors: [{ messageId: 'unconfined', line: 1, column: 12 }] },
  ],
});
