import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findVariables, formatVariable, parseVariableContent, substituteVariables, variableMeaning } from '../../core/variables.js';
import type { VariableForm } from '../../core/model.js';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import { elementFromModel } from '../../core/xml/fromModel.js';

test('parseVariableContent: both forms, names with spaces and apostrophes', () => {
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
    found.map((variable) => [
      variable.raw,
      text.slice(variable.start, variable.end),
      variable.character && text.slice(variable.character.start, variable.character.end),
      variable.form,
    ]),
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
  assert.deepEqual(calls, [
    ['Romeo', 'full JID'],
    ["Juliet's phone", 'JID'],
  ]);
  assert.equal(
    substituteVariables('plain', () => assert.fail('no variable to resolve')),
    'plain',
  );
});

test('formatVariable writes what findVariables reads', () => {
  const written = formatVariable("Juliet's phone", 'full JID');
  assert.equal(written, "${Juliet's phone's full JID}");
  const [found] = findVariables(written);
  assert.deepEqual([found.character?.value, found.form], ["Juliet's phone", 'full JID']);
});

test('variableMeaning: the one rule for what a ${...} means (README "Variables and literal ${...} text")', () => {
  const defined = new Set(['Romeo', "Juliet's phone"]);
  const meaning = (content: string) => variableMeaning(content, defined);
  // Variables of defined characters.
  assert.deepEqual(meaning("Romeo's JID"), { kind: 'variable', character: 'Romeo', form: 'JID' });
  assert.deepEqual(meaning("Juliet's phone's full JID"), { kind: 'variable', character: "Juliet's phone", form: 'full JID' });
  // The forms, naming no defined character: errors, with the closest name when there is one.
  assert.deepEqual(meaning("Romoe's JID"), { kind: 'undefined-character', character: 'Romoe', form: 'JID', suggestion: "${Romeo's JID}" });
  assert.deepEqual(meaning("romeo's full JID"), { kind: 'undefined-character', character: 'romeo', form: 'full JID', suggestion: "${Romeo's full JID}" });
  assert.deepEqual(meaning("Mercutio's JID"), { kind: 'undefined-character', character: 'Mercutio', form: 'JID' });
  // Near misses: a defined name or a JID, not written as a form.
  const nearMisses: [string, string | undefined][] = [
    ['Romeo JID', "${Romeo's JID}"],
    ["romeo's jid", "${Romeo's JID}"],
    ['Romeo’s full JID', "${Romeo's full JID}"],
    ["Romeo's bare JID", "${Romeo's JID}"],
    ['Romeos JID', "${Romeo's JID}"],
    ['Romeo', "${Romeo's JID}"],
    ["Juliet's phone full JID", "${Juliet's phone's full JID}"],
    ['Romoe JID', "${Romeo's JID}"],
    ["Romoe's fulljid", "${Romeo's full JID}"],
    ['JID', undefined],
    ["Tybalt's jid", undefined],
  ];
  for (const [content, suggestion] of nearMisses) {
    assert.deepEqual(meaning(content), suggestion === undefined ? { kind: 'near-miss' } : { kind: 'near-miss', suggestion }, content);
  }
  // Everything else is literal text: what a recorded body may hold.
  for (const content of ['HOME', 'user', 'PATH:-/usr/bin', '', 'Romeoville', 'home', '1+1']) {
    assert.deepEqual(meaning(content), { kind: 'literal' }, content);
  }
});

test('substituteVariables follows variableMeaning: variables are replaced, literal ${...} text stays as written', () => {
  const defined = new Set(['Romeo']);
  const text = "${HOME} is where ${Romeo's JID} lives, ${user}";
  const substituted = substituteVariables(text, () => 'romeo@localhost');
  assert.equal(substituted, '${HOME} is where romeo@localhost lives, ${user}');
  for (const variable of findVariables(text)) {
    const kept = substituted.includes(variable.raw);
    assert.equal(kept, variableMeaning(variable.raw.slice(2, -1), defined).kind === 'literal', variable.raw);
  }
});

test('substitution at run time takes only the variables the parser found as written: a $ written as &#36; starts none', () => {
  const text =
    "[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\nRomeo sends:\n\t<message to=\"${Romeo's JID}\"><body>&#36;{Romeo's full JID} is ${HOME} ${Romeo's JID}</body><subject>&#36;{Romeo's JID}</subject></message>\n";
  const parsed = parseScenario(text);
  assert.deepEqual(
    diagnose(parsed).filter((item) => item.severity !== 'hint'),
    [],
  );
  const [stanza] = parsed.steps[1].block!.stanzas;
  const element = elementFromModel(stanza, (value, written) => substituteVariables(value, () => 'romeo@localhost', written));
  assert.equal(element.attrs.to, 'romeo@localhost');
  assert.equal(element.getChildText('subject'), "${Romeo's JID}");
  assert.equal(element.getChildText('body'), "${Romeo's full JID} is ${HOME} romeo@localhost");
  // Without the parser's list, every form in the decoded value would be taken.
  assert.equal(
    substituteVariables("${Romeo's JID}", () => 'romeo@localhost'),
    'romeo@localhost',
  );
});
