import { emptyContainerSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSharedMountPropagation } from './no-shared-mount-propagation.js';

testRule(noSharedMountPropagation, {
  valid: [
    { name: 'no live facts (not from an engine)', model: emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }) },
    {
      engine:
        '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/srv", "Destination": "/srv", "RW": true, "Propagation": "rprivate"}, {"Type": "bind", "Source": "/mnt", "Destination": "/mnt", "RW": false, "Propagation": "rslave"}]}',
    },
    {
      name: 'volumes have no propagation',
      engine: '{"Name": "/web", "Mounts": [{"Type": "volume", "Name": "data", "Destination": "/data", "RW": true, "Propagation": ""}]}',
    },
  ],
  invalid: [
    {
      engine:
        '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/srv", "Destination": "/srv", "RW": true, "Propagation": "rprivate"}, {"Type": "bind", "Source": "/mnt", "Destination": "/mnt", "RW": true, "Propagation": "rshared"}]}',
      errors: [{ messageId: 'shared', line: 1, column: 127, message: 'Container "web" mounts /mnt:/mnt with rshared propagation.' }],
    },
    {
      name: 'shared',
      engine: '{"Name": "/web", "Mounts": [{"Type": "bind", "Source": "/srv", "Destination": "/data", "RW": true, "Propagation": "shared"}]}',
      errors: [{ messageId: 'shared', line: 1, column: 29 }],
    },
  ],
});
