// A scenario without steps (an empty file, definitions alone) checks nothing: it gets the `no-steps`
// warning (core/diagnostics/noSteps.ts), and every run reports it as not run, never as a pass
// (core/gate.ts): the runner's API, the Test Explorer's tree, `scs run` (built CLI, real Prosody
// for the scenario beside it that does run), and the incremental diagnostics as steps come and go.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IncrementalParser, parseScenario } from '../../core/parser/index.js';
import { diagnose, IncrementalDiagnostics } from '../../core/diagnostics/index.js';
import { runGate } from '../../core/gate.js';
import { runScenario } from '../../core/runner/index.js';
import { scenarioTree } from '../../core/testTree.js';
import { mapResult } from '../../client/src/testing/resultMapping.js';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { silentServer } from '../runner/support.js';
import { jsonLines, passing, runBuilt } from '../cli/support.js';

const definitionsAlone = '# Steps to come\n[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n-----\n';
const message = 'not run: the file has no steps, so it would check nothing';

test('an empty file and one with definitions alone are refused by the gate, at their first line, with the no-steps warning', () => {
  for (const text of ['', '\n\n', definitionsAlone, '# Only a comment\n']) {
    const scenario = parseScenario(text);
    const refusal = runGate(scenario);
    assert.ok(refusal, JSON.stringify(text));
    assert.equal(refusal.message, message);
    assert.deepEqual(
      refusal.problems.map((problem) => [problem.code, problem.severity, problem.range.start.line]),
      [['no-steps', 'warning', 0]],
    );
    // A file with nothing in it yet is no test (core/testTree.ts); one with definitions shows why it does not run.
    if (text === definitionsAlone) assert.equal(scenarioTree(scenario)?.error, message, 'the Test Explorer shows it before any run');
    else assert.equal(scenarioTree(scenario), undefined);
  }
  // Errors say more than the missing steps: they come first.
  const misspelt = runGate(parseScenario(`${definitionsAlone}Romeo conects\n`));
  assert.match(misspelt?.message ?? '', /^not run: 1 error in the file, at line 6: /);
  assert.equal(runGate(parseScenario(`${definitionsAlone}Romeo connects\n`)), undefined, 'one step is enough');
});

test('the runner API reports it as not run (errored), opening no connection; the Test Explorer shows it errored', async () => {
  const server = await silentServer();
  try {
    const result = await runScenario(parseScenario(definitionsAlone), 'todo.scs', { host: '127.0.0.1', port: server.port, timeoutMs: 2000 });
    assert.equal(result.status, 'errored');
    assert.equal(result.failure?.kind, 'not-run');
    assert.equal(result.failure?.message, message);
    assert.equal(server.connections(), 0);
    const outcome = mapResult(result).at(-1)!;
    assert.equal(outcome.status, 'errored');
    assert.deepEqual(
      outcome.messages.map((item) => item.text),
      [message],
    );
  } finally {
    await server.close();
  }
});

test('the no-steps warning comes and goes as the last step is deleted and typed again, as diagnose() gives it', () => {
  const full = `${definitionsAlone}Romeo connects\nRomeo sends:\n\t<presence/>\nRomeo disconnects\n`;
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  const lines = full.split('\n');
  const versions: string[] = [];
  for (let kept = lines.length; kept >= 5; kept--) versions.push(lines.slice(0, kept).join('\n'));
  versions.push(...[...versions].reverse());
  versions.push('', full, '');
  for (const text of versions) {
    const got = diagnostics.update(parser.parse(text), parser.lastEdit);
    assert.deepEqual(got, diagnose(parseScenario(text)), text);
    assert.equal(
      got.some((item) => item.code === 'no-steps'),
      parseScenario(text).steps.length === 0,
      text,
    );
  }
});

let prosody: TestServer;
let dir: string;
before(async () => {
  prosody = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scs-no-steps-'));
});
after(async () => {
  await prosody?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('scs check warns (exit 0); scs run reports it not run beside a scenario that passes (exit 2), in every reporter', async () => {
  const cli = resolve('dist/cli.js');
  const empty = join(dir, 'empty.scs');
  const greeting = join(dir, 'greeting.scs');
  writeFileSync(empty, '');
  writeFileSync(greeting, passing('Greeting'));
  const checked = await runBuilt(cli, ['check', empty]);
  assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout, /empty\.scs:1:1: warning no-steps: No steps: this scenario checks nothing/);

  const server = `${prosody.host}:${prosody.port}`;
  const human = await runBuilt(cli, ['run', empty, greeting, '--server', server]);
  assert.equal(human.code, 2, human.stdout + human.stderr);
  assert.match(human.stdout, /empty\.scs not run\n.*warning no-steps/);
  assert.match(human.stdout, /2 scenarios: 1 passed, 0 failed, 1 errored/);

  const json = await runBuilt(cli, ['run', empty, greeting, '--server', server, '--reporter', 'json']);
  const ends = jsonLines(json.stdout).filter((line) => line.event === 'scenarioEnd' || line.event === 'notRun');
  assert.ok(
    ends.some((line) => JSON.stringify(line).includes(message)),
    json.stdout,
  );
  const junit = await runBuilt(cli, ['run', empty, '--server', server, '--reporter', 'junit']);
  assert.match(junit.stdout, /<error message="not run: the file has no steps, so it would check nothing"/);
  const tap = await runBuilt(cli, ['run', empty, '--server', server, '--reporter', 'tap']);
  assert.match(tap.stdout, /not ok 1 - .*empty\.scs/);
});
