// The failures of `receives` steps, worded so they say why (SCANSION.md section 3, "Say why"):
// what the character's queue held, replies with type="error" to its own requests, and an awaited
// stanza that an earlier step had passed over. The structured facts and the `details` lines made
// from them both go into the Failure (core/results.ts), so every consumer shows the same thing.

import type { Element } from 'ltx';
import { lineNumber, type ArrivedStanza, type ErrorReply, type PassedOverStanza } from '../results.js';
import { matchStanza } from '../matcher/index.js';
import { closestMismatch } from '../matcher/closest.js';
import { oneLineStanza, prettyStanza } from '../xml/pretty.js';
import { formatSeconds } from '../seconds.js';
import type { FailureFacts } from './errors.js';
import type { Arrival } from './mailbox.js';
import type { Doom, ReceiveGroup } from './receiveGroup.js';
import type { Session } from './session.js';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
/** Characters of a queued stanza's line before its content is elided: room for a message body. */
const QUEUE_LINE_LENGTH = 240;
/** A longer queue is listed by its first and last this many stanzas (a flood stays readable). */
const QUEUE_ENDS = 50;

/** What a failed wait had to look at: the character, its queue, and the group it waited in. */
export interface WaitView {
  session: Session;
  character: string;
  /** The character's queue when the step failed, in arrival order. */
  queue: readonly Arrival[];
  group?: ReceiveGroup;
}

/** The step waited its whole timeout for `expected`. */
export function timeoutFailure(view: WaitView, expected: Element): FailureFacts {
  const { session } = view;
  const waited = `timed out after ${formatSeconds(session.options.timeoutMs)}`;
  const candidates = view.queue.filter((arrival) => view.group?.takenBy(arrival) === undefined);
  const closest = closestMismatch(
    expected,
    candidates.map((arrival) => arrival.stanza),
    session.captures,
  );
  const closestArrival = closest ? candidates[closest.index] : undefined;
  const passedOver = passedOverMatch(view, expected);
  const errorReplies = errorRepliesOf(view);
  const closestLine = closest ? `closest of ${candidates.length} arrived: ${closest.reason}` : undefined;
  const headline = passedOver ? passedOverLine(passedOver) : errorReplies.length > 0 ? errorReplyLine(errorReplies[0]) : (closestLine ?? 'nothing arrived');
  // The reason leads (it is what the editor shows inline); how the wait went follows it.
  const reason = passedOver || errorReplies.length > 0 || !closest ? headline : closest.reason;
  const timing = reason === headline ? waited : `closest of ${candidates.length} arrived, ${waited}`;
  const failure: FailureFacts = { kind: 'timeout', message: `${reason}; ${timing}`, expected: prettyStanza(expected) };
  if (closest) failure.actual = prettyStanza(closest.element);
  const lines = [...errorReplies.map(errorReplyLine), ...(passedOver ? [passedOverLine(passedOver)] : []), ...(closestLine ? [closestLine] : [])];
  return withFacts(
    failure,
    view,
    lines.filter((line) => line !== headline),
    closestArrival,
    errorReplies,
    passedOver,
  );
}

/** A stanza with the element name and id of the awaited one arrived and differs: fail at once. */
export function doomFailure(view: WaitView, doom: Doom): FailureFacts {
  const { stanza } = doom.arrival;
  const errorReplies = errorRepliesOf(view, [doom.arrival]);
  const mismatch = `the ${stanza.name} with id "${String(stanza.attrs.id)}" arrived and does not match: ${doom.reason}`;
  const ownReply = errorReply(view, doom.arrival);
  // The reason leads; which stanza it is about follows.
  const headline = ownReply ? errorReplyLine(ownReply) : `${doom.reason}; the ${stanza.name} with id "${String(stanza.attrs.id)}" arrived and differs`;
  const failure: FailureFacts = { kind: 'mismatch', message: headline, expected: prettyStanza(doom.expected), actual: prettyStanza(stanza) };
  const lines = [...(ownReply ? [mismatch] : []), ...errorReplies.map(errorReplyLine)].filter((line) => line !== headline);
  return withFacts(failure, view, lines, doom.arrival, errorReplies, undefined);
}

/** `receives: nothing` found `first` waiting. */
export function unexpectedFailure(view: WaitView, first: Arrival): FailureFacts {
  const errorReplies = errorRepliesOf(view);
  const failure: FailureFacts = {
    kind: 'unexpected-stanza',
    message: `expected nothing, got ${oneLineStanza(first.stanza)}`,
    actual: prettyStanza(first.stanza),
  };
  return withFacts(failure, view, errorReplies.map(errorReplyLine), first, errorReplies, undefined);
}

