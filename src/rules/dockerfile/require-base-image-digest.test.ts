import { testRule } from '../../testing/rule-tester.js';
import { requireBaseImageDigest } from './require-base-image-digest.js';
import { df } from './testing.js';

testRule(requireBaseImageDigest, {
  valid: [
    {
      name: 'pinned, then a stage reference and scratch',
      dockerfile: df`
        FROM golang:1.22@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5 AS build
        FROM build AS test
        FROM scratch
      `,
    },
    {
      name: 'pinned through an ARG default',
      dockerfile: df`
        ARG NODE=node:20.17-alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
        FROM \${NODE}
      `,
    },
  ],
  invalid: [
    {
      dockerfile: df`
        FROM python:3.12-slim AS base
        FROM base
      `,
      errors: [{ messageId: 'notPinned', line: 1, column: 6, message: 'Stage "base" starts from image python:3.12-slim, which is not pinned by digest.' }],
    },
  ],
});
