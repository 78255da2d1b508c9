import { testRule } from '../../testing/rule-tester.js';
import { df } from '../dockerfile/testing.js';
import { requireImageHealthcheck } from './require-image-healthcheck.js';

testRule(requireImageHealthcheck, {
  valid: [
    {
      name: 'exec-form health check with options',
      dockerfile: df`
        FROM nginx:1.27
        EXPOSE 8080
        HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
          CMD ["wget", "-qO-", "http://127.0.0.1:8080/healthz"]
      `,
    },
    {
      name: 'a tool image that serves nothing',
      dockerfile: df`
        FROM alpine:3.20
        ENTRYPOINT ["/usr/local/bin/tool"]
      `,
    },
    {
      name: 'inherited from the stage the final stage builds on',
      dockerfile: df`
        FROM node:20.17-alpine AS base
        HEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/ || exit 1
        FROM base
        EXPOSE 3000
      `,
    },
  ],
  invalid: [
    {
      name: 'a server without health check',
      dockerfile: df`
        FROM node:20.17-alpine AS runtime
        EXPOSE 3000 9090/tcp
      `,
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: 'The final stage "runtime" of Dockerfile exposes 3000/tcp, 9090/tcp but declares no HEALTHCHECK.',
        },
      ],
    },
    {
      name: 'HEALTHCHECK NONE',
      dockerfile: df`
        FROM nginx:1.27
        HEALTHCHECK NONE
      `,
      errors: [{ messageId: 'disabled', line: 2, column: 13 }],
    },
  ],
});
