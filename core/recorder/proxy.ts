// The recording proxy (`scs record`, "Scansion: Record Scenario"): listens for XMPP clients, speaks
// to each as a server (clientStream.ts) and to the upstream server as a client (the runner's own
// connection code), relays every stanza both ways and records it (recording.ts).

import { createServer, type Server, type Socket } from 'node:net';
import { makeCertificateAuthority, type CertificateAuthority } from './certificate.js';
import { ProxiedClient, type UpstreamOptions } from './proxiedClient.js';
import { Recording } from './recording.js';

export interface ProxyOptions {
  /** Where clients connect (default 127.0.0.1; port 0 picks a free one). */
  listenHost: string;
  listenPort: number;
  upstream: UpstreamOptions;
  /** Offer STARTTLS to clients with a certificate the proxy makes (false: `--no-tls`). */
  tls: boolean;
  /** A line for the person recording (connections, refusals, nonzas ignored). */
  onNotice?: (text: string) => void;
  /** The number of clients connected changed (all of them, logged in or not). */
  onClients?: (count: number) => void;
}

export class RecordingProxy {
  readonly recording = new Recording();
  private readonly clients = new Set<ProxiedClient>();
  private readonly departures: Array<(count: number) => void> = [];
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly options: ProxyOptions,
    /** The authority clients must trust (undefined with `tls: false`). */
    readonly authority: CertificateAuthority | undefined,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Makes the certificate authority (unless `tls` is false) and starts listening. Rejects when
   *  the address cannot be listened on (in use, not local). */
  static async start(options: ProxyOptions): Promise<RecordingProxy> {
    const authority = options.tls ? await makeCertificateAuthority() : undefined;
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.listenPort, options.listenHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new RecordingProxy(server, options, authority);
  }

  /** The address clients connect to. */
  get address(): { host: string; port: number } {
    const address = this.server.address();
    if (!address || typeof address === 'string') return { host: this.options.listenHost, port: this.options.listenPort };
    return { host: address.address, port: address.port };
  }

  /** Clients connected now. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Resolves when the next client has gone (with the number still connected). */
  nextDeparture(): Promise<number> {
    return new Promise((resolve) => this.departures.push(resolve));
  }

  /** Stops listening, ends every client's stream and closes every upstream connection. Safe to call
   *  more than once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      await Promise.all([...this.clients].map((client) => client.stop()));
      await closed;
    })();
    return this.stopping;
  }

  private accept(socket: Socket): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    socket.on('error', () => {});
    const authority = this.authority;
    const client = new ProxiedClient(socket, authority ? (domain) => authority.contextFor(domain) : undefined, this.options.upstream, this.recording, {
      notice: (text) => this.options.onNotice?.(text),
      ended: (gone) => {
        this.clients.delete(gone);
        this.options.onClients?.(this.clients.size);
        for (const resolve of this.departures.splice(0)) resolve(this.clients.size);
      },
    });
    this.clients.add(client);
    this.options.onClients?.(this.clients.size);
  }
}
