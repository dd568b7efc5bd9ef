// Checks on character definitions: names, classes, properties, JIDs, and characters never used.

import type { Character, Diagnostic, Scenario } from '../model.js';
import { diagnostic } from './codes.js';
import { jidProblem } from './jid.js';
import { characterProperties, characterProperty } from '../vocabulary/scansion.js';

export const knownClasses = ['Client'];
/** The property keys a Client takes, from the one table (core/vocabulary/scansion.ts). */
export const knownProperties = characterProperties.map((property) => property.key);

export function checkCharacters(scenario: Scenario, out: Diagnostic[]): void {
  const firstByName = new Map<string, number>();
  for (const character of scenario.characters) {
    const name = character.name.value;
    const first = firstByName.get(name);
    if (name !== '' && first !== undefined) {
      out.push(
        diagnostic('duplicate-character', character.name.range, `"${name}" is already defined at line ${first + 1}; give each character its own name.`, {
          name,
        }),
      );
    } else if (name !== '') {
      firstByName.set(name, character.headerRange.start.line);
    }
    const className = character.className.value;
    if (!knownClasses.includes(className)) {
      const range = className === '' ? character.headerRange : character.className.range;
      out.push(diagnostic('unknown-class', range, `Unknown character class "[${className}]": Scansion knows [Client].`, { className }));
    }
    const seen = new Set<string>();
    let jid: (typeof character.properties)[number] | undefined;
    for (const property of character.properties) {
      const key = property.key.value;
      if (seen.has(key)) {
        out.push(diagnostic('duplicate-property', property.key.range, `"${key}" is set twice for ${name || 'this character'}; the last one wins.`));
      }
      seen.add(key);
      if (key === 'jid') jid = property;
      else if (!characterProperty(key)) {
        out.push(diagnostic('unknown-property', property.key.range, `Unknown property "${key}": a Client takes ${knownProperties.join(', ')}.`, { key }));
      }
    }
    if (!jid) {
      // A header still without a name and properties is being typed: its missing name is the one error.
      if (name !== '' || character.properties.length > 0) {
        const range = name === '' ? character.headerRange : character.name.range;
        out.push(
          diagnostic(
            'missing-jid',
            range,
            `${name || 'This character'} has no jid: add an indented line such as "jid: ${(name.split(/\W/)[0] || 'user').toLowerCase()}@localhost".`,
          ),
        );
      }
    } else {
      const problem = jidProblem(jid.value.value);
      if (problem) {
        const range = jid.value.value === '' ? jid.range : jid.value.range;
        out.push(diagnostic('invalid-jid', range, `"${jid.value.value}" is not a valid JID: ${problem}.`));
      }
    }
  }
}

/** The diagnostic of a character that no action and no variable uses. */
export function unusedCharacter(character: Character): Diagnostic {
  const name = character.name.value;
  return diagnostic('unused-character', character.name.range, `${name} is defined but no step uses it.`, { name });
}
