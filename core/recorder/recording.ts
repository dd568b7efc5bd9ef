// What the recording proxy saw, in the order it saw it: connections that logged in and bound a
// resource, the stanzas each sent and received, and how each ended. The scenario writer turns it
// into a .scs file; nothing here knows Scansion's syntax.

import type { Element } from 'ltx';

/** One client connection that got as far as a bound resource: one Scansion character. */
export interface RecordedConnection {
  /** 1, 2, 3, ... in the order they bound. */
  id: number;
  /** `user@domain`. */
  bareJid: string;
  /** The full JID the upstream server bound. */
  fullJid: string;
  /** The resource the client asked for, when it asked for one. */
  resource?: string;
  password: string;
}

export type RecordedEvent =
  | { kind: 'connected'; connection: RecordedConnection; timeMs: number }
  | { kind: 'sent'; connection: RecordedConnection; stanza: Element; timeMs: number }
  | { kind: 'received'; connection: RecordedConnection; stanza: Element; timeMs: number }
  | {
      kind: 'disconnected';
      connection: RecordedConnection;
      timeMs: number;
      /** `client`: the client closed its stream or went away; `server`: the upstream ended it
       *  (`reason` says how); `proxy`: the recording stopped while it was connected. */
      by: 'client' | 'server' | 'proxy';
      reason?: string;
    };

export class Recording {
  readonly events: RecordedEvent[] = [];
  private nextId = 1;
  private readonly started = performance.now();

  get connections(): RecordedConnection[] {
    return this.events.flatMap((event) => (event.kind === 'connected' ? [event.connection] : []));
  }

  /** Whether anything was recorded (a connection that bound a resource). */
  get isEmpty(): boolean {
    return this.events.length === 0;
  }

  connected(details: Omit<RecordedConnection, 'id'>): RecordedConnection {
    const connection = { id: this.nextId++, ...details };
    this.events.push({ kind: 'connected', connection, timeMs: this.now() });
    return connection;
  }

  sent(connection: RecordedConnection, stanza: Element): void {
    this.events.push({ kind: 'sent', connection, stanza, timeMs: this.now() });
  }

  received(connection: RecordedConnection, stanza: Element): void {
    this.events.push({ kind: 'received', connection, stanza, timeMs: this.now() });
  }

  disconnected(connection: RecordedConnection, by: 'client' | 'server' | 'proxy', reason?: string): void {
    this.events.push({ kind: 'disconnected', connection, by, reason, timeMs: this.now() });
  }

  private now(): number {
    return Math.round((performance.now() - this.started) * 10) / 10;
  }
}
