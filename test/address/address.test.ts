// core/address.ts: the one rule for a server address a person types, and each adapter that reads
// one through it (`scs run --server`, `scs record --upstream/--listen` in test/cli/record.test.ts,
// a debug launch's "server", the status bar's "Another host…" in test/client/runTargets.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAddress, parseAddress } from '../../core/address.js';
import { runSettings, type RunCommandOptions } from '../../cli/runOptions.js';
import { launchProblem, runOptionsOf } from '../../debugger/launch.js';

const shape = (text: string) => `must be HOST or HOST:PORT (an IPv6 address in brackets: [::1]:5222), not "${text}"`;

test('host, host:port and [IPv6]:port; the port is 5222 when left out (RFC 6120 section 3.2.2)', () => {
  assert.deepEqual(parseAddress('xmpp.example'), { host: 'xmpp.example', port: 5222 });
  assert.deepEqual(parseAddress(' 127.0.0.1:5333 '), { host: '127.0.0.1', port: 5333 });
  assert.deepEqual(parseAddress('[::1]:5223'), { host: '::1', port: 5223 });
  assert.deepEqual(parseAddress('[fe80::1%eth0]'), { host: 'fe80::1%eth0', port: 5222 });
  assert.deepEqual(parseAddress('localhost:65535'), { host: 'localhost', port: 65535 });
  assert.deepEqual(parseAddress('localhost:00080'), { host: 'localhost', port: 80 });
});

test('anything else says why, as the end of a sentence about what was given', () => {
  for (const bad of [
    '',
    ' ',
    'a b',
    'a b:5222',
    '::1',
    '::1:5222',
    'host:',
    'host:port',
    'a:b:c',
    '[::1',
    '[]:5222',
    '[a b]:1',
    ':5222',
    'host:-1',
    'scenarios/',
    'xmpp.example/x:5222',
    'romeo@localhost',
    'host?:1',
    'host#',
  ]) {
    assert.equal(parseAddress(bad), shape(bad), JSON.stringify(bad));
  }
  assert.equal(parseAddress('xmpp.example:0'), 'must have a port between 1 and 65535, not 0');
  assert.equal(parseAddress('xmpp.example:65536'), 'must have a port between 1 and 65535, not 65536');
  assert.equal(parseAddress('[::1]:99999999999'), 'must have a port between 1 and 65535, not 99999999999');
});

test('an address written back reads the same: an IPv6 host in brackets', () => {
  assert.equal(formatAddress({ host: '::1', port: 5223 }), '[::1]:5223');
  assert.equal(formatAddress({ host: 'xmpp.example', port: 5222 }), 'xmpp.example:5222');
  for (const address of [
    { host: '::1', port: 5223 },
    { host: 'fe80::1%eth0', port: 1 },
    { host: '127.0.0.1', port: 65535 },
  ]) {
    assert.deepEqual(parseAddress(formatAddress(address)), address);
  }
});

test('port 0 only where a socket listens and the system chooses its port', () => {
  assert.deepEqual(parseAddress('127.0.0.1:0', 0), { host: '127.0.0.1', port: 0 });
  assert.deepEqual(parseAddress('[::1]:0', 0), { host: '::1', port: 0 });
  assert.equal(parseAddress('127.0.0.1:70000', 0), 'must have a port between 0 and 65535, not 70000');
});

test('`scs run --server` reads it, and names the option in the usage error', () => {
  const options: RunCommandOptions = { sync: true, reporter: 'human', jobs: '1', maxQueue: '10000' };
  assert.deepEqual(runSettings({ ...options, server: '[::1]:5999' }).port, 5999);
  assert.equal(runSettings({ ...options, server: 'xmpp.example' }).port, 5222);
  assert.throws(() => runSettings({ ...options, server: 'a:b:c' }), { name: 'Error', message: `--server ${shape('a:b:c')}` });
  assert.throws(() => runSettings({ ...options, server: 'a:0' }), { message: '--server must have a port between 1 and 65535, not 0' });
});

test('a debug launch\'s "server" reads it as `scs run --server` does: host alone is port 5222', () => {
  const program = '/w/a.scs';
  assert.equal(launchProblem({ program, server: 'xmpp.example' }), undefined);
  assert.deepEqual(runOptionsOf({ program, server: 'xmpp.example' }, undefined), { tlsInsecure: false, ordered: false, host: 'xmpp.example', port: 5222 });
  assert.equal(launchProblem({ program, server: '[::1]:5333' }), undefined);
  assert.equal(runOptionsOf({ program, server: '[::1]:5333' }, undefined).host, '::1');
  assert.equal(launchProblem({ program, server: 'a b' }), `"server" ${shape('a b')}`);
  assert.equal(launchProblem({ program, server: 'a:70000' }), '"server" must have a port between 1 and 65535, not 70000');
  assert.equal(launchProblem({ program, server: 5222 as unknown as string }), '"server" must be a string, not 5222');
  assert.equal(launchProblem({ program, server: 'a b', localServer: true }), undefined, 'ignored with a local server');
});
