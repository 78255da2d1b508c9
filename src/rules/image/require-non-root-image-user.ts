import { isUnknown } from '../../model/index.js';
import { imageRule } from './util.js';

/**
 * True when a USER value (name, uid, uid:gid) is root; an empty value is root too (Docker's default), and so
 * is `ContainerAdministrator`, the administrator account of Windows containers.
 */
export function isRootImageUser(user: string): boolean {
  const u = user.trim().split(':')[0] as string;
  // A uid is read with Go's strconv.Atoi (moby/sys/user `parseNumeric`), which takes a sign: `+0` is uid 0.
  return u === '' || u === 'root' || /^[+-]?0+$/.test(u) || /^containeradministrator$/i.test(u);
}

/** BW3001: the image runs as a non-root user (seed §5.1; CIS 4.1). */
export const requireNonRootImageUser = imageRule({
  meta: {
    id: 'BW3001',
    name: 'require-non-root-image-user',
    scope: 'image',
    severity: 'high',
    title: 'Images run as a non-root user',
    rationale:
      'An image without USER (or with `USER root`) starts every container as root unless the run command overrides it, and most do not. Root in the container is root for the kernel: an escape, a writable host mount or a kernel bug is then exploited with full privileges. A USER set in a build stage does not carry over to a final stage that starts from another image.',
    remediation:
      'Create a dedicated user and switch to it at the end of the final stage: `RUN addgroup -S app && adduser -S -G app -u 10001 app` then `USER 10001:10001` (numeric, so Kubernetes `runAsNonRoot` can verify it). Give it ownership of the folders it writes with `COPY --chown=10001:10001`.',
    references: {
      seed: '§5.1',
      cis: { version: '1.6.0', items: ['4.1'] },
      docs: ['https://docs.docker.com/reference/dockerfile/#user'],
    },
    checklist: 'images-build',
    appliesTo: ['dockerfile', 'image'],
    messages: {
      noUser: '{target} sets no USER, so it runs as root.',
      root: '{target} runs as root (USER {user}).',
      unknown: 'The user of {target} cannot be known: {reason}.',
    },
  },
  check(img, ctx) {
    const u = img.user;
    if (!u) return ctx.report({ messageId: 'noUser', at: img.at });
    if (isUnknown(u.value)) return ctx.report({ messageId: 'unknown', at: u, status: 'unknown', data: { reason: u.value.reason } });
    if (u.value.trim() === '') return ctx.report({ messageId: 'noUser', at: u });
    if (isRootImageUser(u.value)) ctx.report({ messageId: 'root', at: u, data: { user: u.value } });
  },
});
