import { emptyContainerSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { noHighRestartCount } from './no-high-restart-count.js';

testRule(noHighRestartCount, {
  valid: [
    { name: 'no live facts (not from an engine)', model: emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }) },
    {
      engine: '{"Name": "/web", "RestartCount": 5}',
    },
    {
      name: 'raised threshold',
      engine: '{"Name": "/web", "RestartCount": 9}',
      options: { maxRestarts: 10 },
    },
  ],
  invalid: [
    {
      engine: '{"Name": "/web", "RestartCount": 6}',
      errors: [{ messageId: 'tooMany', line: 1, column: 34, message: 'Container "web" has been restarted 6 times (more than 5).' }],
    },
  ],
});
