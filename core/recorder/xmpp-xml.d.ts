// Types for the one part of @xmpp/xml the recorder uses (the package ships none): the stream parser
// that @xmpp/client-core also reads servers' streams with.

declare module '@xmpp/xml' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from 'ltx';

  /** Emits `start` (the stream header element), `element` (each complete top-level child: a stanza
   *  or a nonza), `end` (the closing stream tag) and `error` (bad XML). */
  export class Parser extends EventEmitter {
    /** The stream header element, once read. */
    root: Element | null;
    /** The element being read: `root` between top-level elements, a child while inside one. */
    cursor: Element | null;
    write(data: string): void;
  }
}
