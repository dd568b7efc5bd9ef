// A small misbehaving XMPP server on loopback, for the runner's robustness tests (issue 13). It
// speaks just enough XMPP for a client to log in (no TLS, SASL PLAIN that accepts anyone, resource
// binding, pings answered, presence echoed back) and misbehaves in one chosen way. A test helper,
// not product code: it reads the client's bytes with regular expressions, not an XML parser.

import { createServer, type Server, type Socket } from 'node:net';

export type Misbehaviour =
  /** Logs in and behaves: the control case. */
  | 'none'
  /** `&#0;` in the text of a stream feature, before login. */
  | 'illegal-reference-text-before-login'
  /** `&#27;` in an attribute of the stream features, before login. */
  | 'illegal-reference-attribute-before-login'
  /** After login, in answer to the first stanza, a message with `&#0;` in its body. */
  | 'illegal-reference-text-after-login'
  /** After login, in answer to the first stanza, a message with `&#27;` in an attribute. */
  | 'illegal-reference-attribute-after-login'
  /** `<a></b></c>` right after the stream header: two XML errors in one read. */
  | 'two-xml-errors'
  /** A TCP reset (RST) once the client has sent its stream header. */
  | 'reset-during-connect'
  /** Closes each connection as soon as it is accepted. */
  | 'immediate-close'
  /** Answers the stream header with an HTTP response. */
  | 'not-xmpp'
  /** From login on, messages without end, as fast as the client reads them. */
  | 'flood'
  /** Never answers the resource binding request. */
  | 'no-bind-reply'
  /** After login, in answer to the first stanza, a message whose body carries raw terminal escape sequences (ESC, BEL). */
  | 'escape-sequences'
  /** After login, in answer to the first stanza, a message whose body never ends: text without end. */
  | 'endless-stanza'
  /** Before login, a stanza from a JID that is not one (`from="@"`). */
  | 'bad-jid-before-login'
  /** Before login, a see-other-host stream error that names another server. */
  | 'see-other-host'
  /** After login, in answer to the first stanza, half a stanza, then the connection closes. */
  | 'closed-mid-stanza';

export interface HostileServer {
  host: string;
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Stanzas written by `flood` so far. */
  flooded(): number;
  close(): Promise<void>;
}

