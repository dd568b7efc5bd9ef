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

/** A property of a `[Client]` character. */
export interface CharacterProperty {
  key: string;
  /** What it does, one or two sentences of Markdown. */
  doc: string;
  /** A character without it is refused (diagnostic `missing-jid`). */
  required: boolean;
  /** What the runner uses when it is absent (Markdown); none for a required property. */
  default?: string;
}

/**
 * The one table of character properties (SCANSION.md §1, Characters: `jid` required, `password`,
 * `resource` from the corpus, `connect_host`/`connect_port` documented as overriding the server
 * address): diagnostics accept these keys, completion offers them and hovers explain them, all
 * from here. The docs say what core/runner/characters.ts does with each, in table order.
 */
export const characterProperties: readonly CharacterProperty[] = [
  {
    key: 'jid',
    required: true,
    doc: 'The account to log in as: `user@domain`. A resource written after `/` is bound when `resource` is not set.',
  },
  {
    key: 'password',
    required: false,
    default: 'empty; a password stored with **Set Account Password** replaces the one written here',
    doc: 'The password for that account.',
  },
  {
    key: 'resource',
    required: false,
    default: 'the resource written in `jid`, else the one the server chooses',
    doc: 'A fixed resource to bind.',
  },
  {
    key: 'connect_host',
    required: false,
    default:
      'the run’s server (`scs run --server`, `127.0.0.1` unless given; the local Prosody; the editor’s run target), or, when the run locates servers, the host the JID’s domain leads to',
    doc: 'Connect to this host instead of the run’s server, for this character only. It still logs in to its JID’s domain.',
  },
  {
    key: 'connect_port',
    required: false,
    default: 'the run’s port (`5222` unless `--server` gives one), or the port found for the JID’s domain',
    doc: 'Connect to this port instead of the run’s (or instead of the one found for the JID’s domain), for this character only.',
  },
];

/** The table entry of a property key, when it is one Scansion knows. */
export function characterProperty(key: string): CharacterProperty | undefined {
  return characterProperties.find((property) => property.key === key);
}

/** A property explained in Markdown, as completion and hovers show it: what it does, then whether
 *  it is required or what applies without it. */
export function characterPropertyDoc(property: CharacterProperty): string {
  return `${property.doc}\n\n${property.required ? 'Required.' : `Without it: ${property.default}.`}`;
}

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
