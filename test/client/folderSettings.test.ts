// Runs and the status bar read the `scansion.*` settings of the scenario's workspace folder
// (vscode.workspace.getConfiguration('scansion', uri)), not the window's: in a workspace of two
// folders, one test run of both runs each folder's scenarios against that folder's server, with
// that folder's options. Driven as VS Code calls the Run profile (runHarness.ts), against a real
// Prosody and a port where nothing listens.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { character, freePort, selfPresence } from '../runner/support.js';
import { fakeVscode, loadClient, memoryLog, runnerContext, TestRunRequest } from './runHarness.js';

let server: TestServer;
let dir: string;
before(async () => {
  server = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scansion-folders-'));
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("one run over two workspace folders runs each folder's scenarios with that folder's settings; the status bar names the active scenario's", async () => {
  const closed = await freePort();
  const [a, b] = [join(dir, 'a'), join(dir, 'b')];
  const [inA, inB] = [join(a, 'greeting.scs'), join(b, 'greeting.scs')];
  for (const [folder, file, title] of [
    [a, inA, 'In A'],
    [b, inB, 'In B'],
  ]) {
    mkdirSync(folder);
    writeFileSync(file, `# ${title}\n${character('Romeo', 'romeo')}${selfPresence}`);
  }
  const fake = fakeVscode(
    {
      // The window's settings would run both against the Prosody, with the defaults.
      '': { 'server.host': server.host, 'server.port': server.port, localServer: 'never' },
      [a]: { 'server.host': server.host, 'server.port': server.port, localServer: 'never', timeout: 2, ordered: true, tls: 'insecure' },
      [b]: { 'server.host': '127.0.0.1', 'server.port': closed, localServer: 'never' },
    },
    [inA, inB],
  );
  const { ScenarioTests, runTests, RunTargets, CancellationTokenSource } = await loadClient(fake.vscode);
  const tests = new ScenarioTests();
  await tests.controller.resolveHandler!();
  const log = memoryLog();
  const targets = new RunTargets({ get: () => undefined, update: async () => {} }, log);
  const context = runnerContext(tests, targets, log);

  const next = fake.nextRun();
  await runTests(context, new TestRunRequest(), new CancellationTokenSource().token, false);
  const run = await next;
  assert.ok(
    run.calls.some(([call, label]) => call === 'passed' && label === 'In A'),
    JSON.stringify(run.calls),
  );
  assert.ok(run.calls.some(([call, label]) => call === 'errored' && label === 'In B'));
  assert.deepEqual(run.messages, [
    ['Romeo connects', [`connection refused at 127.0.0.1:${closed}`]],
    ['In B', []],
  ]);
  assert.ok(run.ended);
  const starts = log.lines.filter((line) => line.startsWith('info Run:'));
  assert.deepEqual(starts, [
    `info Run: 1 scenario against ${server.host}:${server.port} (STARTTLS, any certificate accepted); timeout 2 s, quiet period 0.3 s, sync on, receives in the order written.`,
    `info Run: 1 scenario against 127.0.0.1:${closed} (STARTTLS, certificate checked); timeout 5 s, quiet period 0.3 s, sync on, receives grouped.`,
  ]);

  // The status bar: the window's target until a scenario is active, then that scenario's folder's;
  // another kind of file leaves it on the last scenario's.
  let changes = 0;
  targets.onDidChange(() => changes++);
  assert.equal(targets.shownSettings().port, server.port);
  assert.equal(targets.shownSettings().timeoutMs, 5000);
  fake.activate(inA);
  assert.equal(targets.shownSettings().timeoutMs, 2000);
  fake.activate(inB);
  assert.equal(targets.shownSettings().port, closed);
  fake.activate(join(b, 'README.md'), 'markdown');
  fake.activate(inB);
  assert.equal(targets.shownSettings().port, closed);
  assert.equal(changes, 2, 'told once per scenario that became active');
  targets.dispose();
});
