import { testRule } from '../../testing/rule-tester.js';
import { requirePackageManagerHygiene } from './require-package-manager-hygiene.js';
import { df } from './testing.js';

testRule(requirePackageManagerHygiene, {
  valid: [
    {
      name: 'the clean forms',
      dockerfile: df`
        FROM python:3.12-slim
        RUN apt-get update \
         && apt-get install -y --no-install-recommends ca-certificates \
         && rm -rf /var/lib/apt/lists/*
        RUN pip install --no-cache-dir -r requirements.txt
        RUN apk add --no-cache curl
      `,
    },
    {
      name: 'cache mounts, PIP_NO_CACHE_DIR, and a build stage that does not ship',
      dockerfile: df`
        FROM debian:12 AS build
        RUN apt-get update && apt-get install -y build-essential
        FROM python:3.12-slim
        ENV PIP_NO_CACHE_DIR=1
        RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
            apt-get update && apt-get install -y --no-install-recommends curl
        RUN pip install -r requirements.txt
      `,
    },
    {
      name: 'a package manager only named by command -v is not run',
      dockerfile: df`
        FROM python:3.12-slim
        RUN command -v pip install || command -V apt-get install
      `,
    },
  ],
  invalid: [
    {
      name: 'apt-get without either',
      dockerfile: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y curl
      `,
      errors: [
        { messageId: 'aptLists', line: 2, column: 5, message: 'A RUN in stage #1 runs apt-get update without removing /var/lib/apt/lists afterwards.' },
        { messageId: 'aptRecommends', line: 2, column: 23 },
      ],
    },
    {
      name: 'package managers run through sudo, env and timeout',
      dockerfile: df`
        FROM debian:12-slim
        RUN sudo apt-get update && sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install -y curl
        RUN timeout 300 pip install flask
      `,
      errors: [
        { messageId: 'aptLists', line: 2, column: 10 },
        { messageId: 'aptRecommends', line: 2, column: 71 },
        { messageId: 'pipCache', line: 3, column: 17 },
      ],
    },
    {
      name: 'pip through python -m, and apk',
      dockerfile: df`
        FROM python:3.12-alpine
        RUN python3 -m pip install flask
        RUN apk add curl
      `,
      errors: [
        { messageId: 'pipCache', line: 2, column: 5 },
        { messageId: 'apkCache', line: 3, column: 5 },
      ],
    },
  ],
});
