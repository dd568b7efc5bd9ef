import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findVariables, formatVariable, parseVariableContent, substituteVariables } from '../../core/variables.js';
import type { VariableForm } from '../../core/model.js';

test("parseVariableContent: both forms, names with spaces and apostrophes", () => {
  assert.deepEqual(parseVariableContent("Romeo's JID"), { character: 'Romeo', characterStart: 0, form: 'JID' });
  assert.deepEqual(parseVariableContent("Juliet's phone's full JID"), { character: "Juliet's phone", characterStart: 0, form: 'full JID' });
  assert.deepEqual(parseVariableContent(" Romeo's JID "), { character: 'Romeo', characterStart: 1, form: 'JID' });
  assert.equal(parseVariableContent("Romeo's bare JID"), undefined);
  assert.equal(parseVariableContent("Romeo's jid"), undefined);
  assert.equal(parseVariableContent("'s JID"), undefined);
  assert.equal(parseVariableContent('Romeo'), undefined);
});

test('findVariables: offsets of the variable and of the name; unclosed ${ is text', () => {
  const text = "to ${Juliet's phone's full JID} and ${Romeo's JID}, ${nonsense} ${open";
  const found = findVariables(text);
  assert.deepEqual(
    found.map((variable) => [variable.raw, text.slice(variable.start, variable.end), variable.character && text.slice(variable.character.start, variable.character.end), variable.form]),
    [
      ["${Juliet's phone's full JID}", "${Juliet's phone's full JID}", "Juliet's phone", 'full JID'],
      ["${Romeo's JID}", "${Romeo's JID}", 'Romeo', 'JID'],
      ['${nonsense}', '${nonsense}', undefined, undefined],
    ],
  );
});

test('substituteVariables: resolves recognised variables, leaves the rest as written', () => {
  const calls: [string, VariableForm][] = [];
  const result = substituteVariables("${Romeo's full JID}/${Juliet's phone's JID} ${bad} ${Romeo's JID", (character, form) => {
    calls.push([character, form]);
    return form === 'JID' ? `${character.toLowerCase()}@localhost` : 'romeo@localhost/abc';
  });
  assert.equal(result, "romeo@localhost/abc/juliet's phone@localhost ${bad} ${Romeo's JID");
  assert.deepEqual(calls, [['Romeo', 'full JID'], ["Juliet's phone", 'JID']]);
  assert.equal(substituteVariables('plain', () => assert.fail('no variable to resolve')), 'plain');
});

test('formatVariable writes what findVariables reads', () => {
  const written = formatVariable("Juliet's phone", 'full JID');
  assert.equal(written, "${Juliet's phone's full JID}");
  const [found] = findVariables(written);
  assert.deepEqual([found.character?.value, found.form], ["Juliet's phone", 'full JID']);
});
