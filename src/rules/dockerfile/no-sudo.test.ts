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
    {
      name: 'wrappers that run no sudo: command -v only prints a path, sudoedit is another program',
      dockerfile: df`
        FROM debian:12-slim
        RUN command -v sudo || echo none
        RUN nice -n 5 sudoedit /etc/hosts; timeout 5 make sudo
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
      name: 'sudo after wrappers, keywords and assignments, by path, and sudo that runs nothing after it',
      dockerfile: df`
        FROM debian:12-slim
        RUN env DEBIAN_FRONTEND=noninteractive sudo apt-get update
        RUN nice -n 5 sudo make; timeout 60 sudo make; time -f %e sudo make
        RUN if true; then sudo -u app make; fi && ! /usr/bin/sudo -E make
        RUN nohup sudo make & exec sudo -l
      `,
      errors: [
        { messageId: 'sudo', line: 2, column: 40, endColumn: 44 },
        { messageId: 'sudo', line: 3, column: 15 },
        { messageId: 'sudo', line: 3, column: 37 },
        { messageId: 'sudo', line: 3, column: 59 },
        { messageId: 'sudo', line: 4, column: 19 },
        { messageId: 'sudo', line: 4, column: 45, endColumn: 58 },
        { messageId: 'sudo', line: 5, column: 11 },
        { messageId: 'sudo', line: 5, column: 28 },
      ],
    },
    {
      name: 'exec form',
      dockerfile: df`
        FROM debian:12-slim
        RUN ["sudo", "make", "install"]
      `,
      errors: [{ messageId: 'sudo', line: 2, column: 7, message: 'A RUN in stage #1 uses sudo.' }],
    },
    {
      name: 'a stage name of 3,000 characters is quoted cut, with its length',
      dockerfile: df`
        FROM debian:12-slim AS ${'b'.repeat(3000)}
        RUN sudo make
      `,
      errors: [{ messageId: 'sudo', line: 2, column: 5, message: `A RUN in stage "${'b'.repeat(100)}..." (3000 characters) uses sudo.` }],
    },
  ],
});
