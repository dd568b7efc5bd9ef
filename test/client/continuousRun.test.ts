// Continuous run at the test controller's level: the default Run profile's handler
// (client/src/testing/testRun.ts runTests) given a continuous request, as VS Code calls it when the
// Test Explorer's watch toggle is on. Saves and settings changes come as VS Code's events
// (runHarness.ts's stand-in); each re-run is a test run of its own against a real Prosody. The
// scheduling rules alone are continuous.test.ts's; the real editor's watch toggle is e2e stage 17.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { character, handlesLeftAfter, openHandles, selfPresence } from '../runner/support.js';
import { fakeVscode, loadClient, memoryLog, runnerContext, TestRunRequest, type RecordedRun } from './runHarness.js';

let server: TestServer;
let dir: string;
before(async () => {
  server = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scansion-continuous-'));
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The step runs' timeout (seconds, `scansion.timeout`): a run only ends sooner when it is cut short. */
const timeoutSeconds = 30;

/** Polls `ready` until it holds; fails naming `what` after `ms`. */
async function until(ready: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Writes the two scenarios every test here runs: `quick` passes at once (Romeo's own presence),
 *  `slow` waits out its step timeout for a message nobody sends, so its run is one to cut short. */
function writeQuickAndSlow(quick: string, slow: string): void {
  writeFileSync(quick, `# Quick\n${character('Romeo', 'romeo')}${selfPresence}`);
  writeFileSync(slow, `# Slow\n${character('Juliet', 'juliet')}-----\nJuliet connects\n\nJuliet receives:\n\t<message><body>never sent</body></message>\n`);
}

/** The scansion.* settings of every test here: the test Prosody, never a local one, long step timeouts. */
const windowSettings = () => ({ 'server.host': server.host, 'server.port': server.port, localServer: 'never', timeout: timeoutSeconds });

const has = (run: RecordedRun, call: string, label: string) => run.calls.some(([name, item]) => name === call && item === label);
const included = (run: RecordedRun) => (run.request.include ?? []).map((item) => item.uri.path).sort();

test('a continuous run re-runs a saved scenario as a test run of its own; a re-save and a settings change cut the run in progress short; cancelling ends it all', async () => {
  const quick = join(dir, 'quick.scs');
  const slow = join(dir, 'slow.scs');
  writeQuickAndSlow(quick, slow);
  // The window's settings ('': folderSettings.test.ts has each folder's).
  const fake = fakeVscode({ '': windowSettings() }, [quick, slow]);
  const { ScenarioTests, runTests, RunTargets, CancellationTokenSource } = await loadClient(fake.vscode);
  const tests = new ScenarioTests();
  await tests.controller.resolveHandler!();
  const log = memoryLog();
  const targets = new RunTargets({ get: () => undefined, update: async () => {} }, log);
  const context = runnerContext(tests, targets, log);
  const handles = openHandles();
  const source = new CancellationTokenSource();
  const watching = runTests(context, new TestRunRequest(undefined, undefined, undefined, true), source.token, false);
  let ended = false;
  void watching.finally(() => (ended = true));

  await sleep(300);
  assert.equal(fake.runs.length, 0, 'nothing runs before a save');

  // A save runs that scenario, and only it, to its end.
  let next = fake.nextRun();
  fake.save(quick);
  const first = await next;
  assert.deepEqual(included(first), [quick]);
  await first.end;
  assert.ok(has(first, 'passed', 'Quick'), JSON.stringify([first.calls, first.messages, log.lines]));
  assert.ok(has(first, 'passed', 'Romeo receives <presence>'));
  assert.ok(!first.calls.some(([name]) => name === 'failed' || name === 'errored'), JSON.stringify(first.calls));

  // A save of the slow one starts a run that waits; saving it again cuts that run short at once.
  next = fake.nextRun();
  fake.save(slow);
  const second = await next;
  await until(() => has(second, 'started', 'Juliet receives <message>'), 'the slow step to start');
  next = fake.nextRun();
  const resaved = Date.now();
  fake.save(slow);
  await second.end;
  assert.ok(Date.now() - resaved < (timeoutSeconds * 1000) / 2, 'the outdated run ended well before its step timed out');
  assert.ok(!has(second, 'passed', 'Slow'));
  const third = await next;
  assert.deepEqual(included(third), [slow]);
  await until(() => has(third, 'started', 'Juliet receives <message>'), 'the re-run to reach the slow step');

  // A setting no run reads changes nothing; a run setting re-runs every scenario covered.
  fake.changeSettings('autoClosingTags');
  await sleep(400);
  assert.equal(fake.runs.length, 3);
  assert.equal(third.ended, false, 'the run in progress goes on');
  next = fake.nextRun();
  fake.changeSettings('timeout');
  await third.end;
  const fourth = await next;
  assert.deepEqual(included(fourth), [quick, slow].sort());
  await until(() => has(fourth, 'passed', 'Quick') && has(fourth, 'started', 'Juliet receives <message>'), 'the re-run of both');

  // Cancelling (the watch toggle off) aborts the run in progress; the handler resolves; saves run nothing more.
  const cancelled = Date.now();
  source.cancel();
  await watching;
  assert.ok(Date.now() - cancelled < (timeoutSeconds * 1000) / 2, 'the continuous run ended well before the step timed out');
  assert.equal(fourth.ended, true);
  assert.ok(!has(fourth, 'passed', 'Slow'));
  assert.equal(fake.saveListeners(), 0, 'no longer listening for saves');
  fake.save(quick);
  await sleep(400);
  assert.equal(fake.runs.length, 4);
  assert.ok(ended);
  assert.deepEqual(await handlesLeftAfter(handles), [], 'every connection closed');
  assert.ok(!log.lines.some((line) => line.startsWith('error')), log.lines.join('\n'));
});

test("in a workspace of two folders, a change of one folder's settings re-runs that folder's scenarios only, and leaves the other's run going", async () => {
  const [a, b] = [join(dir, 'folder-a'), join(dir, 'folder-b')];
  const [quick, slow] = [join(a, 'quick.scs'), join(b, 'slow.scs')];
  mkdirSync(a);
  mkdirSync(b);
  writeQuickAndSlow(quick, slow);
  const settings = windowSettings();
  const fake = fakeVscode({ '': settings, [a]: { ...settings }, [b]: { ...settings } }, [quick, slow]);
  const { ScenarioTests, runTests, RunTargets, CancellationTokenSource } = await loadClient(fake.vscode);
  const tests = new ScenarioTests();
  await tests.controller.resolveHandler!();
  const log = memoryLog();
  const context = runnerContext(tests, new RunTargets({ get: () => undefined, update: async () => {} }, log), log);
  const source = new CancellationTokenSource();
  const watching = runTests(context, new TestRunRequest(undefined, undefined, undefined, true), source.token, false);

  // Folder A's timeout changes: A's scenario runs, not B's.
  let next = fake.nextRun();
  fake.changeFolderSettings(a, 'timeout');
  const first = await next;
  assert.deepEqual(included(first), [quick]);
  await first.end;
  assert.ok(has(first, 'passed', 'Quick'), JSON.stringify([first.calls, log.lines]));

  // B's slow scenario runs; a change in A does not cut it short, a change in B does.
  next = fake.nextRun();
  fake.save(slow);
  const second = await next;
  await until(() => has(second, 'started', 'Juliet receives <message>'), 'the slow step to start');
  fake.changeFolderSettings(a, 'sync');
  await sleep(400);
  assert.equal(second.ended, false, 'a change in the other folder leaves the run going');
  next = fake.nextRun();
  const changed = Date.now();
  fake.changeFolderSettings(b, 'server.port');
  await second.end;
  assert.ok(Date.now() - changed < (timeoutSeconds * 1000) / 2, 'cut short well before its step timed out');
  const third = await next;
  assert.deepEqual(included(third), [quick, slow].sort(), "A's re-run waited for B's run; B's runs again");

  source.cancel();
  await watching;
  assert.ok(!log.lines.some((line) => line.startsWith('error')), log.lines.join('\n'));
});

test('a target chosen in the status bar re-runs the covered scenarios it sends elsewhere, cutting short a run to the old one; a choice that changes nothing re-runs nothing', async () => {
  const quick = join(dir, 'target-quick.scs');
  const slow = join(dir, 'target-slow.scs');
  writeQuickAndSlow(quick, slow);
  const fake = fakeVscode({ '': windowSettings() }, [quick, slow]);
  const { ScenarioTests, runTests, RunTargets, CancellationTokenSource } = await loadClient(fake.vscode);
  const tests = new ScenarioTests();
  await tests.controller.resolveHandler!();
  const log = memoryLog();
  // The workspace state keeps the choice, as the extension's does.
  const state = new Map<string, unknown>();
  const targets = new RunTargets({ get: (key: string) => state.get(key), update: async (key: string, value: unknown) => void state.set(key, value) }, log);
  const source = new CancellationTokenSource();
  const watching = runTests(runnerContext(tests, targets, log), new TestRunRequest(undefined, undefined, undefined, true), source.token, false);

  // The slow scenario runs against the configured server (STARTTLS, certificate checked).
  let next = fake.nextRun();
  fake.save(slow);
  const first = await next;
  await until(() => has(first, 'started', 'Juliet receives <message>'), 'the slow step to start');

  // The same server chosen with the same TLS mode sends nothing elsewhere: the run goes on.
  await targets.choose({ kind: 'host', host: server.host, port: server.port, tls: 'starttls' });
  await sleep(400);
  assert.equal(first.ended, false, 'a choice that changes nothing leaves the run going');
  assert.equal(fake.runs.length, 1);

  // Another TLS mode does: the run to the old target is cut short, and every covered scenario runs again.
  next = fake.nextRun();
  const chosen = Date.now();
  await targets.choose({ kind: 'host', host: server.host, port: server.port, tls: 'insecure' });
  await Promise.race([first.end, sleep(20_000)]);
  assert.ok(first.ended, 'the run to the old target was cut short');
  assert.ok(Date.now() - chosen < (timeoutSeconds * 1000) / 2, 'cut short well before its step timed out');
  const second = await Promise.race([next, sleep(20_000).then(() => assert.fail('timed out waiting for the re-run after the choice'))]);
  assert.deepEqual(included(second), [quick, slow].sort());
  await until(() => has(second, 'passed', 'Quick') && has(second, 'started', 'Juliet receives <message>'), 'the re-run of both');
  assert.ok(
    log.lines.some((line) => line.includes(`against ${server.host}:${server.port} (STARTTLS, any certificate accepted)`)),
    log.lines.join('\n'),
  );

  source.cancel();
  await watching;
  assert.ok(!log.lines.some((line) => line.startsWith('error')), log.lines.join('\n'));
});
