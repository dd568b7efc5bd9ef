// Errors the runner turns into step failures, and plain-language descriptions of socket errors.

import type { Failure } from '../results.js';

/** A failure with its kind, raised anywhere in the runner and reported at the running step. */
export class ConnectionError extends Error {
  constructor(
    readonly kind: Failure['kind'],
    message: string,
    /** The server's own error condition when it refused (RFC 6120: a SASL failure's child, a
     *  stream error's, or a stanza error's), for whoever passes the refusal on. */
    readonly condition?: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/** Names what went wrong with a socket in words an author can act on. */
export function describeSocketError(error: unknown, address: string): string {
  const code = (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused at ${address}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${address}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `connection reset by the server at ${address}`;
    case 'ETIMEDOUT':
      return `connection to ${address} timed out`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${address}`;
    default: {
      const message = (error as Error | undefined)?.message;
      if (code && /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL/.test(code)) {
        return `TLS certificate check failed for ${address}: ${message} (use --tls-insecure for a local server with a self-signed certificate)`;
      }
      return message ? `connection to ${address} failed: ${message}` : `connection to ${address} closed by the server`;
    }
  }
}
