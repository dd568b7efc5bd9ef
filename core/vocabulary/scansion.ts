// Scansion's own words, with what they mean (SCANSION.md §1 and §3): the verbs of action lines,
// the properties of a character, and the patterns an expected attribute value may hold.

import type { Verb } from '../model.js';

export interface Word {
  /** As written (a verb with its colon: `sends:`). */
  text: string;
  doc: string;
}

/** The action verbs, in the order a scenario usually uses them (SCANSION.md §1, Actions). */
export const actionVerbs: readonly Word[] = [
  { text: 'connects', doc: 'Opens a stream, logs in with the character’s `jid` and `password`, and binds a resource. No presence is sent.' },
  { text: 'disconnects', doc: 'Closes the stream cleanly. A second `disconnects` does nothing.' },
  { text: 'sends:', doc: 'Sends the stanza in the indented block below, with `${...}` variables filled in.' },
  { text: 'receives:', doc: 'Waits for a stanza matching the indented block below, passing over others; fails after the timeout.' },
  { text: 'receives: nothing', doc: 'After a quiet period, the character must have no stanza waiting.' },
];

/** What a verb on an action line means; `nothing` for `receives: nothing`. */
export function verbDoc(verb: Verb, nothing: boolean): string {
  const text = nothing ? 'receives: nothing' : verb === 'sends' || verb === 'receives' ? `${verb}:` : verb;
  return actionVerbs.find((word) => word.text === text)?.doc ?? '';
}

/** What each known character property does (SCANSION.md §1, Characters). */
export const propertyDocs: Readonly<Record<string, string>> = {
  jid: 'The account to log in as (required).',
  password: 'The password for that account.',
  resource: 'A fixed resource to bind instead of the server’s choice.',
  connect_host: 'Connect to this host instead of the JID’s domain.',
  connect_port: 'Connect to this port instead of 5222.',
};

export const ANY_VALUE = '{scansion:any}';

/** The patterns an expected attribute value may hold (SCANSION.md §3). `snippet` is the text to
 *  insert, in LSP snippet syntax. */
export const expectedValuePatterns: ReadonlyArray<Word & { snippet: string }> = [
  { text: ANY_VALUE, snippet: ANY_VALUE, doc: 'The attribute must be present, with any value: for ids, stamps and other values the server makes up.' },
  {
    text: '{scansion:capture:NAME}',
    snippet: '{scansion:capture:${1:name}}',
    doc: 'The first occurrence captures the received value; later occurrences of the same NAME must equal it.',
  },
];

/** What a `{scansion:...}` value means, when `value` is one. */
export function expectedValueDoc(value: string): string | undefined {
  if (value === ANY_VALUE) return expectedValuePatterns[0].doc;
  if (/^\{scansion:capture:[^}]+\}$/.test(value)) return expectedValuePatterns[1].doc;
  return undefined;
}
