// client/src/testing/resultMapping.ts: run results as per-item outcomes, test messages and
// transcript lines. The last test runs a real scenario against a real Prosody.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Range } from '../../core/model.js';
import type { ScenarioResult, StepResult } from '../../core/results.js';
import { parseScenario } from '../../core/parser/index.js';
import { runScenario } from '../../core/runner/index.js';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { mapResult, stanzaDiffText, transcriptLines } from '../../client/src/testing/resultMapping.js';

const range = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 10 } });
const step = (index: number, status: StepResult['status'], extra: Partial<StepResult> = {}): StepResult => ({
  index,
  actionRange: range(10 + index * 3),
  range: range(10 + index * 3),
  status,
  durationMs: 5,
  ...extra,
});

function result(steps: StepResult[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { file: '/s.scs', status: 'passed', durationMs: 40, steps, transcript: [], boundJids: {}, ...extra };
}

test('a passing run marks every step and the scenario passed, without messages', () => {
  const outcomes = mapResult(result([step(0, 'passed'), step(1, 'passed')]));
  assert.deepEqual(
    outcomes.map((o) => [o.stepIndex, o.status, o.messages.length]),
    [
      [0, 'passed', 0],
      [1, 'passed', 0],
      [undefined, 'passed', 0],
    ],
  );
});

test('a failed receives: its reason first (what VS Code shows inline), then a diff message, both at its action line; later steps are skipped', () => {
  const failure = {
    kind: 'mismatch' as const,
    range: range(13),
    message: 'message/body: expected "A", got "B"',
    expected: '<message>\n  <body>A</body>\n</message>',
    actual: '<message>\n  <body>B</body>\n</message>',
  };
  const outcomes = mapResult(result([step(0, 'passed'), step(1, 'failed', { failure }), step(2, 'skipped')], { status: 'failed', failure }));
  const [first, failed, skipped, scenario] = outcomes;
  assert.equal(first.status, 'passed');
  assert.equal(failed.status, 'failed');
  assert.deepEqual(failed.messages, [
    { text: failure.message, range: range(13), stanzaFailure: true },
    { text: stanzaDiffText, expected: failure.expected, actual: failure.actual, range: range(13), stanzaFailure: true },
  ]);
  assert.equal(failed.messages[0].expected, undefined, 'the first message is no diff: VS Code would show `actual != expected` inline');
  assert.equal(skipped.status, 'skipped');
  assert.equal(skipped.durationMs, undefined);
  assert.equal(scenario.status, 'failed');
  assert.deepEqual(scenario.messages, [], 'the failure shows once, on its step');
});

test('a timeout with nothing received and a connection failure are plain messages at their step', () => {
  const timeout = { kind: 'timeout' as const, range: range(10), message: 'Juliet received nothing in 5 s', expected: '<presence/>' };
  const [timedOut] = mapResult(result([step(0, 'failed', { failure: timeout })], { status: 'failed', failure: timeout }));
  assert.deepEqual(timedOut.messages, [{ text: 'Juliet received nothing in 5 s\n\nExpected:\n<presence/>', range: range(10) }]);

  const refused = { kind: 'connection' as const, range: range(10), message: 'connection refused by 127.0.0.1:5222' };
  const [errored, scenario] = mapResult(result([step(0, 'errored', { failure: refused })], { status: 'errored', failure: refused }));
  assert.equal(errored.status, 'errored');
  assert.deepEqual(errored.messages, [{ text: refused.message, range: range(10) }]);
  assert.equal(scenario.status, 'errored');
});

test("a failure's detail lines follow its reason in the message, with or without a diff", () => {
  const details = [
    'your request q1 (line 15) was answered with an error: service-unavailable',
    "Romeo's queue, in arrival order (1):",
    '  0.120 s  <iq type="error" id="q1"/>',
  ];
  const withDiff = {
    kind: 'timeout' as const,
    range: range(13),
    message: 'your request q1 (line 15) was answered with an error: service-unavailable; timed out after 5 s',
    details,
    expected: '<message/>',
    actual: '<presence/>',
  };
  const [diff] = mapResult(result([step(0, 'failed', { failure: withDiff })], { status: 'failed', failure: withDiff }));
  assert.equal(diff.messages[0].text, [withDiff.message, ...details].join('\n'));
  assert.equal(diff.messages[1].actual, '<presence/>');
  const plain = {
    kind: 'timeout' as const,
    range: range(13),
    message: 'nothing arrived; timed out after 5 s',
    details: ['one detail'],
    expected: '<message/>',
  };
  const [timedOut] = mapResult(result([step(0, 'failed', { failure: plain })], { status: 'failed', failure: plain }));
  assert.equal(timedOut.messages[0].text, 'nothing arrived; timed out after 5 s\none detail\n\nExpected:\n<message/>');
});

test('a scenario that did not run carries its failure itself, at the first error', () => {
  const failure = {
    kind: 'not-run' as const,
    range: { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } },
    message: 'not run: 1 error in the file, at line 4: x',
  };
  const outcomes = mapResult(result([step(0, 'skipped')], { status: 'errored', failure }));
  assert.deepEqual(outcomes[1].messages, [{ text: failure.message, range: failure.range }]);
});

