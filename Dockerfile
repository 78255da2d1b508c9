# Bulwark's own image: a CLI that reads the files mounted at /work and writes a report.
# Hardened as Bulwark asks of others: multi-stage, base image pinned by digest, no secrets, non-root numeric
# user, nothing world-writable, read-only friendly (it writes only to stdout or to --output under a mounted path).
#
#   docker build -t bulwark:0.1.0 .
#   docker run --rm --read-only --cap-drop ALL --security-opt no-new-privileges:true --network none \
#     -v "$PWD:/work:ro" bulwark:0.1.0 scan . --format sarif > bulwark.sarif
#
# No `# syntax=` line: it makes BuildKit fetch a frontend image, which fails on offline builders.
# Before publishing, pin both FROM lines to the digest the tag resolves to
# (`docker buildx imagetools inspect node:20-bookworm-slim`), then delete the suppressions below.

# bulwark-ignore BW2005: no registry is reachable where this file was written to resolve the digest; pin it before release
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Dependencies' install scripts are not run (npm 11 asks for approval; none is needed for the bundle).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN node scripts/build.mjs \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf /src/node_modules/.cache

# bulwark-ignore BW2005: same base as the build stage; pin it with the same digest before release
FROM node:20-bookworm-slim
ARG BULWARK_REVISION=unknown
ARG BULWARK_CREATED=unknown
LABEL org.opencontainers.image.title="bulwark" \
      org.opencontainers.image.description="Hardens Docker hosts and workloads: one rule set over compose files, Dockerfiles, run lines, daemon and host configuration." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/bulwark-hardening/bulwark" \
      org.opencontainers.image.revision="${BULWARK_REVISION}" \
      org.opencontainers.image.created="${BULWARK_CREATED}"
ENV NODE_ENV=production \
    NO_UPDATE_NOTIFIER=1
WORKDIR /opt/bulwark
# Root owns the program and it is not writable by the user that runs it.
COPY --from=build --chown=0:0 --chmod=0755 /src/dist ./dist
COPY --from=build --chown=0:0 /src/node_modules ./node_modules
COPY --chown=0:0 package.json ./
WORKDIR /work
USER 10001:10001
ENTRYPOINT ["node", "/opt/bulwark/dist/bulwark.js"]
CMD ["scan", "."]
