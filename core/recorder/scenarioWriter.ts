// Turns a recording (recording.ts) into the text of a scenario that checks clean and replays
// (SCANSION.md sections 1-3):
// - one character per connection, named as Scansion authors name them (Romeo, Juliet, Mercutio, …);
//   a second connection of an account is "Romeo's phone", a third "Romeo's laptop";
// - `jid` is the bare JID, `resource` is written when the client asked for one, and the password
//   only with `keepPasswords` (else a placeholder, said in the file's description);
// - every event is a step in the order the proxy saw it; blocks are pretty-printed with tabs;
// - every JID of a character becomes `${NAME's JID}` / `${NAME's full JID}` (core/snapshot.ts), and
//   values the server makes up become `{scansion:any}` (core/volatile.ts, the rule Accept uses);
// - text with line breaks stays on its line as `&#10;` (core/xml/pretty.ts): a literal line break
//   would carry the block's indentation into the text that a replay sends or expects;
// - a step the recorder cannot make replayable gets a comment that says why.

import { clone, type Element } from 'ltx';
import { jidsToVariables, reindent, type KnownJids } from '../snapshot.js';
import { idsIn, markVolatile, type VolatileContext } from '../volatile.js';
import { prettyStanza } from '../xml/pretty.js';
import type { RecordedConnection, RecordedEvent, Recording } from './recording.js';

export interface ScenarioWriterOptions {
  /** Write each client's real password (`--keep-passwords`). */
  keepPasswords: boolean;
  /** The upstream server's address, for the description. */
  upstream: string;
  /** When the recording was made (for the description). */
  date: Date;
}

/** The password written when the real one is not kept; the local throwaway Prosody accepts any. */
export const PASSWORD_PLACEHOLDER = 'password';

const characterNames = [
  'Romeo',
  'Juliet',
  'Mercutio',
  'Benvolio',
  'Tybalt',
  'Nurse',
  'Paris',
  'Rosaline',
  'Balthasar',
  'Sampson',
  'Gregory',
  'Abraham',
  'Peter',
  'Escalus',
];
const deviceNames = ['phone', 'laptop', 'tablet', 'desktop', 'watch'];

/** Character names by connection id: one name per account in the order accounts first connected,
 *  and a device name for each further connection of the same account. */
export function characterNamesFor(connections: RecordedConnection[]): Map<number, string> {
  const accounts = new Map<string, { name: string; connections: number }>();
  const names = new Map<number, string>();
  for (const connection of connections) {
    let account = accounts.get(connection.bareJid);
    if (!account) {
      const index = accounts.size;
      account = { name: characterNames[index] ?? `Character ${index + 1}`, connections: 0 };
      accounts.set(connection.bareJid, account);
    }
    const device = account.connections === 0 ? undefined : (deviceNames[account.connections - 1] ?? `device ${account.connections + 1}`);
    account.connections++;
    names.set(connection.id, device ? `${account.name}'s ${device}` : account.name);
  }
  return names;
}

/** The scenario's text. */
export function writeScenario(recording: Recording, options: ScenarioWriterOptions): string {
  const connections = recording.connections;
  const names = characterNamesFor(connections);
  const nameOf = (connection: RecordedConnection) => names.get(connection.id)!;
  const known: KnownJids = { bare: {}, full: {} };
  for (const connection of connections) {
    known.bare[nameOf(connection)] = connection.bareJid;
    known.full[nameOf(connection)] = connection.fullJid;
  }
  const context: VolatileContext = {
    sentIds: idsIn(recording.events.flatMap((event) => (event.kind === 'sent' ? [event.stanza] : []))),
  };
  const serverRequests = new Set(
    recording.events.flatMap((event) =>
      event.kind === 'received' && isRequest(event.stanza) && !context.sentIds.has(String(event.stanza.attrs.id)) ? [String(event.stanza.attrs.id)] : [],
    ),
  );

  const lines = [...description(connections, options), ''];
  for (const connection of connections) {
    lines.push(`[Client] ${nameOf(connection)}`, `\tjid: ${connection.bareJid}`);
    lines.push(`\tpassword: ${options.keepPasswords ? connection.password : PASSWORD_PLACEHOLDER}`);
    if (connection.resource !== undefined) lines.push(`\tresource: ${connection.resource}`);
    lines.push('');
  }
  lines.push('-----');

  const recordedFullJids = new Set(connections.map((connection) => connection.fullJid));
  const accounts = new Set(connections.map((connection) => connection.bareJid));
  const domains = new Set(connections.map((connection) => connection.bareJid.split('@')[1]));
  for (const event of recording.events) {
    const name = nameOf(event.connection);
    lines.push('');
    for (const comment of commentsOn(event, { recordedFullJids, accounts, domains, serverRequests })) lines.push(`# ${comment}`);
    switch (event.kind) {
      case 'connected':
        lines.push(`${name} connects`);
        break;
      case 'disconnected':
        lines.push(`${name} disconnects`);
        break;
      case 'sent':
        lines.push(`${name} sends:`, block(event.stanza, known));
        break;
      case 'received':
        lines.push(`${name} receives:`, block(markVolatile(event.stanza, context), known));
        break;
    }
  }
  return `${lines.join('\n')}\n`;
}

