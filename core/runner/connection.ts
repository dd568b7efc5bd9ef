// One character's XMPP client connection, composed from @xmpp/* building blocks rather than
// @xmpp/client's ready-made client: that one reconnects, negotiates stream management, answers
// incoming IQs on its own and offers no way to relax TLS certificate checks, all of which would
// change what a scenario sees. Once the stream is negotiated, stanzas go straight through its
// socket and parser (stream.ts).

import { Socket } from 'node:net';
import type { Element } from 'ltx';
import { once } from 'node:events';
import type { Client } from '@xmpp/client-core';
import middleware from '@xmpp/middleware';
import streamFeatures from '@xmpp/stream-features';
import iqCaller from '@xmpp/iq/caller.js';
import sasl from '@xmpp/sasl';
import saslPlain from '@xmpp/sasl-plain';
import saslScramSha1 from '@xmpp/sasl-scram-sha-1';
import resourceBinding from '@xmpp/resource-binding';
import { canUpgrade, upgrade } from '@xmpp/starttls/starttls.js';
import SASLFactory from 'saslmechanisms';
import { formatAddress } from '../address.js';
import { formatSeconds } from '../seconds.js';
import { RunFailure, describeSocketError } from './errors.js';
import { GuardedClient } from './guards.js';
import { defaultRunOptions } from './options.js';
import { NegotiatedStream, type StreamParser, type StreamSocket } from './stream.js';

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_STREAMS = 'http://etherx.jabber.org/streams';

export interface ConnectOptions {
  host: string;
  port: number;
  /** The JID's domain: the stream's `to`, and the name the TLS certificate must carry. */
  domain: string;
  username: string;
  password: string;
  /** The resource to bind (the server's choice when absent or undefined). A function is called once
   *  authentication has succeeded, and binding waits for its answer: a proxy uses it to bind the
   *  resource its own client asks for, after telling that client its login succeeded. */
  resource?: string | (() => Promise<string | undefined>);
  tlsInsecure: boolean;
  timeoutMs: number;
  /** The most stanzas the runner's queue holds (default: RunOptions' maxQueue, 10,000). Stanzas that
   *  come with the binding's reply are held for `onStanza` up to one more than this; later ones are
   *  dropped (that queue fails as flooded anyway). */
  maxQueue?: number;
  signal?: AbortSignal;
}

export interface XmppConnection {
  /** The full JID the server bound. */
  readonly jid: string;
  send(stanza: Element): Promise<void>;
  /** Sends an IQ and resolves with its reply, which is never delivered to `onStanza`. */
  request(iq: Element, timeoutMs: number, signal?: AbortSignal): Promise<Element>;
  onStanza(listener: (stanza: Element) => void): void;
  /** Called once when the connection ends without `close()` being asked for. */
  onLost(listener: (error: RunFailure) => void): void;
  /** Closes the stream politely (bounded wait), then the socket. Safe to call more than once. */
  close(): Promise<void>;
  /** Closes the socket at once; later sends fail with `reason` when given. */
  destroy(reason?: RunFailure): void;
}

/**
 * Connects, authenticates and binds a resource; rejects with a RunFailure.
 *
 * Every way the connection can end (a socket error or close, XML the parser refuses, a stream
 * error, bytes that are not XMPP, the deadline, an abort) goes through one place, `end`: the first
 * one wins, the sockets are destroyed and every wait on the connection (@xmpp's, the IQ caller's,
 * the runner's requests) is rejected with it, so that no timer outlives the connection. Before the
 * stream is up that error rejects `connect`; after, it goes to `onLost`.
 */
