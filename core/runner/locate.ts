// Where a client connects for a JID's domain, found as an XMPP client finds it (RFC 6120 section
// 3.2.1): the targets of the DNS SRV records `_xmpp-client._tcp.DOMAIN`, else the domain itself
// on port 5222. This is how Scansion's own runner reaches the server of Prosody's test setup
// (SCANSION.md section 4): `localhost` JIDs lead to a server on localhost:5222 with no flag.

import { Resolver } from 'node:dns/promises';
import type { SrvRecord } from 'node:dns';
import { RunFailure } from './errors.js';

export interface ServerAddress {
  host: string;
  port: number;
}

/** The addresses to try, in order, for a domain. Rejects with a RunFailure: `cancelled`
 *  when `signal` aborts, `connection` when the domain says it offers no client service. */
export type Locate = (domain: string, signal?: AbortSignal) => Promise<ServerAddress[]>;

/** A DNS SRV query: the records for `name`; rejects when there are none or the query fails. */
export type SrvLookup = (name: string, signal?: AbortSignal) => Promise<SrvRecord[]>;

/** The standard client port (RFC 6120 section 14.7). */
export const XMPP_CLIENT_PORT = 5222;

/** The SRV query of the system's DNS resolver, bounded: one try of at most `timeoutMs`
 *  (milliseconds) per server, cancelled when `signal` aborts. */
export function dnsSrvLookup(timeoutMs = 2000): SrvLookup {
  return async (name, signal) => {
    const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
    const cancel = () => resolver.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await resolver.resolveSrv(name);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  };
}

/** A Locate that asks `lookup` for `_xmpp-client._tcp.DOMAIN`:
 *  - records found: their targets, by priority (lowest first), then weight (highest first; RFC
 *    2782's weighted random choice is made deterministic so that runs repeat);
 *  - a single record with target "." (RFC 2782: no service here): rejects;
 *  - no records, or the query fails in any way (not found, no answer, timeout, no DNS server):
 *    the domain itself on port 5222, as RFC 6120 section 3.2.2 says.
 *  Answers are kept per domain for the life of the Locate. */
export function srvLocator(lookup: SrvLookup = dnsSrvLookup()): Locate {
  const known = new Map<string, ServerAddress[]>();
  return async (domain, signal) => {
    const cached = known.get(domain);
    if (cached) return cached;
    let records: SrvRecord[] = [];
    try {
      records = await lookup(`_xmpp-client._tcp.${domain}`, signal);
    } catch {
      // Any failure of the SRV query falls back to the domain itself (RFC 6120 section 3.2.2).
    }
    if (signal?.aborted) throw new RunFailure('cancelled', 'cancelled');
    if (records.length === 1 && records[0].name === '.') {
      throw new RunFailure('connection', `${domain} offers no XMPP client service (its _xmpp-client._tcp SRV record is ".")`);
    }
    const addresses =
      records.length === 0
        ? [{ host: domain, port: XMPP_CLIENT_PORT }]
        : [...records]
            .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
            .map((record) => ({ host: record.name.replace(/\.$/, ''), port: record.port }));
    known.set(domain, addresses);
    return addresses;
  };
}
