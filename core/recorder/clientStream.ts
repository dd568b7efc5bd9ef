// The server half of the recording proxy: one client's stream, from its header to its end.
// It does what RFC 6120 asks of a server before stanzas flow (stream header and features,
// STARTTLS, SASL PLAIN, resource binding, and the RFC 3921 session request old clients still send)
// and leaves the decisions to the proxy: whether a login succeeds and which JID is bound are the
// upstream server's answers. Stream management (XEP-0198) and client state indication (XEP-0352)
// are not offered; a client that uses them anyway is refused (`<failed/>`) or ignored, and no
// nonza reaches the proxy.
//
// The stream is read with @xmpp/xml's parser, the one @xmpp/client-core reads servers with.

import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { StringDecoder } from 'node:string_decoder';
import { Element } from 'ltx';
import { Parser } from '@xmpp/xml';
import { escapeAttribute } from '../xml/escape.js';

export const NS_CLIENT = 'jabber:client';
const NS_STREAMS = 'http://etherx.jabber.org/streams';
const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams';
const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const NS_SM = 'urn:xmpp:sm:3';
const NS_CSI = 'urn:xmpp:csi:0';
const STANZA_NAMES = new Set(['message', 'presence', 'iq']);

/** The credentials of a SASL PLAIN exchange (RFC 4616). */
export interface PlainCredentials {
  /** The authorization identity, usually empty. */
  authzid: string;
  /** The authentication identity: the account's local part (some clients send the bare JID). */
  username: string;
  password: string;
}

/** The proxy's answer to a login: accepted, refused with the upstream's SASL condition, or a
 *  stream error (the upstream could not be reached at all). */
export type LoginOutcome = { ok: true } | { ok: false; condition: string; text?: string } | { streamError: string; text: string };

/** The proxy's answer to a bind request: the full JID bound upstream, or the upstream's condition. */
export type BindOutcome = { jid: string } | { condition: string; text?: string };

/** How far a client got: STARTTLS, login, resource binding, or exchanging stanzas. */
export type Stage = 'tls' | 'auth' | 'bind' | 'online';

/** Why a client stream ended, and at which stage. */
export type StreamEnd = { stage: Stage } & (
  { kind: 'closed' } | { kind: 'dropped'; midStanza: boolean } | { kind: 'bad-xml'; message: string } | { kind: 'refused'; condition: string; text?: string }
);

/** The TLS context for an XMPP domain (see certificate.ts). */
export type TlsContexts = (domain: string) => Promise<SecureContext>;

export interface ClientStreamHandlers {
  login(domain: string, credentials: PlainCredentials): Promise<LoginOutcome>;
  bind(resource: string | undefined): Promise<BindOutcome>;
  /** The client has been told its full JID: from now on stanzas flow both ways. */
  online(): void;
  /** A stanza the client sent once bound. */
  stanza(stanza: Element): void;
  /** Something worth telling the person recording (a nonza ignored, a refusal). */
  notice(text: string): void;
  /** Called once, when the stream is over and the socket closed or closing. */
  end(reason: StreamEnd): void;
}

export class ClientStream {
  private socket: Socket;
  private parser!: Parser;
  private decoder = new StringDecoder('utf8');
  private stage: Stage;
  private domain = '';
  /** Elements that came while a login, bind or STARTTLS was being answered: handled after it. */
  private waiting: Element[] | undefined;
  private ended = false;
  private readonly streamId = randomUUID();

  /** `tls` undefined: no STARTTLS offered (`--no-tls`). */
  constructor(
    socket: Socket,
    private readonly tls: TlsContexts | undefined,
    private readonly handlers: ClientStreamHandlers,
  ) {
    this.socket = socket;
    this.stage = tls ? 'tls' : 'auth';
    socket.setNoDelay(true);
    this.listen(socket);
    this.resetParser();
  }

  /** The XMPP domain the client asked for in its stream header ('' before it). */
  get serviceDomain(): string {
    return this.domain;
  }

  /** Relays a stanza to the client. Does nothing once the stream has ended. */
  send(stanza: Element): void {
    if (!this.ended) this.socket.write(stanza.toString());
  }

  /** Ends the stream with a stream error (RFC 6120 4.9), as the upstream's own or the proxy's. */
  fail(condition: string, text?: string): void {
    if (this.ended) return;
    const error = new Element('stream:error').c(condition, { xmlns: NS_STREAM_ERRORS }).up();
    if (text) error.c('text', { xmlns: NS_STREAM_ERRORS }).t(text);
    this.socket.write(error.toString());
    this.finish({ kind: 'refused', condition, text, stage: this.stage });
  }