export async function connect(options: ConnectOptions): Promise<XmppConnection> {
  const address = formatAddress(options);
  const maxQueue = options.maxQueue ?? defaultRunOptions.maxQueue;
  const entity = new GuardedClient({ service: `xmpp://${address}`, domain: options.domain, timeout: options.timeoutMs });
  const mw = middleware({ entity });
  const features = streamFeatures({ middleware: mw });
  const caller = iqCaller({ entity, middleware: mw });
  // The sockets to destroy when the connection ends: TCP, and TLS over it once upgraded.
  const sockets: Socket[] = [];

  features.use('starttls', NS_TLS, async ({ entity: client }, next) => {
    if (!canUpgrade(client.socket)) return next();
    const reply = await negotiateTls(client);
    if (reply.name !== 'proceed') throw new RunFailure('connection', `STARTTLS refused by ${address}`);
    const tlsSocket = await upgrade(client.socket, {
      host: options.domain,
      servername: options.domain,
      rejectUnauthorized: !options.tlsInsecure,
    });
    const inner = (tlsSocket as unknown as { socket?: Socket }).socket;
    if (inner) {
      // Errors after @xmpp has let go of a socket (late writes on a closed one) must not go unheard.
      inner.on('error', ignore);
      sockets.push(inner);
    }
    client._attachSocket(tlsSocket);
    // Return nothing: whatever a feature handler returns is sent to the server as a reply.
    await client.restart();
    return undefined;
  });

  const factory = new SASLFactory();
  saslScramSha1(factory);
  saslPlain(factory);
  sasl({ streamFeatures: features, saslFactory: factory }, async (authenticate, mechanisms) => {
    // @xmpp/client refuses PLAIN without TLS; a test server with insecure auth offers only PLAIN.
    const mechanism = mechanisms.includes('SCRAM-SHA-1') ? 'SCRAM-SHA-1' : mechanisms[0];
    await authenticate({ username: options.username, password: options.password }, mechanism);
  });
  resourceBinding({ iqCaller: caller, streamFeatures: features }, options.resource);

  // Replies the runner asked for (resource binding, sync pings) never reach the scenario.
  const internal = new Map<string, { resolve: (reply: Element) => void; reject: (error: Error) => void }>();
  entity.on('send', (element: Element) => {
    if (element.name === 'iq' && element.getChild('bind', NS_BIND)) internal.set(String(element.attrs.id), { resolve: () => {}, reject: () => {} });
  });

  let stanzaListener: (stanza: Element) => void = () => {};
  // Stanzas that came in the same read as the binding's reply, before the runner took over.
  const early: Element[] = [];
  const deliver = (stanza: Element) => {
    const id = stanza.attrs.id as string | undefined;
    const waiter = stanza.name === 'iq' && id !== undefined && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error') ? internal.get(id) : undefined;
    if (waiter) {
      internal.delete(id!);
      waiter.resolve(stanza);
      return;
    }
    stanzaListener(stanza);
  };

  let phase = 'connecting';
  let sawHeader = false;
  let online = false;
  let closing = false;
  let ended: RunFailure | undefined;
  let lostListener: (error: RunFailure) => void = () => {};
  let rejectNegotiation: (error: RunFailure) => void = () => {};
  const end = (error: RunFailure) => {
    if (ended) return;
    ended = error;
    const wasOnline = online && !closing;
    online = false;
    for (const socket of sockets) socket.destroy();
    for (const waiter of internal.values()) waiter.reject(error);
    internal.clear();
    // The IQ caller's timer (30 s for resource binding) stops only when its request settles.
    for (const request of caller.handlers.values()) request.reject(error);
    caller.handlers.clear();
    // @xmpp's own waits (for the stream header, for 'online') end on the entity's 'error'.
    entity.emit('error', error);
    rejectNegotiation(error);
    if (wasOnline) lostListener(error);
  };
  /** Ends the connection as asked for (no `onLost`). */
  const destroy = (reason?: RunFailure) => {
    closing = true;
    end(reason ?? new RunFailure('connection', `connection to ${address} is closed`));
  };
  const gone = () => ended ?? new RunFailure('connection', `connection to ${address} is closed`);

  entity.on('error', (error: Error) => end(describeFailure(error, address, options)));
  entity.on('stanza', (stanza: Element) => {
    // One more than a queue holds is enough for the runner's queue to see the flood.
    if (early.length <= maxQueue) early.push(stanza);
  });
  entity.on('status', (status: string, detail?: Element) => {
    if (online) return;
    phase = status;
    if (status === 'connect' && entity.socket instanceof Socket) watchFirstBytes(entity.socket);
    else if (status === 'open' && detail && !isStreamHeader(detail)) end(notXmpp(address, `<${detail.name}>`));
    else if (status === 'open') sawHeader = true;
    else if (status === 'disconnect' || status === 'close') end(closedEarly(status === 'close' ? 'the stream' : 'the connection', address, !sawHeader));
  });

  // Until the server's stream header: a server that answers with anything but XML is not XMPP.
  const watchFirstBytes = (socket: Socket) => {
    sockets.push(socket);
    socket.on('error', ignore);
    // Stanzas are small and each waits for an answer: never hold them back (Nagle).
    socket.setNoDelay(true);
    const onData = (chunk: Buffer) => {
      // Byte by byte (latin1), a UTF-8 byte order mark first allowed.
      const text = chunk
        .toString('latin1')
        .replace(/^\xEF\xBB\xBF/, '')
        .trimStart();
      if (text === '') return;
      socket.off('data', onData);
      if (!text.startsWith('<')) end(notXmpp(address, quoteBytes(text.slice(0, 40))));
    };
    socket.on('data', onData);
  };

  const deadline = setTimeout(() => end(phaseTimeout(phase, address, options.timeoutMs)), options.timeoutMs);
  const onAbort = () => end(new RunFailure('cancelled', 'cancelled'));
  options.signal?.addEventListener('abort', onAbort);
  try {
    if (options.signal?.aborted) onAbort();
    await new Promise<void>((resolve, reject) => {
      rejectNegotiation = reject;
      if (ended) return reject(ended);
      negotiate(entity, options.domain).then(resolve, (error: Error) => {
        const failure = describeFailure(error, address, options);
        end(failure);
        reject(ended ?? failure);
      });
    });
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onAbort);
  }
  const jid = String(entity.jid);

  // Take the negotiated socket and parser away from @xmpp (which then sees nothing more).
  const socket = entity.socket as StreamSocket | null;
  const parser = entity.parser as StreamParser | null;
  if (!socket || !parser) {
    end(new RunFailure('connection', `connection to ${address} closed by the server`));
    throw gone();
  }
  entity._detachSocket();
  entity._detachParser();
  const stream = new NegotiatedStream(socket, parser, {
    stanza: deliver,
    lost: (cause) => end(lostError(cause, address)),
  });
  online = true;

  return {
    jid,
    async send(stanza) {
      if (!online) throw gone();
      try {
        await stream.write(stanza.toString());
      } catch (error) {
        throw new RunFailure('connection', `could not send to ${address}: ${(error as Error).message}`);
      }
    },
    request(iq, timeoutMs, signal) {
      const id = String(iq.attrs.id);
      return withDeadline(
        new Promise<Element>((resolve, reject) => {
          if (!online) return reject(gone());
          internal.set(id, { resolve, reject });
          stream.write(iq.toString()).catch(reject);
        }),
        timeoutMs,
        signal,
        () => new RunFailure('timeout', `the server at ${address} did not answer within ${formatSeconds(timeoutMs)}`),
      ).finally(() => internal.delete(id));
    },
    onStanza(listener) {
      stanzaListener = listener;
      for (const stanza of early.splice(0)) deliver(stanza);
    },
    onLost(listener) {
      lostListener = listener;
    },
    async close() {
      if (closing) return;
      const wasOnline = online;
      closing = true;
      online = false;
      // A connection already lost has nobody to say goodbye to.
      if (wasOnline) await withDeadline(stream.close(), Math.min(options.timeoutMs, 2000), options.signal, () => new Error('close')).catch(ignore);
      destroy();
    },
    destroy,
  };
}

