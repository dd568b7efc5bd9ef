// `scansion.server.host` written as `host:port` (a common slip, and what `scs run --server` takes):
// read by core/address.ts's rule (client/src/run/target.ts readSettings). The port written there is
// used unless `scansion.server.port` is set to another one; that, and a host that is no address,
// stop runs, debug sessions and recordings with a sentence that says why (targetProblem). The
// Settings editor flags the same values as they are typed (the manifest's pattern).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAddress } from '../../core/address.js';
import { readSettings, runTarget, targetProblem, withChoice } from '../../client/src/run/target.js';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { character, selfPresence } from '../runner/support.js';
import { fakeVscode, loadClient, memoryLog, runnerContext, TestRunRequest } from './runHarness.js';
import { repoRoot } from './withVscode.js';

/** readSettings over `values` (keys without `scansion.`); a key is set when it has a value. */
const read = (values: Record<string, unknown>) => readSettings((key) => values[key]);

test('a host setting with a port: that port, unless scansion.server.port is set to another', () => {
  assert.deepEqual(runTarget(read({ 'server.host': 'xmpp.example.net:5223' }), false), { kind: 'remote', host: 'xmpp.example.net', port: 5223 });
  assert.deepEqual(runTarget(read({ 'server.host': ' [::1]:5333 ' }), false), { kind: 'remote', host: '::1', port: 5333 });
  assert.deepEqual(runTarget(read({ 'server.host': '[::1]', 'server.port': 5444 }), false), { kind: 'remote', host: '::1', port: 5444 });
  assert.deepEqual(runTarget(read({ 'server.host': 'xmpp.example.net', 'server.port': 5444 }), false), {
    kind: 'remote',
    host: 'xmpp.example.net',
    port: 5444,
  });
  // Set to the same port: no contradiction.
  const same = read({ 'server.host': 'xmpp.example.net:5223', 'server.port': 5223 });
  assert.equal(targetProblem(same, false), undefined);
  assert.deepEqual(runTarget(same, false), { kind: 'remote', host: 'xmpp.example.net', port: 5223 });
  // readSettings' `isSet` tells a port written in the settings from the default VS Code answers with.
  const defaulted = readSettings(
    (key) => ({ 'server.host': 'xmpp.example.net:5223', 'server.port': 5222 })[key],
    (key) => key !== 'server.port',
  );
  assert.deepEqual(runTarget(defaulted, false), { kind: 'remote', host: 'xmpp.example.net', port: 5223 });
  assert.equal(targetProblem(defaulted, false), undefined);
});

test('a port contradicted by scansion.server.port, or a host that is no address, stops a run against it with why', () => {
  const contradicted = read({ 'server.host': 'xmpp.example.net:5223', 'server.port': 5224 });
  assert.equal(targetProblem(contradicted, false), 'scansion.server.host names port 5223 and scansion.server.port says 5224: keep the port in one of them');
  assert.equal(targetProblem(read({ 'server.host': 'xmpp://xmpp.example.net' }), false)?.startsWith('scansion.server.host must be HOST or HOST:PORT'), true);
  assert.equal(targetProblem(read({ 'server.host': 'xmpp.example.net:99999' }), false), 'scansion.server.host must have a port between 1 and 65535, not 99999');
  // Where the host is not used, nothing stops: a local Prosody, or a host chosen in the status bar.
  const bad = read({ 'server.host': 'a b', localServer: 'always' });
  assert.equal(targetProblem(bad, false), undefined);
  assert.equal(targetProblem(contradicted, true), undefined, 'the "Run against local Prosody" profile');
  const chosen = withChoice(contradicted, { kind: 'host', host: 'other.example', port: 5222, tls: 'starttls' });
  assert.equal(targetProblem(chosen, false), undefined);
  assert.ok(!('hostProblem' in chosen));
});

test("the Settings editor's pattern for scansion.server.host accepts what readSettings accepts", () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const { pattern, patternErrorMessage } = manifest.contributes.configuration.properties['scansion.server.host'];
  assert.ok(patternErrorMessage);
  const samples = [
    '',
    ' ',
    'localhost',
    'xmpp.example.net:5223',
    '127.0.0.1:5222',
    '[::1]',
    '[::1]:5222',
    ' host ',
    'a b',
    'xmpp://host',
    'host/path',
    'user@host',
    '::1',
    'host:',
    ':5222',
    'host:port',
    '[::1',
  ];
  // VS Code builds the expression with or without the `u` flag depending on its version: both agree.
  for (const flags of ['', 'u']) {
    const expression = new RegExp(pattern, flags);
    for (const sample of samples) {
      // The empty setting is allowed (a local Prosody); the port's range is readSettings' to say.
      const accepted = sample.trim() === '' || typeof parseAddress(sample) !== 'string';
      assert.equal(expression.test(sample), accepted, `${JSON.stringify(sample)} with flags "${flags}"`);
    }
  }
});

let server: TestServer;
let dir: string;
before(async () => {
  server = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scansion-host-setting-'));
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a run with scansion.server.host "HOST:PORT" goes to that server; with a contradicting port it is refused, saying why', async () => {
  const file = join(dir, 'greeting.scs');
  writeFileSync(file, `# Greeting\n${character('Romeo', 'romeo')}${selfPresence}`);
  const runWith = async (settings: Record<string, unknown>) => {
    const fake = fakeVscode({ '': { ...settings, localServer: 'auto' } }, [file]);
    const { ScenarioTests, runTests, RunTargets, CancellationTokenSource } = await loadClient(fake.vscode);
    const tests = new ScenarioTests();
    await tests.controller.resolveHandler!();
    const log = memoryLog();
    const context = runnerContext(tests, new RunTargets({ get: () => undefined, update: async () => {} }, log), log);
    const next = fake.nextRun();
    await runTests(context, new TestRunRequest(), new CancellationTokenSource().token, false);
    return { run: await next, log };
  };

  const address = `${server.host}:${server.port}`;
  const passing = await runWith({ 'server.host': address });
  assert.ok(
    passing.run.calls.some(([call, label]) => call === 'passed' && label === 'Greeting'),
    JSON.stringify([passing.run.calls, passing.log.lines]),
  );
  assert.ok(
    passing.log.lines.some((line) => line.includes(`against ${address}`)),
    passing.log.lines.join('\n'),
  );

  const other = server.port === 5222 ? 5223 : 5222;
  const refused = await runWith({ 'server.host': address, 'server.port': other });
  // The item is labelled by its file name: it was never parsed for a run.
  assert.deepEqual(refused.run.messages, [
    ['greeting.scs', [`Could not run: scansion.server.host names port ${server.port} and scansion.server.port says ${other}: keep the port in one of them`]],
  ]);
  assert.ok(
    refused.log.lines.some((line) => line.startsWith('error Run: could not run: scansion.server.host names port')),
    refused.log.lines.join('\n'),
  );
});
