import { testRule } from '../../testing/rule-tester.js';
import { requireHttpsRegistryMirrors } from './require-https-registry-mirrors.js';

testRule(requireHttpsRegistryMirrors, {
  valid: [
    { 'daemon-json': '{ "registry-mirrors": ["https://mirror.example.com"] }' },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --registry-mirror https://m.example\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "registry-mirrors": ["https://ok.example", "http://mirror.lan:5000"]\n}', errors: [{ messageId: 'http', line: 2, column: 46 }] },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --registry-mirror=http://mirror.lan\n', errors: [{ messageId: 'http', line: 2, column: 29 }] },
  ],
});
