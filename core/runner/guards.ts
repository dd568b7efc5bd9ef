// Guards around the @xmpp/* building blocks (0.14, ltx 3.1) where a misbehaving server makes them
// throw, or emit an error with nobody listening, or act on their own. What we found in them:
// - ltx's unescaper throws ("Illegal XML character 0x0", "Illegal XML entity &x;") on a character
//   reference to a character XML forbids, in text or in an attribute. The throw goes up through
//   the socket's 'data' event: an uncaught exception, before login (@xmpp's Connection#_onData)
//   and after it (our stream.ts).
// - @xmpp/xml's Parser emits 'error' and keeps parsing the rest of the read. @xmpp's Connection
//   detaches its parser listeners on the first error, so a second one in the same read
//   (`<a></b></c>`) is an 'error' event nobody listens to: thrown. Data read after that goes to a
//   parser it has set to null (a TypeError). `</a>` before any element reads a null cursor.
// - @xmpp/middleware builds a JID from every incoming element's `to`/`from` while negotiating;
//   `from="@"` throws in the parser's 'element' event, so again out of the socket's 'data' event.
// - Connection#start() makes a promise for 'online' that rejects on 'error' and is only awaited
//   once the stream header is answered: a reset before that rejects both, and the second rejection
//   is unhandled (connection.ts negotiates without start()).
// - A socket closed by the server (at once, or after bytes that are not XMPP) is only a 'status'
//   change, not an 'error': every promise waiting for the stream header or 'online' waits out its
//   timer (connection.ts treats that status as the end of the connection).
// - @xmpp/iq's caller waits 30 s for an answer by default, and its timer only stops when the answer
//   comes: a server that never answers resource binding keeps the process alive 30 s after the
//   step failed (connection.ts rejects the waiting requests when the connection ends).
// - ltx keeps the text of an element until it ends: a stanza that never ends grows without bound
//   (GuardedParser ends the stream past MAX_STANZA_CHARACTERS).
// - On a see-other-host stream error, Connection follows the server to the host it names, on a
//   socket that the caller never hears of (GuardedClient reports the stream error instead).

import { Client } from '@xmpp/client-core';
import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';

/** Not well-formed XML from the server: it cannot be parsed, or holds a character XML forbids. */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Something in the server's XML that an @xmpp building block could not take (say, a malformed
 *  JID in a stanza's `from` while the stream is negotiated). */
export class UnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableError';
  }
}

// XML 1.0 section 2.2: of the C0 controls, only tab, line feed and carriage return are characters.
const ILLEGAL_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** The most characters one stanza may take: room for an avatar or a vCard photo. ltx keeps an
 *  unfinished element's text (and reads text at about 1.5 s per Mi characters), so an endless
 *  stanza would take memory and time without bound. */
const MAX_STANZA_CHARACTERS = 2 ** 20;

const Parser = ConnectionTCP.prototype.Parser;

/**
 * @xmpp/xml's stream parser, made safe against any input: whatever goes wrong while parsing a read
 * (an exception in ltx or in an 'element' listener, a second XML error, a raw control character)
 * becomes one 'error' event, after which the parser is silent and ignores further data.
 */
export class GuardedParser extends Parser {
  private failed = false;
  /** Characters read since the last complete top-level element (roughly: the open stanza's size). */
  private sinceElement = 0;

  override write(data: string): void {
    if (this.failed) return;
    this.sinceElement += data.length;
    if (this.sinceElement > MAX_STANZA_CHARACTERS) {
      this.emit('error', new UnreadableError(`a stanza longer than ${MAX_STANZA_CHARACTERS / 2 ** 20} Mi characters`));
      return;
    }
    const illegal = ILLEGAL_CHARACTER.exec(data);
    try {
      super.write(illegal ? data.slice(0, illegal.index) : data);
    } catch (error) {
      this.emit('error', asParseError(error));
      return;
    }
    if (illegal) {
      const code = data.charCodeAt(illegal.index).toString(16).toUpperCase().padStart(4, '0');
      this.emit('error', new XmlError(`character U+${code}, which is not an XML character`));
    }
  }

  /** `</a>` with no element open: @xmpp/xml's parser would read the name of a null element. */
  override onEndElement(name: string): void {
    if (!this.cursor) this.emit('error', new XmlError(`</${name}> closes no element`));
    else super.onEndElement(name);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (this.failed) return false;
    if (event === 'element' || event === 'start') this.sinceElement = 0;
    if (event === 'error') {
      this.failed = true;
      // Nobody listening would throw; only happens if a stream was left without an owner.
      if (this.listenerCount('error') === 0) return false;
    }
    return super.emit(event, ...args);
  }
}

/** @xmpp's TCP transport with the guarded parser. */
export class GuardedTcp extends ConnectionTCP {}
GuardedTcp.prototype.Parser = GuardedParser;

/** @xmpp's client, reporting a see-other-host stream error instead of following it. */
export class GuardedClient extends Client {
  constructor(options: { service: string; domain: string; timeout?: number }) {
    super(options);
    this.transports.push(GuardedTcp);
  }

  override _onSeeOtherHost(error: Error): void {
    this.emit('error', error);
  }
}

function asParseError(error: unknown): Error {
  const message = (error as Error | undefined)?.message ?? String(error);
  // ltx's unescaper: "Illegal XML character 0x0", "Illegal XML entity &x;".
  const reference = /^Illegal XML character 0x([0-9a-f]+)$/i.exec(message);
  if (reference) return new XmlError(`character reference to U+${reference[1].toUpperCase().padStart(4, '0')}, which is not an XML character`);
  const entity = /^Illegal XML entity (.*)$/.exec(message);
  if (entity) return new XmlError(`unknown entity ${entity[1].slice(0, 40)}`);
  return new UnreadableError(message);
}
