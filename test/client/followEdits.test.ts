// The code lenses and the quick fix of a failed step follow the edits made since the run: they
// read LastResults.failedSteps (client/src/diff/failureActions.ts), whose ranges move with each
// change the editor reports (client/src/run/followEdits.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Range } from '../../core/model.js';
import { parseScenario } from '../../core/parser/index.js';
import type { ScenarioResult } from '../../core/results.js';
import { moveRange, type ContentChange } from '../../client/src/run/followEdits.js';
import { LastResults } from '../../client/src/run/lastResults.js';

const uri = 'file:///greeting.scs';
const text = [
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '-----',
  'Romeo connects',
  'Romeo sends:',
  '\t<presence/>',
  'Romeo receives:',
  '\t<presence type="unavailable"/>',
  '',
].join('\n');

/** A run of `text` whose last step (the receives) failed, as the runner reports it. */
function failedRun(): ScenarioResult {
  const scenario = parseScenario(text);
  const last = scenario.steps.length - 1;
  return {
    file: '/greeting.scs',
    status: 'failed',
    durationMs: 10,
    boundJids: {},
    transcript: [],
    steps: scenario.steps.map((step) => ({
      index: step.index,
      range: step.range,
      actionRange: step.actionRange,
      status: step.index === last ? 'failed' : 'passed',
      durationMs: 1,
      ...(step.index === last && {
        failure: { kind: 'mismatch' as const, range: step.actionRange, message: 'presence@type', expected: '<presence/>', actual: '<presence/>' },
      }),
    })),
  };
}

const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, newText: string): ContentChange => ({
  range: { start: at(line, character), end: at(line, character) },
  text: newText,
});
const lines = (range: Range) => [range.start.line, range.end.line];

test('the lens of a failed step follows lines added and removed above it', () => {
  const results = new LastResults();
  results.set({ uri, result: failedRun() });
  assert.deepEqual(
    results.failedSteps(uri).map((step) => lines(step.actionRange)),
    [[6, 6]],
  );

  // Two comment lines typed above the first step: the failed step moves down two lines.
  results.followEdits(uri, [insert(3, 0, '# Romeo says hello\n# and goes\n')]);
  const [moved] = results.failedSteps(uri);
  assert.deepEqual(lines(moved!.actionRange), [8, 8]);
  assert.deepEqual(lines(moved!.range), [8, 9], 'the step with its block, for the quick fix');
  assert.equal(results.step(uri, moved!.index)?.actionRange.start.line, 8, 'Accept finds the step where it is now');

  // One of them deleted again (Backspace over a whole line).
  results.followEdits(uri, [{ range: { start: at(3, 0), end: at(4, 0) }, text: '' }]);
  assert.deepEqual(lines(results.failedSteps(uri)[0]!.actionRange), [7, 7]);
});

test('an edit below or inside the step leaves its action line; one that replaces the line drops the lens', () => {
  const results = new LastResults();
  results.set({ uri, result: failedRun() });
  results.followEdits(uri, [insert(8, 0, 'Romeo disconnects\n')]);
  assert.deepEqual(lines(results.failedSteps(uri)[0]!.actionRange), [6, 6]);
  // A new line inside its block: the step grows, its action line stays.
  results.followEdits(uri, [insert(7, 31, '\n\t<presence/>')]);
  assert.deepEqual(lines(results.failedSteps(uri)[0]!.range), [6, 8]);
  // The action line itself selected and retyped: no longer the step that failed.
  results.followEdits(uri, [{ range: { start: at(6, 0), end: at(6, 15) }, text: 'Romeo sends:' }]);
  assert.deepEqual(results.failedSteps(uri), []);
  assert.equal(results.step(uri, 2), undefined);
});

test('the stored run is a copy: moving it leaves the reported result alone', () => {
  const run = failedRun();
  const results = new LastResults();
  results.set({ uri, result: run });
  results.followEdits(uri, [insert(0, 0, '\n')]);
  assert.equal(run.steps[2]!.actionRange.start.line, 6);
  assert.equal(results.failedSteps(uri)[0]!.actionRange.start.line, 7);
});

test('moveRange: changes on the same line move the characters after them; several changes apply in order', () => {
  const range = { start: at(2, 4), end: at(2, 10) };
  assert.deepEqual(moveRange(range, insert(2, 0, 'ab')), { start: at(2, 6), end: at(2, 12) });
  assert.deepEqual(moveRange(range, insert(2, 10, 'x')), { start: at(2, 4), end: at(2, 11) }, 'typing at its end stretches it');
  assert.deepEqual(moveRange(range, insert(2, 2, 'a\nb')), { start: at(3, 3), end: at(3, 9) });
  assert.deepEqual(moveRange(range, { range: { start: at(1, 0), end: at(2, 2) }, text: '' }), { start: at(1, 2), end: at(1, 8) });
  assert.equal(moveRange(range, { range: { start: at(2, 3), end: at(2, 5) }, text: '' }), undefined);
  const results = new LastResults();
  results.set({ uri, result: failedRun() });
  // VS Code reports a multi-cursor edit from the bottom up: each change in the text the one before left.
  results.followEdits(uri, [insert(5, 0, '\n'), insert(1, 0, '\n')]);
  assert.equal(results.failedSteps(uri)[0]!.actionRange.start.line, 8);
});
