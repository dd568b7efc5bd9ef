// A negotiated XMPP stream, driven directly. @xmpp opens the stream, secures it, authenticates and
// binds a resource; from then on the runner writes stanzas straight to that socket and reads them
// from that stream's parser. @xmpp's per-stanza path (middleware contexts that parse every JID,
// several event hops) cost more than the server's own round trip (step_overhead_ratio in
// bench/runner.bench.ts), and a scenario needs none of it once the stream is up.

import { StringDecoder } from 'node:string_decoder';
import type { EventEmitter } from 'node:events';
import type { Element } from 'ltx';

const NS_STREAMS = 'http://etherx.jabber.org/streams';
const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams';
const STANZA_NAMES = new Set(['message', 'presence', 'iq']);

/** The socket the stream was negotiated on: TCP, or @xmpp's wrapper around a TLS socket. */
export interface StreamSocket extends EventEmitter {
  write(data: string, callback?: (error?: Error | null) => void): unknown;
}

/** @xmpp/xml's stream parser, already past the server's stream header. */
export interface StreamParser extends EventEmitter {
  write(data: string): void;
}

/** A `<stream:error/>` from the server; named like @xmpp's own so errors read the same. */
export class StreamError extends Error {
  constructor(readonly condition: string) {
    super(condition);
    this.name = 'StreamError';
  }
}

export interface StreamHandlers {
  stanza(stanza: Element): void;
  /** The stream ended without `close()` being asked for: the server closed it, sent a stream error
   *  or sent bad XML, or the socket failed. Called at most once, with the cause when known. */
  lost(cause: Error | undefined): void;
}

export class NegotiatedStream {
  private readonly decoder = new StringDecoder('utf8');
  private ended = false;
  private lastError: Error | undefined;
  private closed = false;
  private readonly closeWaiters: Array<() => void> = [];

  constructor(
    private readonly socket: StreamSocket,
    private readonly parser: StreamParser,
    private readonly handlers: StreamHandlers,
  ) {
    socket.on('data', this.onData);
    socket.on('error', this.onSocketError);
    socket.on('close', this.onSocketClose);
    parser.on('element', this.onElement);
    parser.on('end', this.onStreamEnd);
    parser.on('error', this.onParserError);
  }

  /** Writes `data`; resolves once the socket has taken it, rejects if it could not. */
  write(data: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Sends the closing tag and resolves when the socket has closed (the server's answer). */
  close(): Promise<void> {
    this.ended = true;
    if (this.closed) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
    this.socket.write('</stream:stream>', () => {});
    return closed;
  }

  private readonly onData = (chunk: Buffer): void => {
    // A chunk may end inside a multi-byte character: the decoder keeps it for the next one.
    if (!this.ended) this.parser.write(this.decoder.write(chunk));
  };

  private readonly onElement = (element: Element): void => {
    if (STANZA_NAMES.has(element.name)) this.handlers.stanza(element);
    else if (element.is('error', NS_STREAMS)) this.lose(new StreamError(streamErrorCondition(element)));
    // Other top-level elements (nonzas) mean nothing to a scenario once the stream is up.
  };

  private readonly onStreamEnd = (): void => this.lose(undefined);

  private readonly onParserError = (error: Error): void => this.lose(error);

  private readonly onSocketError = (error: Error): void => {
    this.lastError = error;
  };

  private readonly onSocketClose = (): void => {
    this.closed = true;
    this.lose(this.lastError);
    for (const resolve of this.closeWaiters.splice(0)) resolve();
  };

  private lose(cause: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers.lost(cause);
  }
}

/** The condition of a `<stream:error/>`: the name of its child in the stream errors namespace. */
function streamErrorCondition(element: Element): string {
  const condition = element.getChildElements().find((child) => child.attrs.xmlns === NS_STREAM_ERRORS);
  return condition?.name ?? 'undefined-condition';
}
