import { emptyContainerSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { noOomKilled } from './no-oom-killed.js';

testRule(noOomKilled, {
  valid: [
    { name: 'no live facts (not from an engine)', model: emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }) },
    {
      engine: '{"Name": "/web", "State": {"Status": "exited", "OOMKilled": false, "ExitCode": 0}}',
    },
  ],
  invalid: [
    {
      engine: '{"Name": "/web", "State": {"Status": "exited", "OOMKilled": true, "ExitCode": 137}}',
      errors: [{ messageId: 'oomKilled', line: 1, column: 27 }],
    },
  ],
});