const STREAM_HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='hostile' from='localhost' version='1.0'>`;
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';

export interface HostileOptions {
  /** With `flood`: flood only this user's connections (the local part of its JID); others behave. */
  floodUser?: string;
}

export async function startHostileServer(misbehaviour: Misbehaviour, options: HostileOptions = {}): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let flooded = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (misbehaviour === 'immediate-close') {
      socket.destroy();
      return;
    }
    converse(socket, misbehaviour, options, () => flooded++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: '127.0.0.1',
    port,
    connections: () => accepted,
    flooded: () => flooded,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Phase = 'header' | 'auth' | 'bound-header' | 'bind' | 'online';

function converse(socket: Socket, misbehaviour: Misbehaviour, options: HostileOptions, onFlooded: () => void): void {
  let buffer = '';
  let phase: Phase = 'header';
  let user = 'hostile';
  let fullJid = 'hostile@localhost/hostile';
  const say = (text: string) => {
    if (!socket.destroyed) socket.write(text);
  };

  const step = (): boolean => {
    switch (phase) {
      case 'header': {
        const header = take(/<stream:stream[^>]*>/);
        if (!header) return false;
        switch (misbehaviour) {
          case 'reset-during-connect':
            socket.resetAndDestroy();
            return false;
          case 'not-xmpp':
            say('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nThis is not an XMPP server.\r\n');
            socket.end();
            return false;
          case 'two-xml-errors':
            say(`${STREAM_HEADER}<a></b></c>`);
            return false;
          case 'illegal-reference-text-before-login':
            say(`${STREAM_HEADER}<stream:features><mechanisms xmlns='${NS_SASL}'><mechanism>PLAIN&#0;</mechanism></mechanisms></stream:features>`);
            return false;
          case 'see-other-host':
            say(`${STREAM_HEADER}<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>127.0.0.1:9</see-other-host></stream:error>`);
            return false;
          case 'bad-jid-before-login':
            say(`${STREAM_HEADER}<message from='@' to='nobody@localhost'/>`);
            return false;
          case 'illegal-reference-attribute-before-login':
            say(`${STREAM_HEADER}<stream:features note='&#27;[2J'><mechanisms xmlns='${NS_SASL}'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`);
            return false;
        }
        say(`${STREAM_HEADER}<stream:features><mechanisms xmlns='${NS_SASL}'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`);
        phase = 'auth';
        return true;
      }
      case 'auth': {
        const auth = take(/<auth[^>]*(?:\/>|>[^<]*<\/auth>)/);
        if (!auth) return false;
        // SASL PLAIN: authorization identity, authentication identity, password, split by NUL.
        user =
          Buffer.from(/>([^<]*)</.exec(auth)?.[1] ?? '', 'base64')
            .toString('utf8')
            .split('\0')[1] || 'hostile';
        fullJid = `${user}@localhost/hostile`;
        say(`<success xmlns='${NS_SASL}'/>`);
        phase = 'bound-header';
        return true;
      }
      case 'bound-header': {
        if (!take(/<stream:stream[^>]*>/)) return false;
        say(`${STREAM_HEADER}<stream:features><bind xmlns='${NS_BIND}'/></stream:features>`);
        phase = 'bind';
        return true;
      }
      case 'bind': {
        const iq = take(/<iq[^>]*>[\s\S]*?<\/iq>/);
        if (!iq) return false;
        if (misbehaviour === 'no-bind-reply') return true;
        say(`<iq type='result' id='${attribute(iq, 'id')}'><bind xmlns='${NS_BIND}'><jid>${fullJid}</jid></bind></iq>`);
        phase = 'online';
        if (misbehaviour === 'flood' && (options.floodUser === undefined || options.floodUser === user)) flood(socket, fullJid, onFlooded);
        return true;
      }
      case 'online': {
        if (take(/^\s*<\/stream:stream>/)) {
          say('</stream:stream>');
          socket.end();
          return false;
        }
        const stanza = take(/^\s*<(iq|presence|message)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/);
        if (!stanza) return false;
        // Misbehaving only once the client has sent a stanza: then it surely has logged in (what
        // comes in the same read as the binding's reply is still read while logging in).
        if (!misbehaved) afterLogin();
        misbehaved = true;
        if (/^\s*<iq/.test(stanza) && attribute(stanza, 'type') === 'get') {
          say(`<iq type='result' id='${attribute(stanza, 'id')}' to='${fullJid}'/>`);
        } else if (/^\s*<presence/.test(stanza) && !attribute(stanza, 'to')) {
          say(`<presence from='${fullJid}' to='${fullJid}'/>`);
        }
        return true;
      }
    }
  };

  let misbehaved = false;
  const afterLogin = () => {
    switch (misbehaviour) {
      case 'illegal-reference-text-after-login':
        say(`<message from='server@localhost' to='${fullJid}'><body>one&#0;two</body></message>`);
        break;
      case 'illegal-reference-attribute-after-login':
        say(`<message from='server@localhost' to='${fullJid}' id='&#27;]0;retitled&#7;'><body>hi</body></message>`);
        break;
      case 'escape-sequences':
        say(`<message from='server@localhost' to='${fullJid}'><body>\u001b]0;retitled\u0007\u001b[2J</body></message>`);
        break;
      case 'closed-mid-stanza':
        say(`<message from='server@localhost' to='${fullJid}'><bo`);
        socket.end();
        break;
      case 'endless-stanza':
        say(`<message from='server@localhost' to='${fullJid}'><body>`);
        endlessText(socket);
        break;
    }
  };

  /** Removes and returns the first match of `pattern` in what the client sent, if any. */
  const take = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(buffer);
    if (!match) return undefined;
    buffer = buffer.slice(match.index + match[0].length);
    return match[0];
  };

  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    while (step());
  });
}

/** Writes chat messages to `socket` until it closes, waiting whenever its buffer is full, and
 *  letting the server's other connections have their turn between batches. */
function flood(socket: Socket, to: string, onFlooded: () => void): void {
  let count = 0;
  const more = () => {
    if (socket.destroyed || !socket.writable) return;
    let batch = '';
    for (let index = 0; index < 100; index++) {
      batch += `<message from='flood@localhost/x' to='${to}' type='chat' id='flood-${++count}'><body>stanza number ${count} of a flood</body></message>`;
      onFlooded();
    }
    if (socket.write(batch)) setImmediate(more);
    else socket.once('drain', more);
  };
  more();
}

/** Writes text (no markup) to `socket` until it closes. */
function endlessText(socket: Socket): void {
  const chunk = 'all work and no play '.repeat(3000);
  const more = () => {
    if (socket.destroyed || !socket.writable) return;
    if (socket.write(chunk)) setImmediate(more);
    else socket.once('drain', more);
  };
  more();
}

function attribute(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}=['"]([^'"]*)['"]`).exec(element.slice(0, element.indexOf('>') + 1))?.[1];
}