/** Adds the structured facts and the detail lines (the given ones, then the queue). */
function withFacts(
  failure: FailureFacts,
  view: WaitView,
  lines: string[],
  shown: Arrival | undefined,
  errorReplies: ErrorReply[],
  passedOver: PassedOverStanza | undefined,
): FailureFacts {
  const long = view.queue.length > 2 * QUEUE_ENDS;
  const listed = long ? [...view.queue.slice(0, QUEUE_ENDS), ...view.queue.slice(-QUEUE_ENDS)] : view.queue;
  const arrived = listed.map((arrival): ArrivedStanza => {
    const entry: ArrivedStanza = { timeMs: round(arrival.timeMs), stanza: oneLineStanza(arrival.stanza, QUEUE_LINE_LENGTH) };
    if (arrival === shown) entry.closest = true;
    const takenBy = view.group?.takenBy(arrival);
    if (takenBy !== undefined) entry.takenBy = takenBy;
    return entry;
  });
  const details = [...lines];
  if (arrived.length > 0) {
    details.push(`${view.character}'s queue, in arrival order (${view.queue.length}):`);
    arrived.forEach((entry, index) => {
      if (long && index === QUEUE_ENDS) details.push(`  … ${view.queue.length - arrived.length} more, not listed`);
      details.push(`  ${formatSeconds(entry.timeMs, { decimals: 3, keepZeros: true })}  ${entry.stanza}${note(entry)}`);
    });
  }
  if (details.length > 0) failure.details = details;
  if (arrived.length > 0) failure.arrived = arrived;
  if (errorReplies.length > 0) failure.errorReplies = errorReplies;
  if (passedOver) failure.passedOver = passedOver;
  return failure;
}

function note(entry: ArrivedStanza): string {
  if (entry.closest) return '  (closest: shown in full)';
  if (entry.takenBy !== undefined) return `  (given to the step at line ${lineNumber(entry.takenBy)})`;
  return '';
}

/** The last stanza an earlier step passed over that `expected` matches. */
function passedOverMatch(view: WaitView, expected: Element): PassedOverStanza | undefined {
  const passed = view.session.history.passedOverBy(view.character);
  for (let index = passed.length - 1; index >= 0; index--) {
    const arrival = passed[index];
    if (matchStanza(expected, arrival.stanza, new Map(view.session.captures)).matched) {
      return { range: arrival.range, timeMs: round(arrival.timeMs), stanza: oneLineStanza(arrival.stanza) };
    }
  }
  return undefined;
}

function passedOverLine(passed: PassedOverStanza): string {
  return `the stanza this step waits for arrived at ${formatSeconds(passed.timeMs, { decimals: 3, keepZeros: true })} and was passed over by the step at line ${lineNumber(passed.range)}`;
}

/** Error replies to the character's own stanzas: passed over earlier, then in the queue (and in
 *  `extra`), each once, in that order. */
function errorRepliesOf(view: WaitView, extra: Arrival[] = []): ErrorReply[] {
  const seen = new Set<Element>();
  const replies: ErrorReply[] = [];
  for (const arrival of [...view.session.history.passedOverBy(view.character), ...view.queue, ...extra]) {
    if (seen.has(arrival.stanza)) continue;
    seen.add(arrival.stanza);
    const reply = errorReply(view, arrival);
    if (reply) replies.push(reply);
  }
  return replies;
}

function errorReply(view: WaitView, arrival: Arrival): ErrorReply | undefined {
  const { stanza } = arrival;
  const id = stanza.attrs.id;
  if (stanza.attrs.type !== 'error' || typeof id !== 'string') return undefined;
  const range = view.session.history.sentIn(view.character, id);
  if (range === undefined) return undefined;
  const error = stanza.getChildElements().find((child) => child.name === 'error');
  const conditions = error?.getChildElements().filter((child) => child.getNS() === NS_STANZAS) ?? [];
  const condition = conditions.find((child) => child.name !== 'text')?.name ?? 'undefined-condition';
  const text = conditions
    .find((child) => child.name === 'text')
    ?.getText()
    .trim();
  const reply: ErrorReply = { id, range, condition, timeMs: round(arrival.timeMs) };
  if (text) reply.text = text;
  return reply;
}

function errorReplyLine(reply: ErrorReply): string {
  return `your request ${reply.id} (line ${lineNumber(reply.range)}) was answered with an error: ${reply.condition}${reply.text ? ` (${JSON.stringify(reply.text)})` : ''}`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
