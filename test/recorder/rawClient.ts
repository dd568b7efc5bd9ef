// A hand-driven XMPP client on a plain socket, for the proxy's server half: it writes exactly what a
// test says and waits for exactly what it expects.

import { connect, type Socket } from 'node:net';

export class RawClient {
  private received = '';
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString();
      for (const wake of this.waiters) wake();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static open(host: string, port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Everything received so far. */
  get text(): string {
    return this.received;
  }

  write(data: string): void {
    this.socket.write(data);
  }

  /** Resolves with the text received since `from` once it matches `pattern`; rejects after 5 s. */
  async expect(pattern: RegExp, from = 0): Promise<string> {
    const deadline = Date.now() + 5000;
    while (!pattern.test(this.received.slice(from))) {
      if (Date.now() > deadline) throw new Error(`expected ${pattern}, got: ${this.received.slice(from)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        setTimeout(wake, 100);
      });
    }
    return this.received.slice(from);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export const header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";

export function plainAuth(username: string, password: string): string {
  return `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0${username}\0${password}`).toString('base64')}</auth>`;
}

/** Opens a stream without TLS, logs in and binds `resource`; resolves once bound. */
export async function loggedIn(host: string, port: number, username: string, resource: string): Promise<RawClient> {
  const client = await RawClient.open(host, port);
  client.write(header);
  await client.expect(/<mechanism>PLAIN<\/mechanism>[\s\S]*<\/stream:features>/);
  let mark = client.text.length;
  client.write(plainAuth(username, 'password'));
  await client.expect(/<success/, mark);
  mark = client.text.length;
  client.write(header);
  await client.expect(/<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"\/>[\s\S]*<\/stream:features>/, mark);
  mark = client.text.length;
  client.write(`<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`);
  await client.expect(new RegExp(`<jid>${username}@localhost/${resource}</jid>`), mark);
  return client;
}
