import { testRule } from '../../testing/rule-tester.js';
import { requireHttpsRegistryMirrors } from './require-https-registry-mirrors.js';

testRule(requireHttpsRegistryMirrors, {
  valid: [
    { 'daemon-json': '{ "registry-mirrors": ["https://mirror.example.com"] }' },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --registry-mirror https://m.example\n' },
    {
      name: 'loopback http mirrors (the traffic never leaves the host)',
      'daemon-json': '{ "registry-mirrors": ["http://localhost:5001", "http://127.0.0.1:5002/", "http://[::1]:5003"] }',
    },
    { name: 'a loopback flag', systemd: '[Service]\nExecStart=/usr/sbin/dockerd --registry-mirror=http://127.0.0.1:5000\n' },
  ],
  invalid: [
    { 'daemon-json': '{\n  "registry-mirrors": ["https://ok.example", "http://mirror.lan:5000"]\n}', errors: [{ messageId: 'http', line: 2, column: 46 }] },
    { systemd: '[Service]\nExecStart=/usr/sbin/dockerd --registry-mirror=http://mirror.lan\n', errors: [{ messageId: 'http', line: 2, column: 29 }] },
    {
      name: 'look-alikes of loopback are reported',
      'daemon-json': '{\n  "registry-mirrors": ["http://localhost.evil.example", "http://127.0.0.1.nip.io:5000"]\n}',
      errors: [
        { messageId: 'http', line: 2, column: 24 },
        { messageId: 'http', line: 2, column: 57 },
      ],
    },
  ],
});
