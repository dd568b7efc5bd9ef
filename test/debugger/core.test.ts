// The core pieces the debugger stands on: the step a breakpoint line belongs to, a step typed in
// the console, and the `receives` step "Insert received stanza as step" writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario, parseStepInput } from '../../core/parser/index.js';
import { stepAtOrAfterLine, stepLabel } from '../../core/queries.js';
import { receivedStepEdit } from '../../core/snapshot.js';

const text = `# Title
[Client] Romeo
	jid: romeo@localhost
[Client] Juliet's phone
	jid: juliet@localhost
-----
Romeo connects

# Romeo says hello
Romeo sends:
	<message to="\${Juliet's phone's full JID}">
		<body>Hi</body>
	</message>

Romeo disconnects
`;
const scenario = parseScenario(text);

test('a line belongs to the step that holds it, else to the next step, else to none', () => {
  const at = (line: number) => stepAtOrAfterLine(scenario, line)?.index;
  assert.equal(at(1), 0, 'a definition line moves to the first step');
  assert.equal(at(6), 0, 'the action line itself');
  assert.equal(at(7), 1, 'a blank line moves to the next step');
  assert.equal(at(8), 1, 'a comment moves to the next step');
  assert.equal(at(11), 1, 'a line inside the block belongs to its step');
  assert.equal(at(14), 2);
  assert.equal(at(15), undefined, 'nothing below the last step');
  assert.equal(stepLabel(scenario.steps[1]), 'Romeo sends <message>');
});

test('a console step: the stanza on the same line or below, names with spaces, errors named', () => {
  const names = scenario.characters.map((character) => character.name.value);
  const oneLine = parseStepInput('Romeo sends: <presence/>', names);
  assert.ok('step' in oneLine);
  assert.equal(oneLine.step.verb.value, 'sends');
  assert.equal(oneLine.step.block?.stanzas[0].name, 'presence');

  const below = parseStepInput(`Juliet's phone sends:\n<message to="\${Romeo's full JID}">\n  <body>Hi</body>\n</message>`, names);
  assert.ok('step' in below);
  assert.equal(below.step.character.value, "Juliet's phone");
  assert.equal(below.step.block?.stanzas[0].children.filter((child) => child.kind === 'element').length, 1);

  const queue = parseStepInput('Romeo receives', names);
  assert.ok('step' in queue && queue.step.verb.value === 'receives' && !queue.step.block && !queue.step.nothing);
  const nothing = parseStepInput('Romeo receives: nothing', names);
  assert.ok('step' in nothing && nothing.step.nothing);

  const broken = parseStepInput('Romeo sends: <presence>', names);
  assert.ok('error' in broken && /never closed/.test(broken.error), JSON.stringify(broken));
  assert.ok('error' in parseStepInput('', names));
});

test('the received stanza is written as a receives step above the paused step, JIDs as variables', () => {
  const bound = { Romeo: 'romeo@localhost/r1', "Juliet's phone": 'juliet@localhost/phone' };
  const received = '<message type="chat" from="romeo@localhost/r1" to="juliet@localhost/phone">\n  <body>Hi</body>\n</message>';
  const edit = receivedStepEdit(scenario, 2, "Juliet's phone", received, bound);
  assert.deepEqual(edit.range, { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } });
  assert.equal(
    edit.newText,
    `\nJuliet's phone receives:\n\t<message type="chat" from="\${Romeo's full JID}" to="\${Juliet's phone's full JID}">\n\t\t<body>Hi</body>\n\t</message>\n`,
  );
  const lines = text.split('\n');
  lines.splice(13, 0, ...edit.newText.split('\n').slice(0, -1));
  const grown = parseScenario(lines.join('\n'));
  assert.deepEqual(grown.diagnostics, []);
  assert.deepEqual(grown.steps.map(stepLabel), ['Romeo connects', 'Romeo sends <message>', "Juliet's phone receives <message>", 'Romeo disconnects']);
  // Before the first step: after the separator, so that the heading of step 1 stays with it.
  assert.equal(receivedStepEdit(scenario, 0, 'Romeo', '<presence/>', bound).range.start.line, 6);
});
