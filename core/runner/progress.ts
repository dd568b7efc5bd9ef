// What a waiting `receives` step reports while it waits (issue 8: "while a step waits, the output
// says what it waits for and what it passed over so far"): the `waiting` run event's facts, and
// the one line every consumer words them with.

import type { Element } from 'ltx';
import type { WaitProgress } from '../results.js';
import { matchStanza } from '../matcher/index.js';
import { briefStanza } from '../xml/pretty.js';
import { formatSeconds } from '../seconds.js';
import type { WaitView } from './explain.js';

/** How many reasons a progress line names. */
const DIFFERENCES_SHOWN = 3;
/** How many stanzas of a long queue are compared for those reasons (a flood stays cheap). */
const DIFFERENCES_EXAMINED = 50;

/** Where the step stands: `expected` is the stanza it still waits for; stanzas its group took are
 *  not counted as passed over. */
export function waitProgress(view: WaitView, expected: Element, remainingMs: number): WaitProgress {
  const left = view.queue.filter((arrival) => view.group?.takenBy(arrival) === undefined);
  const differences: string[] = [];
  for (const arrival of left.slice(0, DIFFERENCES_EXAMINED)) {
    const result = matchStanza(expected, arrival.stanza, new Map(view.session.captures));
    if (result.matched) continue;
    // The whole stanza differs in name: say what it is instead.
    const otherName = !/[/@]/.test(result.path) && /: expected <[^>]+>, got <[^>]+>$/.test(result.reason);
    const difference = otherName ? `a <${arrival.stanza.name}>` : `${result.path} differs`;
    if (!differences.includes(difference)) differences.push(difference);
    if (differences.length === DIFFERENCES_SHOWN) break;
  }
  return {
    character: view.character,
    awaiting: briefStanza(expected),
    passedOver: left.length,
    differences,
    remainingMs: Math.max(0, Math.round(remainingMs)),
  };
}

/** `Juliet waits for <message type=chat from=…>: 1 stanza passed over (message/body differs), 3.2 s left`. */
export function waitingText(wait: WaitProgress): string {
  const passed =
    wait.passedOver === 0
      ? 'nothing else arrived'
      : `${wait.passedOver} ${wait.passedOver === 1 ? 'stanza' : 'stanzas'} passed over${wait.differences.length > 0 ? ` (${wait.differences.join(', ')})` : ''}`;
  return `${wait.character} waits for ${wait.awaiting}: ${passed}, ${formatSeconds(wait.remainingMs, { decimals: 1, keepZeros: true })} left`;
}
