import { ENGINE_SOCKET_NAME, isUnknown, mountHostPath, throughProcRoot } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** The logical path of the mount `use_api_socket:` (compose) or `--use-api-socket` (a run line) gives. */
const API_SOCKET = /(?:^|\.)(?:use_api_socket|--use-api-socket)$/;
/** Folders whose bind mount carries the Docker socket with it. */
const SOCKET_PARENTS = new Set([
  '/',
  '/var',
  '/run',
  '/var/run',
  '/run/docker',
  '/var/run/docker',
  '/run/containerd',
  '/run/crio',
  '/var/run/crio',
  '/run/podman',
  '/var/run/podman',
]);

/** BW1014: the Docker socket is root on the host (seed §3; CIS 5.32). */
export const noDockerSocketMount = runtimeRule({
  meta: {
    id: 'BW1014',
    name: 'no-docker-socket-mount',
    scope: 'runtime',
    severity: 'critical',
    title: 'The Docker socket is not mounted into containers',
    rationale:
      'Whoever can talk to the Docker API can start a privileged container that mounts the host root: a mounted docker.sock (or containerd.sock, podman.sock, crio.sock of CRI-O, or a parent folder such as /var/run) is root on the host, and `:ro` does not help because the API is used over the socket, not by writing the file.',
    remediation:
      'Remove the mount. If the service must drive Docker, put a filtering socket proxy in between that allows only the API calls it needs (read-only where possible), and give the service the proxy address instead.',
    references: {
      seed: '§3',
      cis: { version: '1.6.0', items: ['5.32'] },
      docs: ['https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
    },
    checklist: 'runtime',
    appliesTo: ['compose', 'run', 'engine', 'proxy'],
    messages: {
      socket: '{target} mounts the container engine socket {source}.',
      parent: '{target} mounts {source}, which contains the Docker socket.',
      unknown: '{target} mounts {target_path} from a source that cannot be known: {reason}.',
      apiSocketUnknown: 'Whether {target} mounts the Docker API socket cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    for (const m of c.mounts) {
      if (isUnknown(m.value)) {
        // `use_api_socket: ${UAS}` with UAS not set: the socket may be mounted (sources give an Unknown mount there).
        if (m.at.path !== undefined && API_SOCKET.test(m.at.path))
          ctx.report({ messageId: 'apiSocketUnknown', at: m, status: 'unknown', data: { reason: m.value.reason } });
        continue;
      }
      const { source, target, type } = m.value;
      if (type === 'bind' && source !== undefined && (source.includes('${') || source.startsWith('$'))) {
        if (ENGINE_SOCKET_NAME.test(target))
          ctx.report({ messageId: 'unknown', at: m, status: 'unknown', data: { target_path: target, reason: `source ${source}` } });
        continue;
      }
      // The host path BW1015 judges too: relative paths resolved, a volume the local driver binds, /proc/1/root as /.
      const h = mountHostPath(m.value);
      if (h === undefined || h.how === 'home') {
        // A home folder (`~/...`) or a relative path whose folder is not known: only an engine socket by name is known.
        if (type === 'bind' && source !== undefined && ENGINE_SOCKET_NAME.test(source)) ctx.report({ messageId: 'socket', at: m, data: { source } });
        continue;
      }
      const p = throughProcRoot(h.path) ?? h.path;
      const kind = ENGINE_SOCKET_NAME.test(p) ? 'socket' : SOCKET_PARENTS.has(p) ? 'parent' : undefined;
      if (kind === undefined) continue;
      if (h.how === 'upward') {
        const what = kind === 'socket' ? 'the container engine socket' : `${p}, which contains the Docker socket,`;
        const reason = `${source} is ${what} when it runs ${h.depth} folders deep or less (its working directory is not known)`;
        ctx.report({ messageId: 'unknown', at: m, status: 'unknown', data: { target_path: target, reason } });
        continue;
      }
      const shown =
        h.how === 'volume'
          ? c.origin === 'compose'
            ? `volume "${source}" (volumes.${source} has the local driver bind host path ${h.path})`
            : `a volume whose volume-opt options have the local driver bind host path ${h.path}`
          : source === undefined || p === source || (h.how === 'absolute' && p === h.path)
            ? (source ?? p)
            : `${source} (host path ${p})`;
      ctx.report({ messageId: kind, at: m, data: { source: shown } });
    }
  },
});