function description(connections: RecordedConnection[], options: ScenarioWriterOptions): string[] {
  const accounts = [...new Set(connections.map((connection) => connection.bareJid))];
  const lines = [
    `# Recorded session of ${accounts.join(', ') || 'no client'}`,
    `# Recorded with scs record through ${options.upstream} on ${options.date.toISOString().slice(0, 10)}.`,
  ];
  if (!options.keepPasswords && connections.length > 0) {
    lines.push(
      `# Passwords are not recorded: each character has the placeholder "${PASSWORD_PLACEHOLDER}", which a local`,
      '# throwaway Prosody (scs run --local-server) accepts. Record with --keep-passwords to keep them.',
    );
  }
  return lines;
}

interface CommentContext {
  recordedFullJids: Set<string>;
  accounts: Set<string>;
  domains: Set<string>;
  /** Ids of requests (IQ get/set) the server sent, which change on every run. */
  serverRequests: Set<string>;
}

/** Why a step may not replay as recorded, one comment each. */
function commentsOn(event: RecordedEvent, context: CommentContext): string[] {
  const comments: string[] = [];
  if (event.kind === 'disconnected' && event.by === 'server') {
    comments.push(`The server ended this connection here (${event.reason ?? 'no reason given'}); a replay disconnects instead.`);
  }
  if (event.kind === 'received') {
    const from = String(event.stanza.attrs.from ?? '');
    const [bare, resource] = splitJid(from);
    const domain = bare.split('@')[1];
    const fromOtherUser = bare.includes('@') && domain !== undefined && context.domains.has(domain) && !context.accounts.has(bare);
    const fromOtherClient = context.accounts.has(bare) && resource !== undefined && !context.recordedFullJids.has(from);
    if (fromOtherUser || fromOtherClient) {
      comments.push(`Sent by ${from}, which was not recorded through the proxy: a replay will not make it arrive.`);
    }
  }
  if (event.kind === 'sent' && isResponse(event.stanza) && context.serverRequests.has(String(event.stanza.attrs.id))) {
    comments.push('Answers a request of the server, whose id changes on every run: a replay sends the recorded id.');
  }
  if ((event.kind === 'sent' || event.kind === 'received') && event.stanza.toString().includes('${')) {
    comments.push('Holds text with "${", which Scansion reads as a variable: check this block.');
  }
  return comments;
}

/** A stanza as a block: pretty-printed, JIDs as variables, one tab per level under one tab. */
function block(stanza: Element, known: KnownJids): string {
  const shown = stanza.attrs.xmlns === 'jabber:client' ? withoutDefaultNamespace(stanza) : stanza;
  return reindent(jidsToVariables(prettyStanza(shown), known), { base: '\t', unit: '\t' });
}

/** The stanza without an `xmlns="jabber:client"` that only repeats the stream's namespace. */
function withoutDefaultNamespace(stanza: Element): Element {
  const copy = clone(stanza) as Element;
  delete copy.attrs.xmlns;
  return copy;
}

function isRequest(stanza: Element): boolean {
  return stanza.name === 'iq' && (stanza.attrs.type === 'get' || stanza.attrs.type === 'set') && stanza.attrs.id !== undefined;
}

function isResponse(stanza: Element): boolean {
  return stanza.name === 'iq' && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error');
}

function splitJid(jid: string): [string, string | undefined] {
  const slash = jid.indexOf('/');
  return slash === -1 ? [jid, undefined] : [jid.slice(0, slash), jid.slice(slash + 1)];
}
