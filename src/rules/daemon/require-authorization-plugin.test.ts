import { testRule } from '../../testing/rule-tester.js';
import { requireAuthorizationPlugin } from './require-authorization-plugin.js';

testRule(requireAuthorizationPlugin, {
  valid: [
    { 'daemon-json': '{ "authorization-plugins": ["opa-docker-authz"] }' },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --authorization-plugin=authz\n' },
  ],
  invalid: [
    { 'daemon-json': '{}', errors: [{ messageId: 'none', line: 1, column: 1 }] },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd\n', errors: [{ messageId: 'none', line: 2, column: 1 }] },
  ],
});
