import { testRule } from '../../testing/rule-tester.js';
import { noWorldWritableFiles } from './no-world-writable-files.js';
import { df } from './testing.js';

testRule(noWorldWritableFiles, {
  valid: [
    {
      name: 'ordinary modes, sticky scratch folder, removing write',
      dockerfile: df`
        FROM debian:12-slim
        RUN chmod 755 /app && chmod 1777 /scratch && chmod -R o-w /srv && chmod -R u+w /data
        COPY --chmod=644 config.yaml /etc/app/
      `,
    },
  ],
  invalid: [
    {
      dockerfile: df`
        FROM debian:12-slim
        RUN mkdir /data && chmod -R 777 /data
      `,
      errors: [{ messageId: 'chmod', line: 2, column: 29, message: 'A RUN in stage #1 makes files world-writable (chmod 777).' }],
    },
    {
      name: 'symbolic mode and COPY --chmod',
      dockerfile: df`
        FROM debian:12-slim
        COPY --chmod=666 app.conf /etc/app.conf
        RUN chmod a+rwx /srv/upload
      `,
      errors: [
        { messageId: 'copyChmod', line: 2, column: 6 },
        { messageId: 'chmod', line: 3, column: 11 },
      ],
    },
  ],
});
