// A step's run action in the Test Explorer, without the editor: the step item of the tree
// (core/testTree.ts) asks runPlan for its scenario up to it, the engine runs that against a real
// Prosody, and resultMapping gives every later step `skipped` with a note saying why (the run's
// output shows it beside the item, since a skipped item takes no message).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { runScenario } from '../../core/runner/index.js';
import { scenarioTree } from '../../core/testTree.js';
import { runPlan } from '../../client/src/testing/runPlan.js';
import { mapResult } from '../../client/src/testing/resultMapping.js';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { character, selfPresence } from '../runner/support.js';

let server: TestServer;
before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
});

// Steps: Romeo connects, sends, receives (his presence), receives (a message never sent), disconnects.
const text = `# Up to a step\n\n${character('Romeo', 'romeo')}${selfPresence}\nRomeo receives:\n\t<message type="chat"><body>never sent</body></message>\n\nRomeo disconnects\n`;

test('running a step item runs up to it; later steps are skipped and say why, and the scenario says how far it ran', async () => {
  const scenario = parseScenario(text);
  const tree = scenarioTree(scenario)!;
  const stepItem = tree.steps[2];
  assert.equal(stepItem.label, 'Romeo receives <presence>');
  const plan = runPlan([{ scenario: 'file:///up-to.scs', step: stepItem.index }]);
  assert.deepEqual([...plan], [['file:///up-to.scs', 2]]);

  const result = await runScenario(scenario, 'up-to.scs', { host: server.host, port: server.port, timeoutMs: 1000, stopAfter: plan.get('file:///up-to.scs') });
  const outcomes = mapResult(result);
  const line = stepItem.range.start.line + 1;
  assert.deepEqual(
    outcomes.map((outcome) => [outcome.stepIndex, outcome.status, outcome.note]),
    [
      [0, 'passed', undefined],
      [1, 'passed', undefined],
      [2, 'passed', undefined],
      [3, 'skipped', `not run: the run stopped after step 3 (line ${line})`],
      [4, 'skipped', `not run: the run stopped after step 3 (line ${line})`],
      [undefined, 'passed', `ran up to step 3 (line ${line}); 2 later steps were not run`],
    ],
  );
  assert.ok(outcomes.every((outcome) => outcome.messages.length === 0));
});

test('the whole scenario fails at the message never sent; the step after it is skipped and names that step', async () => {
  const scenario = parseScenario(text);
  const result = await runScenario(scenario, 'whole.scs', { host: server.host, port: server.port, timeoutMs: 500 });
  const outcomes = mapResult(result);
  const failedLine = scenario.steps[3].actionRange.start.line + 1;
  assert.deepEqual(
    outcomes.map((outcome) => [outcome.status, outcome.note]),
    [
      ['passed', undefined],
      ['passed', undefined],
      ['passed', undefined],
      ['failed', undefined],
      ['skipped', `not run: step 4 (line ${failedLine}) did not pass`],
      ['failed', undefined],
    ],
  );
});
