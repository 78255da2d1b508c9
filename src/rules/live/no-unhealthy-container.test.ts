import { emptyContainerSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { noUnhealthyContainer } from './no-unhealthy-container.js';

testRule(noUnhealthyContainer, {
  valid: [
    { name: 'no live facts (not from an engine)', model: emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }) },
    {
      engine: '{"Name": "/web", "State": {"Status": "running", "Running": true, "Health": {"Status": "healthy", "FailingStreak": 0}}}',
    },
    {
      name: 'starting is not unhealthy',
      engine: '{"Name": "/web", "State": {"Status": "running", "Running": true, "Health": {"Status": "starting", "FailingStreak": 1}}}',
    },
    {
      name: 'no health check',
      engine: '{"Name": "/web", "State": {"Status": "running", "Running": true}}',
    },
  ],
  invalid: [
    {
      name: 'unhealthy',
      engine: '{"Name": "/web", "State": {"Status": "running", "Running": true, "Health": {"Status": "unhealthy", "FailingStreak": 4}}}',
      errors: [{ messageId: 'unhealthy', line: 1, column: 27, message: 'Container "web" is unhealthy (4 failed health checks in a row).' }],
    },
    {
      name: 'restart loop',
      engine: '{"Name": "/web", "RestartCount": 12, "State": {"Status": "restarting", "Restarting": true}}',
      errors: [{ messageId: 'restarting', line: 1, column: 47, message: 'Container "web" is restarting in a loop (12 restarts so far).' }],
    },
  ],
});
