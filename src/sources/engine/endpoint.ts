import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { quoteValue } from '../../model/index.js';
import { readProblem } from '../fs.js';
import { EngineError } from './errors.js';

/** TLS material and mode for a TCP endpoint (Docker's `--tls`/`--tlsverify` with `DOCKER_CERT_PATH`). */
export interface EngineTls {
  /** Verify the daemon's certificate against `ca` (`DOCKER_TLS_VERIFY`, a context without SkipTLSVerify). */
  verify: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Folder the files were read from, for messages. */
  certPath?: string;
}

/** Where a Docker Engine answers, resolved from flags, environment and the docker CLI's context store. */
export interface EngineEndpoint {
  /** As the user would write it: `unix:///var/run/docker.sock`, `tcp://127.0.0.1:2376`, `ssh://me@host`. */
  url: string;
  kind: 'unix' | 'tcp' | 'ssh';
  socketPath?: string;
  host?: string;
  port?: number;
  username?: string;
  tls?: EngineTls;
  /** What decided it: `--host`, `--context NAME`, `DOCKER_HOST`, `DOCKER_CONTEXT NAME`, `current context NAME`, `default`. */
  from: string;
}

/** Inputs of endpoint resolution; `env` and `configDir` are injected so tests never read the real ones. */
export interface EndpointOptions {
  host?: string;
  context?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The docker CLI config folder; default `$DOCKER_CONFIG` or `~/.docker`. */
  configDir?: string;
}

/** The socket dockerd listens on by default on Linux. */
export const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Resolves the engine to talk to with the docker CLI's precedence: `--host`, then `--context`, then
 * `DOCKER_HOST`, then `DOCKER_CONTEXT`, then `currentContext` in config.json, then the default unix socket.
 * For TCP, `DOCKER_TLS_VERIFY` (any non-empty value) turns on verified TLS and `DOCKER_TLS` TLS without
 * verification, with `ca.pem`, `cert.pem` and `key.pem` from `DOCKER_CERT_PATH` (default: the config folder).
 * A context reads its endpoint from `contexts/meta/<sha256(name)>/meta.json` and its TLS files from
 * `contexts/tls/<sha256(name)>/docker/`.
 * @throws EngineError `bad-endpoint` for a host Bulwark cannot use, an unknown context, unreadable TLS files,
 *   or both --host and --context.
 */
export function resolveEndpoint(opts: EndpointOptions): EngineEndpoint {
  const env = opts.env;
  const configDir = opts.configDir ?? env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  if (opts.host && opts.context) throw new EngineError('bad-endpoint', 'use either --host or --context, not both');
  if (opts.host) return parseHost(opts.host, '--host', envTls(env, configDir));
  if (opts.context) return fromContext(opts.context, `--context ${opts.context}`, configDir, env);
  if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, 'DOCKER_HOST', envTls(env, configDir));
  if (env.DOCKER_CONTEXT) return fromContext(env.DOCKER_CONTEXT, `DOCKER_CONTEXT ${env.DOCKER_CONTEXT}`, configDir, env);
  const current = currentContext(configDir);
  if (current && current !== 'default') return fromContext(current, `current context ${current}`, configDir, env);
  return { url: `unix://${DEFAULT_SOCKET}`, kind: 'unix', socketPath: DEFAULT_SOCKET, from: 'default' };
}

function currentContext(configDir: string): string | undefined {
  try {
    const cfg = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: unknown };
    return typeof cfg.currentContext === 'string' && cfg.currentContext !== '' ? cfg.currentContext : undefined;
  } catch {
    return undefined;
  }
}

function envTls(env: EndpointOptions['env'], configDir: string): EngineTls | undefined {
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '';
  const tls = env.DOCKER_TLS !== undefined && env.DOCKER_TLS !== '';
  if (!verify && !tls) return undefined;
  const certPath = env.DOCKER_CERT_PATH || configDir;
  return readTlsFiles(certPath, verify, 'DOCKER_CERT_PATH');
}

