import { testRule } from '../../testing/rule-tester.js';
import { df } from '../dockerfile/testing.js';
import { requireOciLabels } from './require-oci-labels.js';

testRule(requireOciLabels, {
  valid: [
    {
      name: 'labels from build arguments',
      dockerfile: df`
        FROM alpine:3.20
        ARG GIT_SHA
        ARG BUILD_DATE
        LABEL org.opencontainers.image.source="https://github.com/acme/api" \
              org.opencontainers.image.revision=$GIT_SHA \
              org.opencontainers.image.created=$BUILD_DATE
      `,
    },
  ],
  invalid: [
    {
      dockerfile: df`
        FROM alpine:3.20
        LABEL org.opencontainers.image.source=https://github.com/acme/api
      `,
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: 'The final stage of Dockerfile lacks the OCI labels org.opencontainers.image.revision, org.opencontainers.image.created.',
        },
      ],
    },
  ],
});
