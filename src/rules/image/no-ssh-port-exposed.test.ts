import { testRule } from '../../testing/rule-tester.js';
import { df } from '../dockerfile/testing.js';
import { noSshPortExposed } from './no-ssh-port-exposed.js';

testRule(noSshPortExposed, {
  valid: [
    {
      dockerfile: df`
        FROM nginx:1.27
        EXPOSE 80 443 2222 22/udp
      `,
    },
  ],
  invalid: [
    {
      name: 'exposed twice: reported once, where it is first exposed',
      dockerfile: df`
        FROM debian:12-slim
        EXPOSE 22 2222
        EXPOSE 22
      `,
      errors: [{ messageId: 'ssh', line: 2, column: 8 }],
    },
    {
      dockerfile: df`
        FROM debian:12-slim
        EXPOSE 8080 22
      `,
      errors: [{ messageId: 'ssh', line: 2, column: 13, message: 'The final stage of Dockerfile exposes the SSH port (22/tcp).' }],
    },
    {
      name: 'a range through an ARG',
      dockerfile: df`
        FROM debian:12-slim
        ARG PORTS=20-25
        EXPOSE \${PORTS}
      `,
      errors: [{ messageId: 'ssh', line: 3, column: 8 }],
    },
  ],
});
