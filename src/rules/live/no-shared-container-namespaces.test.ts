import { emptyContainerSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { noSharedContainerNamespaces } from './no-shared-container-namespaces.js';

testRule(noSharedContainerNamespaces, {
  valid: [
    { name: 'no live facts (not from an engine)', model: emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }) },
    {
      engine: '{"Name": "/web", "HostConfig": {"NetworkMode": "default", "PidMode": "", "IpcMode": "shareable"}}',
    },
  ],
  invalid: [
    {
      engine: '{"Name": "/web", "HostConfig": {"NetworkMode": "container:db", "PidMode": "container:4f2a", "IpcMode": "private"}}',
      errors: [
        { messageId: 'shared', line: 1, column: 48, message: 'Container "web" joins the network namespace of container db.' },
        { messageId: 'shared', line: 1, column: 75, message: 'Container "web" joins the PID namespace of container 4f2a.' },
      ],
    },
  ],
});
