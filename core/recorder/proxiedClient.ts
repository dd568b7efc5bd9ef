// One client of the recording proxy: its stream (clientStream.ts) joined to its own connection to
// the upstream server, made with the runner's connection code (core/runner/connection.ts) so that a
// recording logs in, secures and binds exactly as a replay will. The client's login is checked by
// the upstream server itself: its refusal goes back to the client as its own SASL failure or stream
// error. Every stanza is relayed unchanged both ways and written into the recording.

import type { Socket } from 'node:net';
import type { Element } from 'ltx';
import { connect, type XmppConnection } from '../runner/connection.js';
import { RunFailure } from '../runner/errors.js';
import { ClientStream, type BindOutcome, type LoginOutcome, type PlainCredentials, type StreamEnd, type TlsContexts } from './clientStream.js';
import type { RecordedConnection, Recording } from './recording.js';

export interface UpstreamOptions {
  host: string;
  port: number;
  /** Accept any certificate from the upstream server (a test server's self-signed one). */
  tlsInsecure: boolean;
  /** Bound on the upstream login, from the client's credentials to its bound resource. */
  timeoutMs: number;
}

export interface ProxiedClientEvents {
  /** A line for the person recording. */
  notice(text: string): void;
  /** The client is gone and its upstream connection closed. */
  ended(client: ProxiedClient): void;
}

interface PendingLogin {
  account: string;
  password: string;
  /** Settles once the upstream has bound a resource (or refused). */
  connected: Promise<XmppConnection>;
  /** Hands the upstream the resource the client asked for. */
  bindResource: (resource: string | undefined) => void;
  resourceAsked?: string;
  abort: AbortController;
}

