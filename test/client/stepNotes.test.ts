// client/src/run/stepNotes.ts: the grey one-line note after each step, and when it shows
// (setting scansion.stepNotes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import type { ScenarioResult, StepResult, TranscriptEntry } from '../../core/results.js';
import { stepNote, StepNotes } from '../../client/src/run/stepNotes.js';

const scenario = parseScenario(`# Notes

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

-----

Romeo connects

Romeo sends:
\t<message type="groupchat" to="room@conference.localhost"><body>Hi</body></message>

Romeo receives:
\t<message type="groupchat"/>

Romeo receives: nothing

Romeo disconnects
`);
const [connects, sends, receives, nothing, disconnects] = scenario.steps;

function result(index: number, status: StepResult['status'], durationMs: number): StepResult {
  const step = scenario.steps[index]!;
  return { index, actionRange: step.actionRange, range: step.range, status, durationMs };
}
const entry = (stepIndex: number, direction: TranscriptEntry['direction'], text: string, brief?: string): TranscriptEntry => ({
  timeMs: 1,
  character: 'Romeo',
  direction,
  text,
  stepIndex,
  ...(brief ? { brief } : {}),
});

test('one line per verb: what was sent, received, passed over or happened, and how long it took', () => {
  assert.equal(stepNote(connects!, result(0, 'passed', 8.4), [entry(0, 'event', 'connected as romeo@localhost/a1')]), 'connected as romeo@localhost/a1 (8 ms)');
  assert.equal(
    stepNote(sends!, result(1, 'passed', 20), [entry(1, 'sent', '<message …>', '<message type=groupchat to=…>')]),
    'sent <message type=groupchat to=…> (20 ms)',
  );
  assert.equal(
    stepNote(receives!, result(2, 'passed', 1530), [
      entry(2, 'passed-over', '<presence/>', '<presence>'),
      entry(2, 'passed-over', '<presence/>', '<presence>'),
      entry(2, 'received', '<message/>', '<message type=groupchat from=…>'),
      entry(2, 'received', '<message/>', '<message type=groupchat from=…>'),
    ]),
    'received <message type=groupchat from=…> and 1 more, 2 passed over (1.5 s)',
  );
  assert.equal(stepNote(nothing!, result(3, 'passed', 300), []), 'nothing arrived (300 ms)');
  assert.equal(stepNote(disconnects!, result(4, 'passed', 2), [entry(4, 'event', 'disconnected')]), 'disconnected (2 ms)');
  assert.equal(stepNote(receives!, result(2, 'failed', 5000), []), undefined, 'a failed step shows its reason instead');
  assert.equal(stepNote(receives!, result(2, 'skipped', 0), []), undefined);
});

function run(mode: 'always' | 'failedRuns' | 'never', status: ScenarioResult['status']) {
  const notes = new StepNotes(mode, scenario.steps);
  notes.transcript(entry(0, 'event', 'connected as romeo@localhost/a1'));
  notes.transcript(entry(1, 'sent', '<message/>', '<message type=groupchat to=…>'));
  const live = [notes.stepEnded(result(0, 'passed', 8)), notes.stepEnded(result(1, 'passed', 20))].filter((note) => note !== undefined);
  const atEnd = notes.scenarioEnded({ file: 's.scs', status, durationMs: 40, steps: [], transcript: [], boundJids: {} });
  return { live: live.map((note) => note.text), atEnd: atEnd.map((note) => note.text), ranges: [...live, ...atEnd].map((note) => note.range.start.line) };
}

test('failedRuns (the default): nothing while the run goes, every note at the end of a run that did not pass', () => {
  assert.deepEqual(run('failedRuns', 'passed'), { live: [], atEnd: [], ranges: [] });
  const failed = run('failedRuns', 'failed');
  assert.deepEqual(failed.live, []);
  assert.deepEqual(failed.atEnd, ['connected as romeo@localhost/a1 (8 ms)', 'sent <message type=groupchat to=…> (20 ms)']);
  assert.deepEqual(failed.ranges, [connects!.actionRange.start.line, sends!.actionRange.start.line], 'each at its step’s action line');
});

test('always: each note as its step ends; never: none', () => {
  assert.deepEqual(run('always', 'passed').live, ['connected as romeo@localhost/a1 (8 ms)', 'sent <message type=groupchat to=…> (20 ms)']);
  assert.deepEqual(run('always', 'failed').atEnd, []);
  assert.deepEqual(run('never', 'failed'), { live: [], atEnd: [], ranges: [] });
});
