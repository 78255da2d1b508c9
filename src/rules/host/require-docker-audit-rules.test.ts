import { testRule } from '../../testing/rule-tester.js';
import { requireDockerAuditRules } from './require-docker-audit-rules.js';

const TREE = 'usr/sbin/dockerd 0755\netc/docker 0755 dir\nvar/lib/docker 0711 dir\netc/audit 0750 dir';

testRule(requireDockerAuditRules, {
  valid: [
    {
      name: 'a folder watch covers the files below it',
      host: TREE,
      files: {
        '/etc/audit/rules.d/docker.rules':
          '-w /usr/sbin/dockerd -p rwxa -k docker\n-w /etc/docker/ -p rwxa -k docker\n-a always,exit -F dir=/var/lib/docker -F perm=wa -k docker\n',
      },
    },
  ],
  invalid: [
    { name: 'no auditd at all', host: 'usr/sbin/dockerd 0755', errors: [{ messageId: 'noAuditd', line: 0, column: 0 }] },
    {
      name: 'rules files read, some paths missing',
      host: TREE,
      files: { '/etc/audit/rules.d/docker.rules': '# -w /usr/sbin/dockerd\n-w /etc/docker -k docker\n' },
      errors: [
        { messageId: 'missing', line: 0, column: 0, message: 'No audit rule watches /usr/sbin/dockerd (CIS 1.1.3).' },
        { messageId: 'missing', line: 0, column: 0, message: 'No audit rule watches /var/lib/docker (CIS 1.1.5).' },
      ],
    },
    {
      name: 'auditctl absent on a live host: judged from the files, with a note',
      host: TREE,
      files: { '/etc/audit/rules.d/docker.rules': '-w /usr/sbin/dockerd\n-w /etc/docker\n-w /var/lib/docker\n', '<iptables -S INPUT>': '-P INPUT DROP\n' },
      errors: [{ messageId: 'rulesOnly', line: 0, column: 0, status: 'unknown' }],
    },
    {
      name: 'rule files that cannot be read give unknown, not missing watches',
      host: `${TREE}\netc/audit/rules.d/docker.rules unreadable`,
      errors: [{ messageId: 'unreadable', line: 0, column: 0, status: 'unknown' }],
    },
  ],
});
