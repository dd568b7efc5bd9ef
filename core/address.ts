// A server's address written as text, read by one rule wherever a person types one: `scs run
// --server` (and `scansion`), `scs record --upstream` and `--listen`, a debug launch's "server", and
// the status bar's "Another host…".

/** The XMPP client port: the fallback of RFC 6120 section 3.2.2, used when the text names no port. */
const xmppClientPort = 5222;

/** A TCP address: a host name or IP address (an IPv6 one without its brackets) and a port. */
export interface Address {
  host: string;
  port: number;
}

/** A bracketed IPv6 address, or a host with none of the characters that end one in a URI (RFC 3986
 *  section 3.2.2): `scenarios/`, what `--server $(scs server start --detach) scenarios/` leaves when
 *  the server did not start, is no host. Then an optional port. */
const addressShape = /^(?:\[([^\]\s]+)\]|([^\s:[\]/?#@]+))(?::(\d+))?$/;

/** `host:port`, an IPv6 host (one with a colon) in brackets: the address as parseAddress reads it
 *  back, for commands, logs and the status bar. */
export function formatAddress({ host, port }: Address): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * `host`, `host:port` or `[v6]:port` (white space around it ignored; a host holds no white space
 * and none of `: [ ] / ? # @`) -> the address; the port is 5222 when the text names none.
 * Otherwise why not, as the end of a sentence that starts with what was given: `must be HOST or
 * HOST:PORT (…), not "a:b:c"` or `must have a port between 1 and 65535, not 99999` (callers write
 * `--server must be …`, `"server" must be …`). `lowestPort` 0 admits port 0, for a socket to
 * listen on whose port the system chooses. Never throws.
 */
export function parseAddress(text: string, lowestPort: 0 | 1 = 1): Address | string {
  const match = addressShape.exec(text.trim());
  if (!match) return `must be HOST or HOST:PORT (an IPv6 address in brackets: [::1]:5222), not "${text}"`;
  const port = match[3] === undefined ? xmppClientPort : Number(match[3]);
  if (port < lowestPort || port > 65535) return `must have a port between ${lowestPort} and 65535, not ${match[3]}`;
  return { host: match[1] ?? match[2], port };
}
