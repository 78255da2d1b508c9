/**
 * Why talking to an engine failed. Callers branch on `code`, never on the message (STYLE.md habit 9):
 * - `no-daemon`: nothing listens at the endpoint (socket missing, connection refused, host not found)
 * - `permission-denied`: the socket exists but this user may not open it
 * - `tls`: the TLS handshake failed (unknown CA, wrong or missing client certificate, plain HTTP to a TLS port)
 * - `timeout`: the engine did not answer in time
 * - `bad-endpoint`: the host, context or TLS files given cannot be used
 * - `api`: the engine answered with an error status
 * - `ssh`: the SSH transport failed
 */
export type EngineErrorCode = 'no-daemon' | 'permission-denied' | 'tls' | 'timeout' | 'bad-endpoint' | 'api' | 'ssh';

/** An error talking to a Docker Engine, with a sentence for users and a hint on what to do. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly hint?: string,
    /** HTTP status for `api` errors. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
