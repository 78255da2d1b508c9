import { testRule } from '../../testing/rule-tester.js';
import { noSudo } from './no-sudo.js';
import { df } from './testing.js';

testRule(noSudo, {
  valid: [
    {
      name: 'sudo as a package name, in quotes and in a comment',
      dockerfile: df`
        FROM debian:12-slim
        RUN apt-get install -y --no-install-recommends sudo
        RUN echo "never use sudo here" # sudo make install
      `,
    },
  ],
  invalid: [
    {
      dockerfile: df`
        FROM debian:12-slim
        USER app
        RUN sudo apt-get update && \
            make && sudo make install
      `,
      errors: [
        { messageId: 'sudo', line: 3, column: 5, message: 'A RUN in stage #1 uses sudo.' },
        { messageId: 'sudo', line: 4, column: 13 },
      ],
    },
    {
      name: 'after a double-quoted string with escaped quotes',
      dockerfile: df`
        FROM debian:12-slim
        RUN echo "say \"hi\"" && sudo make install
      `,
      errors: [{ messageId: 'sudo', line: 2, column: 26 }],
    },
    {
      name: 'exec form',
      dockerfile: df`
        FROM debian:12-slim
        RUN ["sudo", "make", "install"]
      `,
      errors: [{ messageId: 'sudo', line: 2, column: 5 }],
    },
  ],
});