/** Opens the socket and the stream and waits until @xmpp has negotiated it (what Connection#start
 *  does, without its promise for 'online' that nobody hears when the stream header fails). */
async function negotiate(entity: GuardedClient, domain: string): Promise<void> {
  const isOnline = once(entity, 'online');
  isOnline.catch(ignore);
  await entity.connect(entity.options.service);
  await entity.open({ domain });
  await isOnline;
}

/** Sends `<starttls/>` and resolves with the server's `<proceed/>` or `<failure/>`. */
function negotiateTls(client: Client): Promise<Element> {
  return new Promise((resolve, reject) => {
    // The features element that started this is itself emitted as a nonza right after: skip it.
    const onNonza = (element: Element) => {
      if (element.attrs.xmlns !== NS_TLS) return;
      client.off('nonza', onNonza);
      resolve(element);
    };
    client.on('nonza', onNonza);
    client.write(`<starttls xmlns="${NS_TLS}"/>`).catch((error: Error) => {
      client.off('nonza', onNonza);
      reject(error);
    });
  });
}

/** Races a promise against a deadline and an abort signal; the timer is always cleared. */
export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(onTimeout())), timeoutMs);
    const onAbort = () => finish(() => reject(new RunFailure('cancelled', 'cancelled')));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: Error) => finish(() => reject(error)),
    );
  });
}

