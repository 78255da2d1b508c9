import { isUnknown } from '../../model/index.js';
import { imageRule } from './util.js';

/** The OCI annotations that tie an image to its source (github.com/opencontainers/image-spec, annotations.md). */
export const REQUIRED_OCI_LABELS = ['org.opencontainers.image.source', 'org.opencontainers.image.revision', 'org.opencontainers.image.created'] as const;

/** BW3005: OCI labels that say where an image comes from (seed §14 "labels OCI", §8.3 provenance). */
export const requireOciLabels = imageRule({
  meta: {
    id: 'BW3005',
    name: 'require-oci-labels',
    scope: 'image',
    severity: 'info',
    title: 'Images carry the OCI source, revision and creation labels',
    rationale:
      'The `org.opencontainers.image.source`, `.revision` and `.created` labels tie a running image to the repository and commit it was built from, which incident response, vulnerability triage and provenance checks need. They are often added at build time (`docker buildx build --label`, docker/metadata-action), so a Dockerfile without them is only informational.',
    remediation:
      'Set them at build time: `docker buildx build --label org.opencontainers.image.source=https://github.com/acme/api --label org.opencontainers.image.revision=$(git rev-parse HEAD) --label org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ) .`, or with `LABEL` and build arguments in the final stage.',
    references: {
      seed: '§14',
      docs: ['https://github.com/opencontainers/image-spec/blob/main/annotations.md'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile', 'image'],
    messages: {
      missing: '{target} lacks the OCI labels {labels}.',
    },
  },
  check(img, ctx) {
    const have = new Set(img.labels.filter((l) => !isUnknown(l.value)).map((l) => (l.value as [string, string])[0]));
    const missing = REQUIRED_OCI_LABELS.filter((l) => !have.has(l));
    if (missing.length > 0) ctx.report({ messageId: 'missing', at: img.at, data: { labels: missing.join(', ') } });
  },
});
