import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import type { EngineEndpoint } from './endpoint.js';
import { EngineError } from './errors.js';

/** The newest Engine API version Bulwark speaks; older engines are spoken to in their own version. */
export const CLIENT_API_VERSION = '1.45';
/** The oldest Engine API version whose answers carry the fields Bulwark reads (Docker 20.10 is 1.41). */
export const MIN_API_VERSION = '1.24';

/** Options of an engine connection. */
export interface ClientOptions {
  /** Requests in flight at once (and sockets kept open); default 16. */
  concurrency?: number;
  /** Per-request timeout in milliseconds; default 15000 (or `DOCKER_CLIENT_TIMEOUT` seconds, via the CLI). */
  timeoutMs?: number;
}

/** Compares dotted API versions numerically (`1.9` < `1.41`). */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

type Transport = (path: string) => Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>;

/**
 * A read-only Engine API client: GET requests only (an audit never changes the engine). Unix sockets and
 * TCP (with TLS or mutual TLS) go through Node's own http/https with a keep-alive agent bounded to the
 * concurrency, which keeps the CLI's start-up cheap; `ssh://` goes through dockerode's modem (loaded only
 * then: it pulls in ssh2), which runs `docker system dial-stdio` on the remote host as the docker CLI does.
 * The API version is negotiated on connect: the lower of the engine's and CLIENT_API_VERSION.
 */
export class EngineClient {
  private version = '';

  private constructor(
    readonly endpoint: EngineEndpoint,
    private readonly transport: Transport,
    private readonly closeFn: () => void,
  ) {}

  /** The negotiated API version (`1.41`). */
  get apiVersion(): string {
    return this.version;
  }

  /**
   * Connects and negotiates the API version with `GET /_ping`.
   * @throws EngineError `no-daemon`, `permission-denied`, `tls`, `timeout`, `ssh` or `api`.
   */
  static async connect(endpoint: EngineEndpoint, opts: ClientOptions = {}): Promise<EngineClient> {
    const concurrency = Math.max(1, opts.concurrency ?? 16);
    const timeoutMs = opts.timeoutMs ?? 15_000;
    let client: EngineClient;
    if (endpoint.kind === 'ssh') {
      const { transport, close } = await sshTransport(endpoint, timeoutMs);
      client = new EngineClient(endpoint, transport, close);
    } else {
      const { transport, close } = httpTransport(endpoint, concurrency, timeoutMs);
      client = new EngineClient(endpoint, transport, close);
    }
    try {
      const ping = await client.transport('/_ping');
      if (ping.status !== 200) throw apiError(endpoint, '/_ping', ping.status, ping.body);
      const header = ping.headers['api-version'];
      let server = typeof header === 'string' && /^\d+\.\d+$/.test(header) ? header : undefined;
      if (server === undefined) {
        // Transports that hide headers (ssh): ask `GET /version` instead.
        const v = await client.transport('/version');
        let api: unknown;
        try {
          api = v.status === 200 ? (JSON.parse(v.body) as { ApiVersion?: unknown }).ApiVersion : undefined;
        } catch {
          api = undefined; // not an engine's answer: speak the oldest version Bulwark supports
        }
        server = typeof api === 'string' && /^\d+\.\d+$/.test(api) ? api : MIN_API_VERSION;
      }
      client.version = compareApiVersions(server, CLIENT_API_VERSION) < 0 ? server : CLIENT_API_VERSION;
    } catch (e) {
      client.close();
      throw e;
    }
    return client;
  }

  /**
   * GETs a versioned API path (`/containers/json`) and parses the JSON answer.
   * @throws EngineError `api` with the HTTP status (404 for a container removed meanwhile), or a transport error.
   */
  async get<T>(path: string, query?: Record<string, string>): Promise<T> {
    const qs = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
    const full = `/v${this.version}${path}${qs}`;
    const r = await this.transport(full);
    if (r.status < 200 || r.status >= 300) throw apiError(this.endpoint, path, r.status, r.body);
    try {
      return JSON.parse(r.body) as T;
    } catch {
      throw new EngineError('api', `${this.endpoint.url}: GET ${path} answered something that is not JSON`, undefined, r.status);
    }
  }

  /** Closes kept-alive sockets so the process can exit. */
  close(): void {
    this.closeFn();
  }
}

