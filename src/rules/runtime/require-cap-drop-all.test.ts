import { emptyContainerSpec, refusedValue, unknown } from '../../model/index.js';
import { yaml } from '../../testing/dedent.js';
import { testRule } from '../../testing/rule-tester.js';
import { requireCapDropAll } from './require-cap-drop-all.js';

testRule(requireCapDropAll, {
  valid: [
    {
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_drop: [ALL]
    `,
    },
    {
      name: 'lower case is normalised',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_drop:
            - aLL
            - cap_net_raw
    `,
    },
    {
      name: 'all in lower case',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_drop: [all]
    `,
    },
    { engine: '{"Name": "/web", "HostConfig": {"CapDrop": ["ALL"]}}' },
    { run: 'docker run --cap-drop=ALL nginx:1.27' },
    {
      name: 'a name dockerd refuses (CAP_ALL: "invalid CapDrop: unknown capability", checked on dockerd 20.10) is its input error alone: the compose and run sources report it, the rule says nothing',
      model: {
        ...emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }),
        capDrop: [{ value: refusedValue(unknown('"CAP_ALL" is not a valid value')), at: { source: 'compose.yaml', line: 4, column: 16 } }],
      },
    },
  ],
  invalid: [
    {
      name: 'no cap_drop',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
    `,
      errors: [{ messageId: 'missing', line: 2, column: 3 }],
    },
    {
      name: 'drops some but not ALL',
      compose: yaml`
      services:
        web:
          image: nginx:1.27
          cap_drop: [NET_RAW, MKNOD]
    `,
      errors: [{ messageId: 'partial', line: 4, column: 16, message: 'Service "web" drops NET_RAW, MKNOD but not ALL.' }],
    },
    {
      name: 'unset variable',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: ["${DROP}"]\n',
      errors: [{ messageId: 'unknown', line: 4, column: 16, status: 'unknown' }],
    },
    {
      name: 'engine drops one capability',
      engine: '{"Name": "/web", "HostConfig": {"CapDrop": ["CAP_NET_RAW"]}}',
      errors: [{ messageId: 'partial', line: 1, column: 45 }],
    },
    {
      name: 'engine CapDrop null',
      engine: '{"Name": "/web", "HostConfig": {"CapDrop": null}}',
      errors: [{ messageId: 'missing', line: 1, column: 10 }],
    },
    { run: 'docker run --cap-drop NET_RAW nginx:1.27', errors: [{ messageId: 'partial', line: 1, column: 12 }] },
    { run: 'docker run nginx:1.27', errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
});