export class ProxiedClient {
  private readonly stream: ClientStream;
  private login: PendingLogin | undefined;
  private upstream: XmppConnection | undefined;
  private recorded: RecordedConnection | undefined;
  private upstreamEnded: string | undefined;
  private closedByProxy = false;
  private ended = false;
  /** Resolves when the client is gone and the upstream connection closed. */
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    socket: Socket,
    tls: TlsContexts | undefined,
    private readonly upstreamOptions: UpstreamOptions,
    private readonly recording: Recording,
    private readonly events: ProxiedClientEvents,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.stream = new ClientStream(socket, tls, {
      login: (domain, credentials) => this.onLogin(domain, credentials),
      bind: (resource) => this.onBind(resource),
      online: () => this.onOnline(),
      stanza: (stanza) => this.onClientStanza(stanza),
      notice: (text) => this.events.notice(`${this.label}: ${text}`),
      end: (reason) => void this.onEnd(reason),
    });
  }

  /** Who this is, for the terminal: the account, or `a client` before it logged in. */
  get label(): string {
    return this.recorded?.fullJid ?? this.login?.account ?? 'a client';
  }

  /** Whether the client has bound a resource (is being recorded). */
  get isRecorded(): boolean {
    return this.recorded !== undefined;
  }

  /** Ends the client's stream (the recording stops); resolves once everything is closed. */
  stop(): Promise<void> {
    this.closedByProxy = true;
    this.stream.close();
    return this.done;
  }

  private onLogin(domain: string, credentials: PlainCredentials): Promise<LoginOutcome> {
    const [username, userDomain = domain] = credentials.username.split('@');
    const account = `${username}@${userDomain}`;
    if (!domain && !userDomain) return Promise.resolve({ ok: false, condition: 'not-authorized', text: 'the stream header named no domain' });
    let bindResource!: (resource: string | undefined) => void;
    const resourceAsked = new Promise<string | undefined>((resolve) => (bindResource = resolve));
    let authenticated!: () => void;
    const loggedIn = new Promise<void>((resolve) => (authenticated = resolve));
    const abort = new AbortController();
    const { host, port, tlsInsecure, timeoutMs } = this.upstreamOptions;
    const connected = connect({
      host,
      port,
      domain: userDomain,
      username,
      password: credentials.password,
      // Called once the upstream accepted the login: the client hears of its success only then.
      resource: () => {
        authenticated();
        return resourceAsked;
      },
      tlsInsecure,
      timeoutMs,
      signal: abort.signal,
    });
    this.login = { account, password: credentials.password, connected, bindResource, abort };
    return Promise.race([
      loggedIn.then((): LoginOutcome => ({ ok: true })),
      connected.then(
        (): LoginOutcome => ({ ok: true }),
        (error: unknown) => this.refusal(account, error),
      ),
    ]);
  }

  /** The upstream's refusal, as the client will get it, and said in the terminal. */
  private refusal(account: string, error: unknown): LoginOutcome {
    const message = error instanceof Error ? error.message : String(error);
    // A login given up because the client left is no news.
    if (!this.ended) this.events.notice(`${account}: ${message}`);
    if (error instanceof RunFailure && error.kind === 'auth') return { ok: false, condition: error.condition ?? 'not-authorized' };
    if (error instanceof RunFailure && error.kind === 'stream-error') return { streamError: error.condition ?? 'undefined-condition', text: message };
    return { streamError: 'remote-connection-failed', text: message };
  }

  private async onBind(resource: string | undefined): Promise<BindOutcome> {
    const login = this.login!;
    login.resourceAsked = resource;
    login.bindResource(resource);
    let upstream: XmppConnection;
    try {
      upstream = await login.connected;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.events.notice(`${login.account}: ${message}`);
      return { condition: (error instanceof RunFailure && error.condition) || 'internal-server-error', text: message };
    }
    this.upstream = upstream;
    this.recorded = this.recording.connected({ bareJid: login.account, fullJid: upstream.jid, resource, password: login.password });
    this.events.notice(`${upstream.jid} connected`);
    upstream.onLost((error) => {
      this.upstreamEnded = error.message;
      this.events.notice(`${upstream.jid}: ${error.message}`);
      if (error.kind === 'stream-error' && error.condition) this.stream.fail(error.condition);
      else this.stream.fail('remote-connection-failed', error.message);
    });
    return { jid: upstream.jid };
  }

  /** The client has its JID: what the server sent meanwhile, and everything after, goes to it
   *  (never before the answer to its bind request). */
  private onOnline(): void {
    this.upstream?.onStanza((stanza) => this.onServerStanza(stanza));
  }

  private onClientStanza(stanza: Element): void {
    if (this.ended || !this.upstream || !this.recorded) return;
    this.recording.sent(this.recorded, stanza);
    this.upstream.send(stanza).catch((error: Error) => this.events.notice(`${this.label}: ${error.message}`));
  }

  private onServerStanza(stanza: Element): void {
    // What arrives after the client left never reached it: not part of the recording.
    if (this.ended || !this.recorded) return;
    this.recording.received(this.recorded, stanza);
    this.stream.send(stanza);
  }

  private async onEnd(reason: StreamEnd): Promise<void> {
    this.ended = true;
    this.login?.abort.abort();
    // Unblocks an upstream login still waiting for the resource: the abort above ends it.
    this.login?.bindResource(undefined);
    const upstream = this.upstream;
    this.upstream = undefined;
    if (this.recorded) {
      const by = this.upstreamEnded !== undefined ? 'server' : this.closedByProxy ? 'proxy' : 'client';
      this.recording.disconnected(this.recorded, by, this.upstreamEnded);
    }
    this.events.notice(`${this.label}: ${describeEnd(reason)}`);
    await upstream?.close();
    this.resolveDone();
    this.events.ended(this);
  }
}

/** The end of a client's stream in words. */
function describeEnd(reason: StreamEnd): string {
  const during: Record<StreamEnd['stage'], string> = {
    tls: " during STARTTLS (does the client trust the proxy's certificate?)",
    auth: ' before logging in',
    bind: ' before binding a resource',
    online: '',
  };
  switch (reason.kind) {
    case 'closed':
      return `disconnected${during[reason.stage]}`;
    case 'dropped':
      return reason.midStanza
        ? 'the client went away in the middle of a stanza: that stanza is not recorded'
        : `the client went away without closing its stream${during[reason.stage]}`;
    case 'bad-xml':
      return `the client sent XML that is not well-formed (${reason.message}): stream closed`;
    case 'refused':
      return `stream closed with error ${reason.condition}${reason.text ? ` (${reason.text})` : ''}`;
  }
}