test('transcript lines link to the step that was running; stanzas are indented under them', () => {
  const ranges = new Map([[2, range(20)]]);
  assert.deepEqual(
    transcriptLines({ timeMs: 1234, character: 'Romeo', direction: 'sent', text: '<message>\n  <body>Hi</body>\n</message>', stepIndex: 2 }, ranges),
    [{ text: '1.234s Romeo sent:', range: range(20) }, { text: '    <message>' }, { text: '      <body>Hi</body>' }, { text: '    </message>' }],
  );
  assert.deepEqual(transcriptLines({ timeMs: 5, character: 'Romeo', direction: 'event', text: 'connected' }, ranges), [{ text: '0.005s Romeo: connected' }]);
});

describe('against a real Prosody', () => {
  let prosody: LocalProsody;
  before(async () => {
    prosody = await startProsody({ logLevel: 'warn' });
  });
  after(async () => {
    await prosody?.stop();
  });

  test('a wrong expectation maps to a diff on the receives step, and passing steps before it pass', async () => {
    const file = resolve(import.meta.dirname, '../e2e/fixtures/wrong-expectation.scs');
    const source = readFileSync(file, 'utf8');
    const scenario = parseScenario(source);
    const run = await runScenario(scenario, file, { host: prosody.host, port: prosody.port, timeoutMs: 2000 });
    const outcomes = mapResult(run);
    const receives = scenario.steps.find((s) => s.verb.value === 'receives' && s.block?.stanzas[0].name === 'message');
    assert.ok(receives);
    const failed = outcomes.find((o) => o.stepIndex === receives.index);
    assert.equal(failed?.status, 'failed');
    const [reason, message] = failed.messages;
    assert.match(reason.text, /^message\/body: expected text "Good night, Romeo", got "Hello, Juliet"; the message with id "greeting-1" arrived and differs\n/);
    assert.deepEqual(reason.range.start, receives.actionRange.start);
    assert.deepEqual(message.range.start, receives.actionRange.start);
    assert.match(message.expected ?? '', /Good night, Romeo/);
    assert.match(message.actual ?? '', /Hello, Juliet/);
    for (const before of outcomes.filter((o) => o.stepIndex !== undefined && o.stepIndex < receives.index)) {
      assert.equal(before.status, 'passed', `step ${before.stepIndex}`);
    }
    const stepRanges = new Map(scenario.steps.map((s) => [s.index, s.actionRange]));
    const lines = run.transcript.flatMap((entry) => transcriptLines(entry, stepRanges));
    assert.ok(lines.some((line) => line.range && /Romeo sent:/.test(line.text)));
  });
});
