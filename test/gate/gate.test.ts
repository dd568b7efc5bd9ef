// core/gate.ts: one decision "may this file run", taken from the diagnostics `scs check` prints,
// and the same first error wherever it is shown: the runner's API, the Test Explorer's tree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import { refusalFrom, runGate } from '../../core/gate.js';
import { runScenario } from '../../core/runner/index.js';
import { scenarioTree } from '../../core/testTree.js';
import { mapResult } from '../../client/src/testing/resultMapping.js';
import { silentServer } from '../runner/support.js';

// No syntax error, so the parser alone finds nothing; diagnose() finds Mercutio undefined (line 9)
// and a variable naming nobody (line 12). The editor used to run such files: its tree and the
// runner looked only at the parser's diagnostics.
const semanticErrors = `# Mercutio is nobody
[Client] Romeo
	jid: romeo@localhost
	password: password
-----
Romeo connects

# Mercutio was never defined
Mercutio sends:
	<presence/>
Romeo sends:
	<message to="\${Tybalt's JID}"><body>hi</body></message>
`;

const onlyWarnings = `# Two stanzas in a block and a property Scansion does not know
[Client] Romeo
	jid: romeo@localhost
	password: password
	colour: blue
-----
Romeo connects
Romeo sends:
	<presence/>

	<presence type="unavailable"/>
Romeo disconnects
`;

test('the gate decides from diagnose(), not from the parser alone, and names the first error', () => {
  const scenario = parseScenario(semanticErrors);
  assert.deepEqual(
    scenario.diagnostics.filter((item) => item.severity === 'error'),
    [],
    'the parser alone finds no error',
  );
  const refusal = runGate(scenario);
  assert.ok(refusal, 'refused');
  assert.deepEqual(
    refusal.problems.map((item) => [item.code, item.range.start.line + 1]),
    [
      ['undefined-character', 9],
      ['variable-undefined-character', 12],
    ],
  );
  assert.equal(refusal.range.start.line, 8);
  assert.equal(refusal.message, `not run: 2 errors in the file, the first at line 9: ${refusal.problems[0].message}`);
  assert.deepEqual(refusalFrom(diagnose(scenario)), refusal, 'the same answer from the diagnostics scs check prints');
});

test('warnings and hints never stop a run', () => {
  const scenario = parseScenario(onlyWarnings);
  const severities = new Set(diagnose(scenario).map((item) => item.severity));
  assert.ok(severities.has('warning'), 'the file has warnings');
  assert.equal(runGate(scenario), undefined);
});

test('one error is counted as one', () => {
  const refusal = runGate(parseScenario(semanticErrors.replace("${Tybalt's JID}", "${Romeo's JID}")));
  assert.match(refusal?.message ?? '', /^not run: 1 error in the file, at line 9: /);
});

test("the runner API refuses the file without opening a connection, with the gate's message", async () => {
  const server = await silentServer();
  try {
    const scenario = parseScenario(semanticErrors);
    const events: string[] = [];
    const result = await runScenario(scenario, 'mercutio.scs', { host: '127.0.0.1', port: server.port, timeoutMs: 2000 }, (event) => events.push(event.event));
    assert.equal(result.status, 'errored');
    const refusal = runGate(scenario)!;
    assert.deepEqual(result.failure, { kind: 'not-run', range: refusal.range, message: refusal.message });
    assert.equal(refusal.range.start.line, 8);
    assert.ok(
      result.steps.every((step) => step.status === 'skipped'),
      'no step ran',
    );
    assert.equal(result.steps.length, scenario.steps.length);
    assert.equal(server.connections(), 0, 'no connection was opened');
    assert.deepEqual(events, ['scenarioStart', 'scenarioEnd']);
    // What the Test Explorer shows for that run: the scenario errored with the same message.
    const outcome = mapResult(result).at(-1)!;
    assert.equal(outcome.status, 'errored');
    assert.deepEqual(
      outcome.messages.map((message) => [message.text, message.range.start.line]),
      [[runGate(scenario)!.message, 8]],
    );
  } finally {
    await server.close();
  }
});

test('the Test Explorer tree shows the same first error as the runner and scs run', () => {
  const scenario = parseScenario(semanticErrors);
  const tree = scenarioTree(scenario)!;
  assert.equal(tree.error, runGate(scenario)!.message);
  assert.equal(scenarioTree(parseScenario(onlyWarnings))!.error, undefined);
});
