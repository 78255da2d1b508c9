import { testRule } from '../../testing/rule-tester.js';
import { noLatestBaseImage } from './no-latest-base-image.js';
import { df } from './testing.js';

testRule(noLatestBaseImage, {
  valid: [
    {
      name: 'ARG-driven base with a versioned default',
      dockerfile: df`
        ARG BASE=node:20.17-alpine
        FROM \${BASE} AS build
        FROM build
      `,
    },
    {
      name: 'stage names that look like images, scratch, digest only',
      dockerfile: df`
        FROM golang:1.22 AS node
        FROM node
        FROM alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5 AS certs
        FROM scratch
        COPY --from=certs /etc/ssl/certs /etc/ssl/certs
      `,
    },
    {
      name: 'escape directive with a backtick, and a default in the variable',
      dockerfile: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:${WIN_TAG:-ltsc2022}\nRUN powershell -Command `\n    Write-Host hi\n',
    },
  ],
  invalid: [
    {
      name: 'no tag',
      dockerfile: df`
        FROM ubuntu
      `,
      errors: [{ messageId: 'noTag', line: 1, column: 6, message: 'Stage #1 starts from image ubuntu without a tag (latest).' }],
    },
    {
      name: 'latest, through an ARG, after --platform',
      dockerfile: df`
        ARG TAG=latest
        FROM --platform=$BUILDPLATFORM nginx:\${TAG} AS web
      `,
      errors: [{ messageId: 'latest', line: 2, column: 32, message: 'Stage "web" starts from image nginx:latest tagged latest.' }],
    },
    {
      name: 'a build argument without default is unknown',
      dockerfile: df`
        ARG BASE_IMAGE
        FROM \${BASE_IMAGE}
      `,
      errors: [{ messageId: 'unknown', line: 2, column: 6, status: 'unknown' }],
    },
  ],
});