function apiError(ep: EngineEndpoint, path: string, status: number, body: string): EngineError {
  let message = body.trim();
  try {
    const j = JSON.parse(body) as { message?: unknown };
    if (typeof j.message === 'string') message = j.message;
  } catch {
    /* not JSON: keep the text */
  }
  if (status === 400 && /HTTP request to an HTTPS server/i.test(message)) {
    return new EngineError('tls', `${ep.url} expects TLS`, 'set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder holding ca.pem, cert.pem and key.pem');
  }
  return new EngineError('api', `${ep.url}: GET ${path} failed with HTTP ${status}: ${message.slice(0, 300)}`, undefined, status);
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Turns a socket-level error into an EngineError with a hint (no stack traces for users). */
export function transportError(ep: EngineEndpoint, e: NodeJS.ErrnoException): EngineError {
  const code = e.code ?? '';
  const where = ep.kind === 'unix' ? ep.socketPath : ep.url;
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new EngineError(
      'no-daemon',
      `no Docker Engine answers at ${where} (${code}; from ${ep.from})`,
      ep.kind === 'unix'
        ? 'start dockerd, or point --host / DOCKER_HOST at the engine to audit'
        : 'check that dockerd listens there (-H tcp://...) and that the address is right',
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError(
      'permission-denied',
      `permission denied on ${where}`,
      'run as a user allowed to use the socket (root, or a member of the docker group, which is root-equivalent), or audit a remote engine over TLS',
    );
  }
  if (TLS_CODE.test(code) || code === 'EPROTO' || /certificate|ssl|tls/i.test(e.message)) {
    return new EngineError(
      'tls',
      `TLS with ${where} failed: ${e.message}`,
      'check DOCKER_CERT_PATH (ca.pem must have signed the daemon certificate; cert.pem and key.pem must be signed by the CA the daemon trusts) and that the host name matches the daemon certificate',
    );
  }
  if (code === 'ECONNRESET' && ep.tls) {
    return new EngineError(
      'tls',
      `${where} closed the TLS connection: ${e.message}`,
      'the daemon may require a client certificate (--tlsverify): set DOCKER_CERT_PATH to a folder with cert.pem and key.pem',
    );
  }
  if (code === 'ETIMEDOUT' || code === 'BULWARK_TIMEOUT')
    return new EngineError('timeout', `${where} did not answer in time`, 'check the address and the network; raise DOCKER_CLIENT_TIMEOUT for a slow engine');
  return new EngineError('no-daemon', `cannot talk to ${where}: ${e.message}`);
}

function httpTransport(ep: EngineEndpoint, concurrency: number, timeoutMs: number): { transport: Transport; close: () => void } {
  const tls = ep.kind === 'tcp' ? ep.tls : undefined;
  const agent = tls
    ? new HttpsAgent({
        keepAlive: true,
        maxSockets: concurrency,
        rejectUnauthorized: tls.verify,
        ...(tls.ca ? { ca: tls.ca } : {}),
        ...(tls.cert ? { cert: tls.cert } : {}),
        ...(tls.key ? { key: tls.key } : {}),
      })
    : new HttpAgent({ keepAlive: true, maxSockets: concurrency });
  const doRequest = tls ? httpsRequest : httpRequest;
  const transport: Transport = (path) =>
    new Promise((resolve, reject) => {
      // Over TCP the Host header stays the real host: Node verifies the daemon certificate against it.
      const base =
        ep.kind === 'unix'
          ? { socketPath: ep.socketPath, headers: { Host: 'docker', Accept: 'application/json' } }
          : { host: ep.host, port: ep.port, headers: { Accept: 'application/json' } };
      const req = doRequest({ ...base, path, method: 'GET', agent: agent as HttpsAgent }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', (e) => reject(transportError(ep, e)));
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'BULWARK_TIMEOUT' })));
      req.on('error', (e) => reject(e instanceof EngineError ? e : transportError(ep, e as NodeJS.ErrnoException)));
      req.end();
    });
  return { transport, close: () => agent.destroy() };
}

async function sshTransport(ep: EngineEndpoint, timeoutMs: number): Promise<{ transport: Transport; close: () => void }> {
  let Docker: typeof import('dockerode');
  try {
    // require, not import(): the bundled CLI runs in a vm.Script with a code cache, where V8 keeps no dynamic
    // import callback; dockerode is CommonJS and stays outside the bundle (optional native parts).
    Docker = createRequire(import.meta.url)('dockerode') as typeof import('dockerode');
  } catch (e) {
    throw new EngineError('ssh', `ssh:// engines need the dockerode package: ${(e as Error).message}`);
  }
  // docker-modem builds a legacy `ssh:` URL that Node 20 flags with DEP0170 on every request; the warning
  // says nothing to a Bulwark user, so deprecation notices are silenced for this transport only.
  process.noDeprecation = true;
  const docker = new Docker({
    protocol: 'ssh',
    host: ep.host as string,
    port: ep.port as number,
    ...(ep.username ? { username: ep.username } : {}),
    timeout: timeoutMs,
    sshOptions: process.env.SSH_AUTH_SOCK ? { agent: process.env.SSH_AUTH_SOCK } : {},
  } as import('dockerode').DockerOptions);
  const modem = docker.modem as unknown as {
    dial(o: Record<string, unknown>, cb: (err: (Error & { statusCode?: number; json?: unknown }) | null, data: unknown) => void): void;
  };
  const transport: Transport = (path) =>
    new Promise((resolve, reject) => {
      const [p, q] = path.split('?');
      modem.dial(
        { path: p, method: 'GET', options: Object.fromEntries(new URLSearchParams(q ?? '')), statusCodes: { 200: true }, isStream: false },
        (err, data) => {
          if (err) {
            if (err.statusCode) return resolve({ status: err.statusCode, body: JSON.stringify(err.json ?? { message: err.message }), headers: {} });
            return reject(
              new EngineError(
                'ssh',
                `ssh to ${ep.url} failed: ${err.message}`,
                'check that `ssh` reaches the host with your agent keys and that the docker CLI is installed there',
              ),
            );
          }
          resolve({ status: 200, body: typeof data === 'string' ? data : JSON.stringify(data ?? ''), headers: { 'api-version': undefined } });
        },
      );
    });
  return { transport, close: () => {} };
}
