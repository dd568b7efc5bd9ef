// Passwords kept outside a scenario file (VS Code's secret storage, handed to the debugger in its
// launch configuration) replace the `password` properties before a run.

import type { Scenario } from './model.js';
import { bareJidOf } from './queries.js';

/** A copy of the scenario whose characters use the passwords found (keys: lower-case bare JIDs);
 *  characters without one keep theirs. The source text and ranges are unchanged. */
export function withPasswords(scenario: Scenario, passwords: ReadonlyMap<string, string>): Scenario {
  const characters = scenario.characters.map((character) => {
    const jid = bareJidOf(character);
    const password = jid === undefined ? undefined : passwords.get(jid.toLowerCase());
    if (password === undefined) return character;
    const kept = character.properties.filter((property) => property.key.value !== 'password');
    const at = character.headerRange;
    const spanned = (value: string) => ({ value, range: at });
    return { ...character, properties: [...kept, { key: spanned('password'), value: spanned(password), range: at }] };
  });
  return { ...scenario, characters };
}
