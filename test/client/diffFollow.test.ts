// client/src/diff/follow.ts and the page it feeds: the stanza diff panel follows its step (the
// latest result, or outdated), and marks what the matcher rejected apart from the greyed extras.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import type { Failure, ScenarioResult, StepResult } from '../../core/results.js';
import { diffPageHtml } from '../../client/src/diff/diffPage.js';
import { follow, outdatedByEdit, outdatedByRemoval, pageFor } from '../../client/src/diff/follow.js';
import type { StoredRun } from '../../client/src/run/lastResults.js';

const text = `# Follow

[Client] Juliet
\tjid: juliet@localhost
\tpassword: password

-----

Juliet connects

Juliet receives:
\t<message type="chat"><body>Good night</body></message>
`;
const scenario = parseScenario(text);
const receives = scenario.steps[1]!;

const failure = (body: string): Failure => ({
  kind: 'timeout',
  range: receives.actionRange,
  message: `message/body: expected text "Good night", got "${body}"; closest of 1 arrived, timed out after 1 s`,
  expected: '<message type="chat">\n  <body>Good night</body>\n</message>',
  actual: `<message type="chat" id="m1" from="romeo@localhost/a">\n  <body>${body}</body>\n</message>`,
});

function run(status: StepResult['status'], stepFailure?: Failure, source = scenario): StoredRun {
  const steps: StepResult[] = source.steps.map((step) => ({
    index: step.index,
    actionRange: step.actionRange,
    range: step.range,
    status: step.index === 1 ? status : 'passed',
    durationMs: 12,
    ...(step.index === 1 && stepFailure ? { failure: stepFailure } : {}),
  }));
  const result: ScenarioResult = { file: '/f.scs', status: status === 'passed' ? 'passed' : 'failed', durationMs: 40, steps, transcript: [], boundJids: {} };
  return { uri: 'file:///f.scs', result, endedAt: 0 };
}

test('a re-run that failed differently replaces what the panel shows', () => {
  const first = run('failed', failure('Hello'));
  const second = run('failed', failure('Goodbye'));
  const followed = follow({ run: first, ranText: text }, second, text);
  assert.equal(followed.run, second);
  assert.equal(followed.outdated, undefined);
  const page = pageFor(followed, 1, 'f.scs');
  assert.ok(page && 'reason' in page);
  assert.match(page.reason, /got "Goodbye"/);
  assert.equal(page.canAccept, true);
});

test('a re-run that passed says so, with no diff and no Accept', () => {
  const page = pageFor(follow({ run: run('failed', failure('Hello')), ranText: text }, run('passed'), text), 1, 'f.scs', '09:12:05');
  assert.ok(page && 'outcome' in page);
  assert.equal(page.outcome, 'passed in the latest run (12 ms).');
  const html = diffPageHtml({ ...page, nonce: 'n', cspSource: 'c' });
  assert.match(html, /Step at <a[^>]*>line 11<\/a> <span class="ran">\(run at 09:12:05\)<\/span>: <span class="outcome">passed in the latest run/);
  assert.doesNotMatch(html, /<table class="stanzas"|<button class="accept"/);
});

test('an edit after the run, or results cleared by an Accept, make the page outdated', () => {
  const run1 = run('failed', failure('Hello'));
  const shown = { run: run1, ranText: text };
  const edited = follow(shown, run1, text.replace('Good night', 'Hello'));
  assert.equal(edited.outdated, outdatedByEdit);
  assert.equal(follow(edited, run1, text).outdated, undefined, 'the text as it ran again is not outdated');
  assert.equal(follow(edited, run('failed', failure('Hello')), text.replace('Good night', 'Hello')).outdated, undefined, 'a new run of the edited text is not');
  const accepted = follow(shown, undefined, text);
  assert.equal(accepted.run, run1, 'it keeps showing the run it had');
  assert.equal(accepted.outdated, outdatedByRemoval);
  const page = pageFor(accepted, 1, 'f.scs');
  assert.ok(page && 'reason' in page);
  assert.equal(page.canAccept, false, 'nothing left to accept from');
  const html = diffPageHtml({ ...page, nonce: 'n', cspSource: 'c' });
  assert.match(html, /<p class="outdated" role="status">Outdated: the scenario changed after this run/);
});

test('the received side marks the rejected text and greys out the extras loose matching allows', () => {
  const page = pageFor({ run: run('failed', failure('Hello')) }, 1, 'f.scs');
  assert.ok(page && 'reason' in page);
  const html = diffPageHtml({ ...page, nonce: 'n', cspSource: 'c' });
  assert.match(html, /<span class="extra"> id=&quot;m1&quot;<\/span>/);
  assert.match(html, /<span class="extra"> from=&quot;romeo@localhost\/a&quot;<\/span>/);
  assert.match(html, /&lt;body&gt;<mark class="rejected">Hello<\/mark>&lt;\/body&gt;/);
  assert.doesNotMatch(html, /<mark class="rejected"> id=/, 'an allowed extra is not marked as the cause');
  assert.match(html, /class="legend"/);
});
