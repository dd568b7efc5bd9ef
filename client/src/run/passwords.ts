// Passwords for real accounts come from VS Code's SecretStorage, never from settings. Before a
// run, the stored password of each character's account replaces the one in the file. Free of
// `vscode`: the caller looks the secrets up.

import type { Character, Scenario } from '../../../core/model.js';

/** The key a password is stored under: one per bare JID. */
export function secretKey(bareJid: string): string {
  return `scansion.password:${bareJid.toLowerCase()}`;
}

/** The bare JID of a character, from its `jid` property. */
export function bareJidOf(character: Character): string | undefined {
  const jid = character.properties.find((property) => property.key.value === 'jid')?.value.value.trim();
  return jid ? jid.split('/')[0] : undefined;
}

/** A copy of the scenario whose characters use the passwords found (by bare JID); characters
 *  without a stored password keep theirs. The source text and ranges are unchanged. */
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
