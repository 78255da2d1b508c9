import { emptyContainerSpec } from '../../model/index.js';
import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireNonRootUser } from './require-non-root-user.js';

const at = { source: 'compose.yaml', line: 2, column: 3 };

testRule(requireNonRootUser, {
  valid: [
    {
      compose: yaml`
      services:
        a: { image: nginx:1.27, user: "10001:10001" }
        b: { image: nginx:1.27, user: app }
        c: { image: nginx:1.27, user: "1000" }
        d: { image: nginx:1.27, user: "100:0" }
    `,
    },
    { name: 'the scanned Dockerfile sets a user', model: { ...emptyContainerSpec('web', 'compose', at), imageDefaults: { user: { value: '10001', at } } } },
    { engine: '{"Name": "/web", "Config": {"User": "1000:1000"}}' },
    { run: 'docker run --user 10001:10001 nginx:1.27' },
    {
      name: 'a uid with a blank before it is looked up as a name, found in no passwd file: the container does not start',
      run: 'docker run -u " 0" nginx:1.27',
    },
  ],
  invalid: [
    {
      name: 'root in its spellings',
      compose: yaml`
      services:
        a: { image: nginx:1.27, user: root }
        b: { image: nginx:1.27, user: "0" }
        c: { image: nginx:1.27, user: "0:0" }
        d: { image: nginx:1.27, user: "000" }
        e: { image: nginx:1.27, user: "root:wheel" }
    `,
      errors: [
        { messageId: 'root', line: 2, column: 33, message: 'Service "a" runs as root (user root).' },
        { messageId: 'root', line: 3, column: 33 },
        { messageId: 'root', line: 4, column: 33, message: 'Service "c" runs as root (user 0:0).' },
        { messageId: 'root', line: 5, column: 33 },
        { messageId: 'root', line: 6, column: 33 },
      ],
    },
    {
      name: 'no user: the image decides',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
      errors: [{ messageId: 'imageDecides', line: 2, column: 3, status: 'unknown' }],
    },
    {
      name: 'the scanned image runs as root',
      model: { ...emptyContainerSpec('web', 'compose', at), imageDefaults: {} },
      errors: [{ messageId: 'imageRoot', line: 2, column: 3 }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    user: ${APP_UID}\n',
      errors: [{ messageId: 'unknown', line: 4, column: 11, status: 'unknown' }],
    },
    {
      name: 'engine empty Config.User runs as root',
      engine: '{"Name": "/web", "Config": {"User": ""}}',
      errors: [{ messageId: 'imageRoot', line: 1, column: 10 }],
    },
    {
      name: 'engine Config.User root',
      engine: '{"Name": "/web", "Config": {"User": "root"}}',
      errors: [{ messageId: 'root', line: 1, column: 37 }],
    },
    { run: 'docker run -u 0:0 nginx:1.27', errors: [{ messageId: 'root', line: 1, column: 12 }] },
    {
      // Docker takes the image's USER only for an empty value (moby daemon/commit.go merge): an empty user is no user.
      name: 'an empty user, written or from a variable set to nothing, leaves it to the image',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    user: ""\n  b:\n    image: nginx:1.27\n    user: "${APP_UID}"\n',
      env: { APP_UID: '' },
      errors: [
        { messageId: 'imageDecides', line: 2, column: 3, status: 'unknown', message: 'Service "a" sets no user, and the image decides.' },
        { messageId: 'imageDecides', line: 5, column: 3, status: 'unknown', message: 'Service "b" sets no user, and the image decides.' },
      ],
    },
    {
      name: 'an empty user with a group is uid 0, not the image user (moby/sys/user GetExecUser)',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    user: ":0"\n  b:\n    image: nginx:1.27\n    user: ":1000"\n',
      errors: [
        {
          messageId: 'rootNoUser',
          line: 4,
          column: 11,
          message: 'Service "a" runs as root (user :0): with no user before the colon, Docker runs uid 0, not the image user.',
        },
        { messageId: 'rootNoUser', line: 7, column: 11 },
      ],
    },
    { name: 'run --user ""', run: 'docker run --user "" nginx:1.27', errors: [{ messageId: 'imageDecides', line: 1, column: 1, status: 'unknown' }] },
    { name: 'run -u :0', run: 'docker run -u :0 nginx:1.27', errors: [{ messageId: 'rootNoUser', line: 1, column: 12 }] },
    {
      name: 'a signed zero is uid 0 (Go strconv.Atoi takes a sign)',
      compose: 'services:\n  a: { image: nginx:1.27, user: "+0" }\n  b: { image: nginx:1.27, user: "-0:1000" }\n',
      errors: [
        { messageId: 'root', line: 2, column: 33, message: 'Service "a" runs as root (user +0).' },
        { messageId: 'root', line: 3, column: 33, message: 'Service "b" runs as root (user -0:1000).' },
      ],
    },
  ],
});