  /** Closes the stream politely (the upstream went away or the proxy stops). */
  close(): void {
    this.finish({ kind: 'closed', stage: this.stage });
  }

  private listen(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onSocketError);
    socket.on('close', this.onClose);
  }

  private unlisten(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('close', this.onClose);
  }

  private resetParser(): void {
    const parser = new Parser();
    parser.on('start', (header: Element) => this.onHeader(header));
    parser.on('element', (element: Element) => this.onElement(element));
    parser.on('end', () => this.finish({ kind: 'closed', stage: this.stage }));
    parser.on('error', (error: Error) => this.badXml(error.message));
    this.parser = parser;
    this.decoder = new StringDecoder('utf8');
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.ended) return;
    try {
      this.parser.write(this.decoder.write(chunk));
    } catch (error) {
      this.badXml((error as Error).message);
    }
  };

  private readonly onSocketError = (): void => {
    // The close that follows says what happened.
  };

  private readonly onClose = (): void => {
    const midStanza = this.parser.cursor !== null && this.parser.cursor !== this.parser.root;
    this.finish({ kind: 'dropped', midStanza, stage: this.stage });
  };

  private badXml(message: string): void {
    if (this.ended) return;
    this.socket.write(new Element('stream:error').c('not-well-formed', { xmlns: NS_STREAM_ERRORS }).root().toString());
    this.finish({ kind: 'bad-xml', message, stage: this.stage });
  }

  private onHeader(header: Element): void {
    if (header.name !== 'stream:stream' || header.attrs['xmlns:stream'] !== NS_STREAMS) {
      this.socket.write(`${this.openingTag()}`);
      this.fail('invalid-namespace');
      return;
    }
    this.domain = String(header.attrs.to ?? this.domain);
    this.socket.write(this.openingTag() + this.features().toString());
  }

  private openingTag(): string {
    const attrs = { xmlns: NS_CLIENT, 'xmlns:stream': NS_STREAMS, from: this.domain, id: this.streamId, version: '1.0', 'xml:lang': 'en' };
    const written = Object.entries(attrs)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
      .join('');
    return `<?xml version='1.0'?><stream:stream${written}>`;
  }

  private features(): Element {
    const features = new Element('stream:features');
    if (this.stage === 'tls') features.c('starttls', { xmlns: NS_TLS }).c('required');
    else if (this.stage === 'auth') features.c('mechanisms', { xmlns: NS_SASL }).c('mechanism').t('PLAIN');
    else {
      features.c('bind', { xmlns: NS_BIND });
      features.c('session', { xmlns: NS_SESSION }).c('optional');
    }
    return features;
  }

  private onElement(element: Element): void {
    if (this.ended) return;
    if (this.waiting) {
      this.waiting.push(element);
      return;
    }
    if (this.stage === 'online' && STANZA_NAMES.has(element.name) && !isSessionRequest(element)) {
      this.handlers.stanza(element);
      return;
    }
    if (element.is('starttls', NS_TLS) && this.stage === 'tls') return void this.answer(() => this.startTls());
    if ((element.is('auth', NS_SASL) || element.is('response', NS_SASL)) && this.stage === 'auth') return void this.answer(() => this.login(element));
    if (element.is('abort', NS_SASL) && this.stage === 'auth') {
      this.socket.write(new Element('failure', { xmlns: NS_SASL }).c('aborted').root().toString());
      return;
    }
    if (element.name === 'iq' && this.stage === 'bind') return void this.answer(() => this.bind(element));
    if (isSessionRequest(element) && (this.stage === 'bind' || this.stage === 'online')) {
      this.socket.write(new Element('iq', { type: 'result', id: element.attrs.id }).toString());
      return;
    }
    if (element.is('enable', NS_SM) || element.is('resume', NS_SM)) {
      this.socket.write(new Element('failed', { xmlns: NS_SM }).c('feature-not-implemented', { xmlns: NS_STANZAS }).root().toString());
      this.handlers.notice('stream management (XEP-0198) is not offered: refused');
      return;
    }
    if (element.attrs.xmlns === NS_SM || element.attrs.xmlns === NS_CSI) {
      this.handlers.notice(`<${element.name} xmlns="${element.attrs.xmlns}"/> ignored (not offered, never recorded)`);
      return;
    }
    if (STANZA_NAMES.has(element.name)) {
      this.fail('not-authorized', 'log in and bind a resource first');
      return;
    }
    this.fail('unsupported-stanza-type', `<${element.name}/> is not supported by the recording proxy`);
  }

  /** Runs an exchange that waits for the upstream (or for a certificate); elements the client sends
   *  meanwhile are handled after it, in order. */
  private async answer(exchange: () => Promise<void>): Promise<void> {
    this.waiting = [];
    try {
      await exchange();
    } catch (error) {
      this.fail('internal-server-error', (error as Error).message);
    }
    const waiting = this.waiting;
    this.waiting = undefined;
    for (const element of waiting) this.onElement(element);
  }

  private async startTls(): Promise<void> {
    const secureContext = await this.tls!(this.domain || 'localhost');
    if (this.ended) return;
    this.socket.write(new Element('proceed', { xmlns: NS_TLS }).toString());
    const plain = this.socket;
    this.unlisten(plain);
    const secure = new TLSSocket(plain, { isServer: true, secureContext });
    this.socket = secure;
    this.listen(secure);
    this.stage = 'auth';
    this.resetParser();
  }

  private async login(element: Element): Promise<void> {
    if (element.name === 'auth' && element.attrs.mechanism !== 'PLAIN') {
      this.socket.write(new Element('failure', { xmlns: NS_SASL }).c('invalid-mechanism').root().toString());
      return;
    }
    const text = element.getText().trim();
    if (text === '' || text === '=') {
      // No initial response: ask for it (RFC 6120 6.4.2).
      this.socket.write(new Element('challenge', { xmlns: NS_SASL }).toString());
      return;
    }
    const credentials = decodePlain(text);
    if (!credentials) {
      this.socket.write(new Element('failure', { xmlns: NS_SASL }).c('malformed-request').root().toString());
      return;
    }
    const outcome = await this.handlers.login(this.domain, credentials);
    if (this.ended) return;
    if ('streamError' in outcome) return this.fail(outcome.streamError, outcome.text);
    if (!outcome.ok) {
      const failure = new Element('failure', { xmlns: NS_SASL }).c(outcome.condition).up();
      if (outcome.text) failure.c('text').t(outcome.text);
      this.socket.write(failure.toString());
      return;
    }
    this.socket.write(new Element('success', { xmlns: NS_SASL }).toString());
    this.stage = 'bind';
    this.resetParser();
  }

  private async bind(iq: Element): Promise<void> {
    const request = iq.getChild('bind', NS_BIND);
    if (iq.attrs.type !== 'set' || !request) {
      this.socket.write(errorReply(iq, 'not-allowed', 'bind a resource first').toString());
      return;
    }
    const resource = request.getChildText('resource')?.trim() || undefined;
    const outcome = await this.handlers.bind(resource);
    if (this.ended) return;
    if ('condition' in outcome) {
      this.socket.write(errorReply(iq, outcome.condition, outcome.text).toString());
      return;
    }
    const reply = new Element('iq', { type: 'result', id: iq.attrs.id }).c('bind', { xmlns: NS_BIND }).c('jid').t(outcome.jid).root();
    this.socket.write(reply.toString());
    this.stage = 'online';
    this.handlers.online();
  }

  private finish(reason: StreamEnd): void {
    if (this.ended) return;
    this.ended = true;
    const socket = this.socket;
    if (!socket.destroyed) {
      socket.end('</stream:stream>');
      // A client that never closes its side is not waited for long.
      setTimeout(() => socket.destroy(), 2000).unref();
    }
    this.handlers.end(reason);
  }
}

/** RFC 4616: `authzid NUL authcid NUL passwd`, base64-encoded; undefined when malformed. */
export function decodePlain(base64: string): PlainCredentials | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const parts = Buffer.from(base64, 'base64').toString('utf8').split('\0');
  if (parts.length !== 3 || parts[1] === '') return undefined;
  return { authzid: parts[0], username: parts[1], password: parts[2] };
}

function isSessionRequest(element: Element): boolean {
  return element.name === 'iq' && element.attrs.type === 'set' && element.getChild('session', NS_SESSION) !== undefined;
}

function errorReply(iq: Element, condition: string, text?: string): Element {
  const error = new Element('iq', { type: 'error', id: iq.attrs.id }).c('error', { type: 'cancel' }).c(condition, { xmlns: NS_STANZAS }).up();
  if (text) error.c('text', { xmlns: NS_STANZAS }).t(text);
  return error.root();
}
