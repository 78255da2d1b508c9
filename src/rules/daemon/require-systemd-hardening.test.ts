import { testRule } from '../../testing/rule-tester.js';
import { requireSystemdHardening } from './require-systemd-hardening.js';

const UNIT = '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\nLimitNOFILE=1048576\n';
const HARDENING = '[Service]\nProtectKernelTunables=yes\nProtectKernelModules=yes\nProtectControlGroups=yes\nPrivateTmp=yes\nNoNewPrivileges=yes\n';

testRule(requireSystemdHardening, {
  valid: [{ systemd: UNIT, files: { '/etc/systemd/system/docker.service.d/10-hardening.conf': HARDENING } }],
  invalid: [
    {
      name: 'a later drop-in turns one off',
      systemd: UNIT,
      files: {
        '/etc/systemd/system/docker.service.d/10-hardening.conf': HARDENING,
        '/etc/systemd/system/docker.service.d/20-debug.conf': '[Service]\nPrivateTmp=no\n',
      },
      errors: [{ messageId: 'weak', line: 2, column: 12, message: 'The docker.service unit sets PrivateTmp=no.' }],
    },
    {
      name: 'an empty assignment resets',
      systemd: `${UNIT}LimitNOFILE=\n`,
      files: { '/etc/systemd/system/docker.service.d/10-hardening.conf': HARDENING },
      errors: [{ messageId: 'missing', line: 2, column: 1, message: 'The docker.service unit does not set LimitNOFILE.' }],
    },
  ],
});
