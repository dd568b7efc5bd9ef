// Running a scenario up to a step (RunOptions.stopAfter) against a real Prosody: the steps up to
// and including it run as in a full run, every later one is skipped and says why, and no
// connection is left open.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../../core/runner/index.js';
import type { RunEvent, ScenarioResult } from '../../core/results.js';
import { startTestProsody, type TestServer } from './prosody.js';
import { character, handlesLeftAfter, lineOf, openHandles, scenario } from './support.js';

let server: TestServer;
before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
});

const options = () => ({ host: server.host, port: server.port, timeoutMs: 2000, quietMs: 200 });

// Steps: 0 Romeo connects, 1 Juliet connects, 2 Romeo sends, 3 Romeo receives (his presence),
// 4 Romeo receives (the message: grouped with 3), 5 Juliet sends, 6 Juliet disconnects, 7 Romeo disconnects.
const text = `# Two clients

${character('Romeo', 'romeo')}
${character('Juliet', 'juliet')}
-----
Romeo connects

Juliet connects

Romeo sends:
	<presence/>
	<message to="\${Romeo's full JID}" type="chat"><body>to self</body></message>

Romeo receives:
	<presence from="\${Romeo's full JID}"/>

Romeo receives:
	<message type="chat"><body>to self</body></message>

Juliet sends:
	<message to="\${Romeo's full JID}" type="chat"><body>never read</body></message>

Juliet disconnects

Romeo disconnects
`;

const statuses = (result: ScenarioResult) => result.steps.map((step) => step.status);

describe('runScenario with stopAfter', () => {
  test('runs up to and including the step, skips the rest with the reason, and closes every connection', async () => {
    const handles = openHandles();
    const events: RunEvent[] = [];
    const parsed = scenario(text);
    const result = await runScenario(parsed, 'to.scs', { ...options(), stopAfter: 2 }, (event) => events.push(event));
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
    assert.deepEqual(statuses(result), ['passed', 'passed', 'passed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    const line = lineOf(text, 'Romeo sends:');
    assert.deepEqual(result.stoppedAfter, { index: 2, line });
    for (const step of result.steps.slice(3)) assert.equal(step.skipReason, `not run: the run stopped after step 3 (line ${line})`);
    for (const step of result.steps.slice(0, 3)) assert.equal(step.skipReason, undefined);
    // Only the steps that ran start and end.
    assert.deepEqual(
      events.filter((event) => event.event === 'stepStart').map((event) => (event as { index: number }).index),
      [0, 1, 2],
    );
    // What the server sent back and no step read is kept in the transcript, as at a scenario's end.
    assert.ok(result.transcript.some((entry) => entry.character === 'Romeo' && entry.direction === 'sent' && /to self/.test(entry.text)));
    assert.deepEqual(await handlesLeftAfter(handles), []);
  });

  test('a receives stopped at passes as in a full run, its group with the next receives notwithstanding', async () => {
    const result = await runScenario(scenario(text), 'group.scs', { ...options(), stopAfter: 3 });
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
    assert.deepEqual(statuses(result).slice(0, 5), ['passed', 'passed', 'passed', 'passed', 'skipped']);
    assert.equal(result.stoppedAfter?.line, text.split('\n').indexOf('Romeo receives:') + 1);
    // The step took the presence; the message, when it arrived before the end, is kept as unconsumed.
    const received = result.transcript.filter((entry) => entry.character === 'Romeo' && entry.direction === 'received');
    const taken = received.filter((entry) => entry.stepIndex === 3);
    assert.equal(taken.length, 1);
    assert.match(taken[0].text, /^<presence/);
    assert.ok(
      received.every((entry) => entry.stepIndex === 3 || (entry.stepIndex === undefined && /to self/.test(entry.text))),
      JSON.stringify(received),
    );
  });

  test('the last step, or none past it: a full run, with no stoppedAfter', async () => {
    for (const stopAfter of [7, 99]) {
      const result = await runScenario(scenario(text), 'all.scs', { ...options(), stopAfter });
      assert.equal(result.status, 'passed', JSON.stringify(result.failure));
      assert.ok(result.steps.every((step) => step.status === 'passed'));
      assert.equal(result.stoppedAfter, undefined);
    }
  });

  test('a step that fails before the chosen one stops the run there, and the later steps name it', async () => {
    const broken = text.replace('<body>to self</body></message>\n\nJuliet', '<body>something else</body></message>\n\nJuliet');
    const result = await runScenario(scenario(broken), 'fails.scs', { ...options(), timeoutMs: 500, stopAfter: 6 });
    assert.equal(result.status, 'failed');
    assert.equal(result.stoppedAfter, undefined);
    assert.deepEqual(statuses(result), ['passed', 'passed', 'passed', 'passed', 'failed', 'skipped', 'skipped', 'skipped']);
    const line = result.steps[4].actionRange.start.line + 1;
    for (const step of result.steps.slice(5)) assert.equal(step.skipReason, `not run: step 5 (line ${line}) did not pass`);
  });

  test('a cancelled run says so on the steps it did not reach', async () => {
    const abort = new AbortController();
    const result = await runScenario(
      scenario(text),
      'cancel.scs',
      options(),
      (event) => {
        if (event.event === 'stepEnd' && event.step.index === 1) abort.abort();
      },
      abort.signal,
    );
    assert.equal(result.steps[2].failure?.kind, 'cancelled');
    const line = result.steps[2].actionRange.start.line + 1;
    assert.equal(result.steps[3].skipReason, `not run: the run was cancelled during step 3 (line ${line})`);
  });

  test('a refused file: every step says why, with the gate message', async () => {
    const refused = text.replace('Juliet disconnects', 'Mercutio disconnects');
    const result = await runScenario(scenario(refused), 'refused.scs', { ...options(), stopAfter: 1 });
    assert.equal(result.status, 'errored');
    assert.equal(result.stoppedAfter, undefined);
    assert.ok(result.steps.every((step) => step.status === 'skipped' && step.skipReason === result.failure?.message));
    assert.match(result.failure!.message, /^not run: 1 error in the file, at line \d+: /);
  });
});