function phaseTimeout(phase: string, address: string, timeoutMs: number): RunFailure {
  const waiting: Record<string, string> = {
    connecting: `no TCP connection to ${address}`,
    connect: `no stream header from the server at ${address}`,
    opening: `no stream header from the server at ${address}`,
    open: `stream negotiation with ${address} did not finish (authentication or resource binding)`,
  };
  return new RunFailure('timeout', `timed out after ${formatSeconds(timeoutMs)}: ${waiting[phase] ?? `the server at ${address} stopped answering`}`);
}

/** What ended a connection, in words, from whatever @xmpp, the parser or the socket reported. */
function describeFailure(error: unknown, address: string, options: ConnectOptions): RunFailure {
  if (error instanceof RunFailure) return error;
  const cause = error as Error | undefined;
  const condition = (cause as { condition?: string } | undefined)?.condition;
  switch (cause?.name) {
    case 'SASLError':
      return new RunFailure('auth', `authentication failed for ${options.username}@${options.domain}: ${condition ?? cause.message}`, condition);
    case 'StanzaError':
      if (condition) return new RunFailure('connection', `resource binding refused by ${address}: ${condition}`, condition);
      break;
    case 'StreamError':
    case 'XmlError':
    case 'XMLError':
    case 'UnreadableError':
      return lostError(cause, address);
  }
  return new RunFailure('connection', describeSocketError(cause, address));
}

/** Why a negotiated stream ended. */
function lostError(error: Error | undefined, address: string): RunFailure {
  const condition = (error as { condition?: string } | undefined)?.condition;
  switch (error?.name) {
    case 'StreamError':
      return new RunFailure('stream-error', `stream error from ${address}: ${condition}`, condition);
    case 'XmlError':
    case 'XMLError':
      // RFC 6120 section 4.9.3.13: what a server would answer such a stream with.
      return new RunFailure('stream-error', `not-well-formed XML from ${address}: ${error.message}`, 'not-well-formed');
    case 'UnreadableError':
      return new RunFailure('stream-error', `the server at ${address} sent what the client cannot read: ${error.message}`);
  }
  return new RunFailure('connection', `connection to ${address} lost${error ? `: ${describeSocketError(error, address)}` : ''}`);
}

/** The server closed the socket or the stream before the stream was negotiated. */
function closedEarly(what: string, address: string, beforeHeader: boolean): RunFailure {
  return new RunFailure(
    'connection',
    `${what} to ${address} closed by the server${beforeHeader ? ' before it sent a stream header' : ' during stream negotiation'}`,
  );
}

function notXmpp(address: string, start: string): RunFailure {
  return new RunFailure('connection', `the server at ${address} does not speak XMPP: it answered ${start}`);
}

/** `text` in double quotes, every byte outside printable ASCII written as \xNN. */
function quoteBytes(text: string): string {
  const escaped = text.replace(/["\\]/g, '\\$&').replace(/[^\x20-\x7E]/g, (byte) => `\\x${byte.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `"${escaped}"`;
}

function isStreamHeader(element: Element): boolean {
  return element.name === 'stream:stream' && element.attrs['xmlns:stream'] === NS_STREAMS;
}

function ignore(): void {}
