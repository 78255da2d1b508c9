import { isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/**
 * True when a `user:` value (`[user][:group]`: name, uid, uid:gid, name:group, `:gid`) is root. An empty user before
 * a colon (`:0`, `:1000`) is uid 0: Docker takes the image's USER only when the whole value is empty (moby
 * daemon/commit.go `merge`: `if userConf.User == ""`), and moby/sys/user `GetExecUser` keeps its default uid 0 when
 * the user part is empty. An empty value (no colon) is not a user at all: the image decides (sources leave it unset).
 * Blanks are not trimmed: `GetExecUser` does not trim either, so `" 0"` is looked up as a user name, which no passwd
 * file holds, and the container does not start ("unable to find user  0"); it is not root.
 */
export function isRootUser(user: string): boolean {
  const u = user.split(':')[0] as string;
  // A uid is read with Go's strconv.Atoi (moby/sys/user `parseNumeric`), which takes a sign: `+0` and `-0` are uid 0.
  return u === 'root' || /^[+-]?0+$/.test(u) || (u === '' && user.includes(':'));
}

/** BW1030: processes run as a non-root user (seed §5.1; CIS 4.1). */
export const requireNonRootUser = runtimeRule({
  meta: {
    id: 'BW1030',
    name: 'require-non-root-user',
    scope: 'runtime',
    severity: 'high',
    title: 'Containers run as a non-root user',
    rationale:
      'Root in a container is root on the host for the kernel (unless user namespaces remap it): any escape, writable host mount or kernel bug is exploited with full privileges. When the service sets no user, the image decides, so that case is unknown until the Dockerfile is scanned too.',
    remediation:
      'Set `user: "10001:10001"` (`-u 10001:10001`), a numeric uid and gid that exist for nothing else on the host, and make the image work as that user (`USER 10001:10001` in the Dockerfile).',
    references: {
      seed: '§5.1',
      cis: { version: '1.6.0', items: ['4.1'] },
      docs: ['https://docs.docker.com/reference/compose-file/services/#user'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      root: '{target} runs as root (user {user}).',
      rootNoUser: '{target} runs as root (user {user}): with no user before the colon, Docker runs uid 0, not the image user.',
      imageDecides: '{target} sets no user, and the image decides.',
      imageRoot: '{target} sets no user, and its image runs as root.',
      unknown: 'The user of {target} cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    const u = c.user;
    if (u) {
      if (isUnknown(u.value)) return ctx.report({ messageId: 'unknown', at: u, status: 'unknown', data: { reason: u.value.reason } });
      if (isRootUser(u.value)) ctx.report({ messageId: u.value.startsWith(':') ? 'rootNoUser' : 'root', at: u, data: { user: u.value } });
      return;
    }
    const img = c.imageDefaults?.user;
    if (!img) {
      if (c.imageDefaults !== undefined) ctx.report({ messageId: 'imageRoot', at: c.at });
      else ctx.report({ messageId: 'imageDecides', at: c.at, status: 'unknown' });
      return;
    }
    if (isUnknown(img.value)) return ctx.report({ messageId: 'unknown', at: c.at, status: 'unknown', data: { reason: img.value.reason } });
    if (isRootUser(img.value)) ctx.report({ messageId: 'imageRoot', at: c.at });
  },
});
