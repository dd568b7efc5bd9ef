// Finding a JID's server as an XMPP client does (core/runner/locate.ts): SRV records first, the
// domain itself on 5222 otherwise; and runs that use it (RunOptions.locate) against a real Prosody
// reached through an injected SRV answer.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SrvRecord } from 'node:dns';
import { runScenario } from '../../core/runner/index.js';
import { dnsSrvLookup, srvLocator, type SrvLookup } from '../../core/runner/locate.js';
import { RunFailure } from '../../core/runner/errors.js';
import { freePort as freeLoopbackPort, startProsody } from '../../core/prosody/index.js';
import { startTestProsody, type TestServer } from './prosody.js';
import { character, freePort, scenario, selfPresence } from './support.js';

/** An SRV lookup that answers from a table and counts its queries. */
function fakeSrv(table: Record<string, SrvRecord[]>): SrvLookup & { queries: string[] } {
  const queries: string[] = [];
  const lookup = async (name: string) => {
    queries.push(name);
    const records = table[name];
    if (!records) throw Object.assign(new Error(`queryNotFound ${name}`), { code: 'ENOTFOUND' });
    return records;
  };
  return Object.assign(lookup, { queries });
}

const srv = (name: string, port: number, priority = 0, weight = 0): SrvRecord => ({ name, port, priority, weight });

describe('srvLocator', () => {
  test('SRV targets by priority, then weight, trailing dots removed', async () => {
    const lookup = fakeSrv({
      '_xmpp-client._tcp.example.org': [srv('c.example.org.', 5224, 20), srv('b.example.org', 5223, 10, 1), srv('a.example.org', 5222, 10, 60)],
    });
    assert.deepEqual(await srvLocator(lookup)('example.org'), [
      { host: 'a.example.org', port: 5222 },
      { host: 'b.example.org', port: 5223 },
      { host: 'c.example.org', port: 5224 },
    ]);
    assert.deepEqual(lookup.queries, ['_xmpp-client._tcp.example.org']);
  });

  test('no SRV record, or a failed query: the domain itself on 5222', async () => {
    assert.deepEqual(await srvLocator(fakeSrv({}))('localhost'), [{ host: 'localhost', port: 5222 }]);
    const failing: SrvLookup = async () => {
      throw Object.assign(new Error('timeout'), { code: 'ETIMEOUT' });
    };
    assert.deepEqual(await srvLocator(failing)('example.net'), [{ host: 'example.net', port: 5222 }]);
  });

  test('a single "." target means no client service: refused with a reason', async () => {
    const locate = srvLocator(fakeSrv({ '_xmpp-client._tcp.example.com': [srv('.', 0)] }));
    await assert.rejects(
      locate('example.com'),
      (error: unknown) => error instanceof RunFailure && error.kind === 'connection' && /example\.com offers no XMPP client service/.test(error.message),
    );
  });

  test('each domain is looked up once per locator', async () => {
    const lookup = fakeSrv({});
    const locate = srvLocator(lookup);
    await locate('localhost');
    await locate('localhost');
    await locate('example.org');
    assert.deepEqual(lookup.queries, ['_xmpp-client._tcp.localhost', '_xmpp-client._tcp.example.org']);
  });

  test('the system resolver finds no SRV record for localhost, quickly, and falls back to localhost:5222', async () => {
    const started = performance.now();
    assert.deepEqual(await srvLocator(dnsSrvLookup(2000))('localhost'), [{ host: 'localhost', port: 5222 }]);
    assert.ok(performance.now() - started < 4500, 'bounded by the lookup timeout');
  });
});

describe('runs that locate the server from the JIDs', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestProsody();
  });
  after(async () => {
    await server?.stop();
  });

  const text = `# Presence comes back\n${character('Romeo', 'romeo')}${selfPresence}Romeo disconnects\n`;

  test('a localhost JID connects where the SRV answer for localhost points; host and port are not used', async () => {
    const lookup = fakeSrv({ '_xmpp-client._tcp.localhost': [srv(server.host, server.port)] });
    const unused = await freePort();
    const result = await runScenario(scenario(text), 'located.scs', { host: '192.0.2.1', port: unused, timeoutMs: 3000, locate: srvLocator(lookup) });
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
    assert.equal(result.server, `${server.host}:${server.port}`);
    assert.deepEqual(lookup.queries, ['_xmpp-client._tcp.localhost']);
  });

  test('an SRV target that refuses is passed for the next one, and the transcript says so', async () => {
    const refusing = await freePort();
    const lookup = fakeSrv({ '_xmpp-client._tcp.localhost': [srv('127.0.0.1', refusing, 0), srv(server.host, server.port, 10)] });
    const result = await runScenario(scenario(text), 'next.scs', { timeoutMs: 3000, locate: srvLocator(lookup) });
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
    assert.ok(
      result.transcript.some((entry) => entry.text === `connection refused at 127.0.0.1:${refusing}; trying the next server of localhost`),
      JSON.stringify(result.transcript.map((entry) => entry.text)),
    );
    assert.equal(result.server, `${server.host}:${server.port}`);
  });

  test('connect_port replaces the port found; connect_host is used as written, without a lookup', async () => {
    const wrongPort = fakeSrv({ '_xmpp-client._tcp.localhost': [srv(server.host, 1)] });
    const withPort = text.replace('\tpassword: password\n', `\tpassword: password\n\tconnect_port: ${server.port}\n`);
    const ported = await runScenario(scenario(withPort), 'port.scs', { timeoutMs: 3000, locate: srvLocator(wrongPort) });
    assert.equal(ported.status, 'passed', JSON.stringify(ported.failure));

    const lookup = fakeSrv({});
    const withHost = text.replace('\tpassword: password\n', `\tpassword: password\n\tconnect_host: ${server.host}\n\tconnect_port: ${server.port}\n`);
    const hosted = await runScenario(scenario(withHost), 'host.scs', { timeoutMs: 3000, locate: srvLocator(lookup) });
    assert.equal(hosted.status, 'passed', JSON.stringify(hosted.failure));
    assert.deepEqual(lookup.queries, [], 'no lookup for a character with connect_host');
  });

  test('an IPv6 SRV target is named in brackets: in the transcript when it refuses, and in the result when it is the server', async () => {
    const v6 = await startProsody({ host: '::1' });
    try {
      const refusing = await freeLoopbackPort('::1');
      const lookup = fakeSrv({ '_xmpp-client._tcp.localhost': [srv('::1', refusing, 0), srv('::1', v6.port, 10)] });
      const result = await runScenario(scenario(text), 'v6.scs', { timeoutMs: 3000, locate: srvLocator(lookup) });
      assert.equal(result.status, 'passed', JSON.stringify(result.failure));
      assert.ok(
        result.transcript.some((entry) => entry.text === `connection refused at [::1]:${refusing}; trying the next server of localhost`),
        JSON.stringify(result.transcript.map((entry) => entry.text)),
      );
      assert.equal(result.server, `[::1]:${v6.port}`);
    } finally {
      await v6.stop();
    }
  });

  test('with nothing at the located address the failure names it', async () => {
    const refusing = await freePort();
    const lookup = fakeSrv({ '_xmpp-client._tcp.localhost': [srv('127.0.0.1', refusing)] });
    const result = await runScenario(scenario(text), 'nobody.scs', { timeoutMs: 3000, locate: srvLocator(lookup) });
    assert.equal(result.status, 'errored');
    assert.equal(result.failure?.message, `connection refused at 127.0.0.1:${refusing}`);
  });
});
