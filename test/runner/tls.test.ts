// STARTTLS against a Prosody that requires encryption, with a self-signed certificate: checked
// by default (the run fails at connects, naming the certificate problem), accepted with tlsInsecure.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { runScenario } from '../../core/runner/index.js';
import { character, handlesLeftAfter, lineOf, openHandles, scenario, selfPresence } from './support.js';

let dir: string;
let server: LocalProsody;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scs-runner-tls-'));
  const key = join(dir, 'localhost.key');
  const certificate = join(dir, 'localhost.crt');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', key, '-out', certificate],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
  const template = join(dir, 'prosody.cfg.lua');
  writeFileSync(
    template,
    `modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; }
modules_disabled = { "s2s" }
c2s_require_encryption = true
authentication = "insecure"
insecure_open_authentication = "Yes please, I know what I'm doing!"
storage = "memory"
ssl = { certificate = "${certificate}"; key = "${key}"; }
VirtualHost "localhost"
`,
  );
  server = await startProsody({ configTemplate: template });
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const text = `${character('Romeo', 'romeo')}
${selfPresence}`;

test('a self-signed certificate fails at connects when certificates are checked', async () => {
  const before = openHandles();
  const result = await runScenario(scenario(text), 'tls.scs', { port: server.port, timeoutMs: 5000 });
  assert.equal(result.failure?.kind, 'connection');
  assert.equal(result.failure?.range.start.line, lineOf(text, 'Romeo connects') - 1);
  assert.match(result.failure!.message, /^TLS certificate check failed for 127\.0\.0\.1:\d+: self[- ]signed certificate .*--tls-insecure/);
  assert.deepEqual(await handlesLeftAfter(before), []);
});

test('with tlsInsecure the same server is reached over TLS and the scenario passes', async () => {
  const before = openHandles();
  // The server requires encryption: logging in at all proves STARTTLS happened.
  const result = await runScenario(scenario(text), 'tls.scs', { port: server.port, timeoutMs: 5000, tlsInsecure: true });
  assert.equal(result.status, 'passed', JSON.stringify(result.failure));
  assert.match(result.boundJids.Romeo, /^romeo@localhost\//);
  assert.deepEqual(await handlesLeftAfter(before), []);
});
