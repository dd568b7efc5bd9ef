// Minimal types for the @xmpp/* building blocks the runner composes (the packages ship none).

declare module '@xmpp/client-core' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from 'ltx';

  export class Client extends EventEmitter {
    constructor(options: { service: string; domain: string; timeout?: number });
    status: string;
    socket: (EventEmitter & { write(data: string, callback?: (error?: Error) => void): void; end(): void }) | null;
    jid: { toString(): string } | null;
    options: { service: string; domain: string };
    transports: unknown[];
    /** Opens the socket (rejects on a socket error); the stream is opened by `open`. */
    connect(service: string): Promise<unknown>;
    /** Sends the stream header and resolves when the server's arrives. */
    open(options: { domain: string; lang?: string }): Promise<unknown>;
    send(element: Element): Promise<void>;
    write(data: string): Promise<void>;
    restart(): Promise<void>;
    isSecure(): boolean;
    _attachSocket(socket: unknown): void;
    /** The stream's parser (@xmpp/xml's Parser), set while a stream is open. */
    parser: EventEmitter | null;
    _detachSocket(): void;
    _detachParser(): void;
    _onSeeOtherHost(error: Error): void;
  }
}

declare module '@xmpp/tcp/lib/Connection.js' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from 'ltx';

  /** @xmpp/xml's stream parser. */
  export class StreamParser extends EventEmitter {
    /** The element being built (the stream's root between stanzas), null before the header. */
    cursor: Element | null;
    write(data: string): void;
    onEndElement(name: string): void;
  }

  /** @xmpp's TCP transport; a client takes its socket and parser classes from it. */
  export default class ConnectionTCP {
    Parser: typeof StreamParser;
  }
}

declare module '@xmpp/middleware' {
  export interface Middleware {
    use(handler: (context: unknown, next: () => Promise<unknown>) => unknown): unknown;
  }
  export default function middleware(deps: { entity: unknown }): Middleware;
}

declare module '@xmpp/stream-features' {
  import type { Element } from 'ltx';
  import type { Client } from '@xmpp/client-core';
  import type { Middleware } from '@xmpp/middleware';

  export interface StreamFeatures {
    use(name: string, xmlns: string, handler: (context: { entity: Client }, next: () => Promise<unknown>, feature: Element) => Promise<unknown>): unknown;
  }
  export default function streamFeatures(deps: { middleware: Middleware }): StreamFeatures;
}

declare module '@xmpp/iq/caller.js' {
  import type { Middleware } from '@xmpp/middleware';
  export interface IqCaller {
    /** Requests waiting for their reply, by id; rejecting one stops its timer. */
    handlers: Map<string, { reject(error: Error): void }>;
    set(element: unknown, to?: string, timeout?: number): Promise<unknown>;
  }
  export default function iqCaller(deps: { entity: unknown; middleware: Middleware }): IqCaller;
}

declare module '@xmpp/sasl' {
  import type { StreamFeatures } from '@xmpp/stream-features';
  export type Authenticate = (credentials: { username: string; password: string }, mechanism: string) => Promise<void>;
  export default function sasl(
    deps: { streamFeatures: StreamFeatures; saslFactory: unknown },
    onAuthenticate: (authenticate: Authenticate, mechanisms: string[]) => Promise<void>,
  ): void;
}

declare module '@xmpp/sasl-plain' {
  export default function plain(factory: unknown): void;
}

declare module '@xmpp/sasl-scram-sha-1' {
  export default function scramSha1(factory: unknown): void;
}

declare module '@xmpp/resource-binding' {
  import type { IqCaller } from '@xmpp/iq/caller.js';
  import type { StreamFeatures } from '@xmpp/stream-features';
  export default function resourceBinding(
    deps: { iqCaller: IqCaller; streamFeatures: StreamFeatures },
    resource?: string | (() => Promise<string | undefined>),
  ): void;
}

declare module '@xmpp/starttls/starttls.js' {
  import type { Socket } from 'node:net';
  export function canUpgrade(socket: unknown): boolean;
  export function upgrade(socket: unknown, options: { host: string; servername: string; rejectUnauthorized: boolean }): Promise<Socket>;
}

declare module 'saslmechanisms' {
  export default class SASLFactory {}
}
