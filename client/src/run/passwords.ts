// Passwords for real accounts come from VS Code's SecretStorage, never from settings. Before a
// run or a debug session, the stored password of each character's account replaces the one in
// the file (core/passwords.ts). Free of `vscode`: the caller looks the secrets up.

import type { Scenario } from '../../../core/model.js';
import { bareJidOf } from '../../../core/queries.js';

/** The key a password is stored under: one per bare JID. */
export function secretKey(bareJid: string): string {
  return `scansion.password:${bareJid.toLowerCase()}`;
}

/** The stored passwords of the scenario's accounts, by lower-case bare JID; `lookup` reads one
 *  secret by its key. */
export async function storedPasswords(scenario: Scenario, lookup: (key: string) => PromiseLike<string | undefined>): Promise<Map<string, string>> {
  const passwords = new Map<string, string>();
  for (const character of scenario.characters) {
    const jid = bareJidOf(character);
    if (!jid) continue;
    const password = await lookup(secretKey(jid));
    if (password !== undefined) passwords.set(jid.toLowerCase(), password);
  }
  return passwords;
}
