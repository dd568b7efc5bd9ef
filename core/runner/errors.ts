// The one error the runner raises for a step that does not pass, and plain-language descriptions
// of socket errors.

import type { Failure, FailureKind } from '../results.js';

/** What a Failure says apart from where it happened: the runner adds the step's range where it
 *  catches the error (core/runner/run.ts). */
export type FailureFacts = Omit<Failure, 'range'>;

/**
 * A step that does not pass, raised anywhere in the runner (a connection, the login, a variable,
 * a `receives` that waited in vain) and reported at the running step: its `facts` become the
 * step's Failure. The recorder raises it too, for the upstream connection it shares with the runner.
 */
export class RunFailure extends Error {
  readonly facts: FailureFacts;
  /** The scenario was wrong (what a `receives` got, a variable it used, a flooded queue): the step
   *  `failed`. Otherwise it could not run as written (the network, a server that does not speak
   *  XMPP, a cancel): the step `errored`. `scs run` exits 1 for the first and 2 for the second
   *  (README, "The scs command line tool"). */
  readonly failed: boolean;

  constructor(
    kind: FailureKind,
    message: string,
    /** The server's own error condition when it refused (RFC 6120: a SASL failure's child, a
     *  stream error's, or a stanza error's), for whoever passes the refusal on. */
    readonly condition?: string,
    failed = kind === 'variable' || kind === 'flooded',
  ) {
    super(message);
    this.name = 'RunFailure';
    this.facts = { kind, message };
    this.failed = failed;
  }

  /** A `receives` step's failure, explained at length (core/runner/explain.ts: expected, actual,
   *  details): always `failed`. */
  static explained(facts: FailureFacts): RunFailure {
    const failure = new RunFailure(facts.kind, facts.message, undefined, true);
    Object.assign(failure.facts, facts);
    return failure;
  }

  get kind(): FailureKind {
    return this.facts.kind;
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