function readTlsFiles(certPath: string, verify: boolean, what: string): EngineTls {
  const out: EngineTls = { verify, certPath };
  for (const [field, file] of [
    ['ca', 'ca.pem'],
    ['cert', 'cert.pem'],
    ['key', 'key.pem'],
  ] as const) {
    try {
      out[field] = readFileSync(join(certPath, file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Without verification the CA is not needed; a client certificate is only needed when the daemon asks.
      if (code === 'ENOENT' && !(verify && field === 'ca')) continue;
      throw new EngineError('bad-endpoint', `cannot read ${join(certPath, file)} (${what}): ${readProblem(e)}`);
    }
  }
  return out;
}

function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function fromContext(name: string, from: string, configDir: string, env: EndpointOptions['env']): EngineEndpoint {
  if (name === 'default') {
    if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, `${from} (DOCKER_HOST)`, envTls(env, configDir));
    return { url: `unix://${DEFAULT_SOCKET}`, kind: 'unix', socketPath: DEFAULT_SOCKET, from };
  }
  const id = contextId(name);
  const metaFile = join(configDir, 'contexts', 'meta', id, 'meta.json');
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EngineError(
      'bad-endpoint',
      code === 'ENOENT' ? `context "${name}" does not exist (no ${metaFile})` : `context "${name}": cannot read ${metaFile}: ${readProblem(e)}`,
    );
  }
  const ep = meta.Endpoints?.docker;
  if (!ep?.Host) throw new EngineError('bad-endpoint', `context "${name}" has no docker endpoint in ${metaFile}`);
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  let tls: EngineTls | undefined;
  if (ep.Host.startsWith('tcp://') || ep.Host.startsWith('https://')) {
    try {
      readFileSync(join(tlsDir, 'ca.pem'));
      tls = readTlsFiles(tlsDir, ep.SkipTLSVerify !== true, `context "${name}"`);
    } catch (e) {
      if (e instanceof EngineError) throw e;
      // No TLS material stored for this context: plain TCP, as the docker CLI does.
    }
  }
  return parseHost(ep.Host, from, tls);
}

/**
 * Parses a Docker host string: `unix:///path`, `tcp://host[:port]`, `host:port` (tcp), `ssh://[user@]host[:port]`.
 * TCP ports default to 2376 with TLS and 2375 without, as in the docker CLI.
 * @throws EngineError `bad-endpoint` for other schemes (`fd://`, `npipe://`) or a malformed address.
 */
export function parseHost(raw: string, from: string, tls?: EngineTls): EngineEndpoint {
  const text = raw.trim();
  if (text.startsWith('unix://')) {
    const socketPath = text.slice('unix://'.length) || DEFAULT_SOCKET;
    return { url: `unix://${socketPath}`, kind: 'unix', socketPath, from };
  }
  const withScheme = text.includes('://') ? text : `tcp://${text}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new EngineError('bad-endpoint', `${from}: ${quoteValue(raw)} is not a Docker host (expected unix:///path, tcp://host:port or ssh://user@host)`);
  }
  if (u.protocol === 'ssh:') {
    const ep: EngineEndpoint = {
      url: `ssh://${u.username ? `${u.username}@` : ''}${u.host}`,
      kind: 'ssh',
      host: u.hostname,
      port: u.port ? Number(u.port) : 22,
      from,
    };
    if (u.username) ep.username = decodeURIComponent(u.username);
    return ep;
  }
  if (u.protocol !== 'tcp:' && u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new EngineError('bad-endpoint', `${from}: the ${u.protocol}// scheme of ${quoteValue(raw)} is not supported (use unix://, tcp:// or ssh://)`);
  }
  const useTls = tls ?? (u.protocol === 'https:' ? { verify: true } : undefined);
  const port = u.port ? Number(u.port) : useTls ? 2376 : 2375;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new EngineError('bad-endpoint', `${from}: ${quoteValue(raw)} has no host name`);
  const ep: EngineEndpoint = { url: `tcp://${u.hostname}:${port}`, kind: 'tcp', host, port, from };
  if (useTls) ep.tls = useTls;
  return ep;
}
