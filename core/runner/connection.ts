// One character's XMPP client connection, composed from @xmpp/* building blocks rather than
// @xmpp/client's ready-made client: that one reconnects, negotiates stream management, answers
// incoming IQs on its own and offers no way to relax TLS certificate checks, all of which would
// change what a scenario sees. Once the stream is negotiated, stanzas go straight through its
// socket and parser (stream.ts).

import { Socket } from 'node:net';
import type { Element } from 'ltx';
import { Client } from '@xmpp/client-core';
import tcp from '@xmpp/tcp';
import middleware from '@xmpp/middleware';
import streamFeatures from '@xmpp/stream-features';
import iqCaller from '@xmpp/iq/caller.js';
import sasl from '@xmpp/sasl';
import saslPlain from '@xmpp/sasl-plain';
import saslScramSha1 from '@xmpp/sasl-scram-sha-1';
import resourceBinding from '@xmpp/resource-binding';
import { canUpgrade, upgrade } from '@xmpp/starttls/starttls.js';
import SASLFactory from 'saslmechanisms';
import { ConnectionError, describeSocketError } from './errors.js';
import { NegotiatedStream, type StreamParser, type StreamSocket } from './stream.js';

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';

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
  onLost(listener: (error: ConnectionError) => void): void;
  /** Closes the stream politely (bounded wait), then the socket. Safe to call more than once. */
  close(): Promise<void>;
  /** Closes the socket at once. */
  destroy(): void;
}

/** Connects, authenticates and binds a resource; rejects with a ConnectionError. */
export async function connect(options: ConnectOptions): Promise<XmppConnection> {
  const address = `${options.host}:${options.port}`;
  const entity = new Client({ service: `xmpp://${formatHost(options.host)}:${options.port}`, domain: options.domain, timeout: options.timeoutMs });
  tcp({ entity });
  const mw = middleware({ entity });
  const features = streamFeatures({ middleware: mw });
  const caller = iqCaller({ entity, middleware: mw });

  features.use('starttls', NS_TLS, async ({ entity: client }, next) => {
    if (!canUpgrade(client.socket)) return next();
    const reply = await negotiateTls(client);
    if (reply.name !== 'proceed') throw new ConnectionError('connection', `STARTTLS refused by ${address}`);
    const tlsSocket = await upgrade(client.socket, {
      host: options.domain,
      servername: options.domain,
      rejectUnauthorized: !options.tlsInsecure,
    });
    // Errors after @xmpp has let go of a socket (late writes on a closed one) must not go unheard.
    (tlsSocket as unknown as { socket?: Socket }).socket?.on('error', ignore);
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
  entity.on('stanza', (stanza: Element) => early.push(stanza));

  let rawSocket: Socket | undefined;
  let lastError: Error | undefined;
  let phase = 'connecting';
  entity.on('status', (status: string) => {
    phase = status;
    if (status === 'connect' && entity.socket instanceof Socket) {
      rawSocket = entity.socket;
      rawSocket.on('error', ignore);
      // Stanzas are small and each waits for an answer: never hold them back (Nagle).
      rawSocket.setNoDelay(true);
    }
  });
  entity.on('error', (error: Error) => {
    lastError = error;
  });

  let online = false;
  let closing = false;
  let lostListener: (error: ConnectionError) => void = () => {};
  const destroy = () => {
    closing = true;
    online = false;
    const socket = rawSocket ?? (entity.socket instanceof Socket ? entity.socket : undefined);
    socket?.destroy();
  };

  try {
    await withDeadline(entity.start(), options.timeoutMs, options.signal, () => phaseTimeout(phase, address, options.timeoutMs));
  } catch (error) {
    destroy();
    throw startError(error, lastError, address, options);
  }
  const jid = String(entity.jid);

  // Take the negotiated socket and parser away from @xmpp (which then sees nothing more).
  const socket = entity.socket as StreamSocket | null;
  const parser = entity.parser as StreamParser | null;
  if (!socket || !parser) {
    destroy();
    throw lostError(lastError, address);
  }
  entity._detachSocket();
  entity._detachParser();
  const stream = new NegotiatedStream(socket, parser, {
    stanza: deliver,
    lost(cause) {
      if (!online) return;
      online = false;
      const error = lostError(cause, address);
      for (const waiter of internal.values()) waiter.reject(error);
      lostListener(error);
    },
  });
  online = true;

  return {
    jid,
    async send(stanza) {
      if (!online) throw lostError(lastError, address);
      try {
        await stream.write(stanza.toString());
      } catch (error) {
        throw new ConnectionError('connection', `could not send to ${address}: ${(error as Error).message}`);
      }
    },
    request(iq, timeoutMs, signal) {
      const id = String(iq.attrs.id);
      return withDeadline(
        new Promise<Element>((resolve, reject) => {
          if (!online) return reject(lostError(lastError, address));
          internal.set(id, { resolve, reject });
          stream.write(iq.toString()).catch(reject);
        }),
        timeoutMs,
        signal,
        () => new ConnectionError('timeout', `the server at ${address} did not answer within ${formatSeconds(timeoutMs)}`),
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
      closing = true;
      const wasOnline = online;
      online = false;
      // A connection already lost has nobody to say goodbye to.
      if (wasOnline) await withDeadline(stream.close(), Math.min(options.timeoutMs, 2000), options.signal, () => new Error('close')).catch(ignore);
      destroy();
    },
    destroy,
  };
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
    const onAbort = () => finish(() => reject(new ConnectionError('cancelled', 'cancelled')));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    promise.then(
      (value) => finish(() => resolve(value)),
      (error) => finish(() => reject(error)),
    );
  });
}

function phaseTimeout(phase: string, address: string, timeoutMs: number): ConnectionError {
  const waiting: Record<string, string> = {
    connecting: `no TCP connection to ${address}`,
    connect: `no stream header from the server at ${address}`,
    opening: `no stream header from the server at ${address}`,
    open: `stream negotiation with ${address} did not finish (authentication or resource binding)`,
  };
  return new ConnectionError('timeout', `timed out after ${formatSeconds(timeoutMs)}: ${waiting[phase] ?? `the server at ${address} stopped answering`}`);
}

function startError(error: unknown, lastError: Error | undefined, address: string, options: ConnectOptions): ConnectionError {
  if (error instanceof ConnectionError) return error;
  const cause = (error as Error | undefined) ?? lastError;
  const name = (cause as { name?: string } | undefined)?.name;
  const condition = (cause as { condition?: string } | undefined)?.condition;
  if (name === 'SASLError') {
    return new ConnectionError('auth', `authentication failed for ${options.username}@${options.domain}: ${condition ?? cause?.message}`, condition);
  }
  if (name === 'StreamError') return new ConnectionError('stream-error', `stream error from ${address}: ${condition ?? cause?.message}`, condition);
  if (name === 'StanzaError' && condition) {
    return new ConnectionError('connection', `resource binding refused by ${address}: ${condition}`, condition);
  }
  return new ConnectionError('connection', describeSocketError(cause, address));
}

function lostError(error: Error | undefined, address: string): ConnectionError {
  const condition = (error as { condition?: string } | undefined)?.condition;
  if (error?.name === 'StreamError') return new ConnectionError('stream-error', `stream error from ${address}: ${condition}`, condition);
  return new ConnectionError('connection', `connection to ${address} lost${error ? `: ${describeSocketError(error, address)}` : ''}`);
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function ignore(): void {}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
