import { testRule } from '../../testing/rule-tester.js';
import { requireFirewallInputPolicy } from './require-firewall-input-policy.js';

testRule(requireFirewallInputPolicy, {
  valid: [
    { host: '', files: { '<iptables -S INPUT>': '-P INPUT DROP\n-A INPUT -i lo -j ACCEPT\n' } },
    {
      name: 'nftables input chain with policy drop',
      host: '',
      files: { '<nft list ruleset>': 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}\n' },
    },
  ],
  invalid: [
    {
      host: '',
      files: { '<iptables -S INPUT>': '-P INPUT ACCEPT\n' },
      errors: [
        { messageId: 'accept', line: 1, column: 1, message: 'The iptables INPUT policy is ACCEPT: the host accepts any inbound traffic that no rule refuses.' },
      ],
    },
    {
      name: 'no input hook in nftables',
      host: '',
      files: { '<nft list ruleset>': 'table ip nat {\n\tchain POSTROUTING {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t}\n}\n' },
      errors: [{ messageId: 'accept', line: 0, column: 0 }],
    },
    {
      name: 'no commands on a --root audit',
      host: '',
      errors: [
        { messageId: 'skipped', line: 0, column: 0, status: 'unknown', message: 'The firewall was not checked: commands are only run when auditing / itself.' },
      ],
    },
  ],
});
