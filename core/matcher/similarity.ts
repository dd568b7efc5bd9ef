// How close a received element is to an expected one, as a count of agreements (same name, each
// expected attribute that fits, expected text that fits, and the best agreement of each expected
// child). Unlike the comparison it never stops early, so it can rank near-misses.

import { fitsPattern, parsePattern } from './patterns.js';
import { childNodes, comparableAttributes, ownText, sameName, type Node } from './nodes.js';

export function similarity(expected: Node, received: Node, captures: ReadonlyMap<string, string>): number {
  if (!sameName(expected, received)) return 0;
  let score = 1;
  const receivedValues = new Map(comparableAttributes(received).map((attribute) => [attribute.key, attribute.value]));
  for (const attribute of comparableAttributes(expected)) {
    const actual = receivedValues.get(attribute.key);
    if (actual !== undefined && fitsPattern(parsePattern(attribute.value), actual, captures)) score += 1;
  }
  const text = ownText(expected);
  if (text !== '' && fitsPattern(parsePattern(text), ownText(received), captures)) score += 1;
  const receivedChildren = childNodes(received);
  for (const child of childNodes(expected)) {
    score += Math.max(0, ...receivedChildren.map((other) => similarity(child, other, captures)));
  }
  return score;
}

/** The similarity of a perfect match: one point per fact the expected element states. */
function ceiling(expected: Node): number {
  const text = ownText(expected) === '' ? 0 : 1;
  return childNodes(expected).reduce((sum, child) => sum + ceiling(child), 1 + comparableAttributes(expected).length + text);
}

const keyAttributes = ['type', 'id', 'from', 'to'];

/** Orders near-misses of a whole stanza, higher is closer: the same stanza name counts most
 *  (1000), then each of `type`, `id`, `from`, `to` that the expected stanza states and the received
 *  one fits (100 each), then the share of everything else that agrees (up to 99). */
export function nearMissScore(expected: Node, received: Node, captures: ReadonlyMap<string, string>): number {
  const receivedAttributes = received.element.attrs;
  let keys = 0;
  for (const name of keyAttributes) {
    const want = expected.element.attrs[name];
    const have = receivedAttributes[name];
    if (typeof want === 'string' && typeof have === 'string' && fitsPattern(parsePattern(want), have, captures)) keys += 1;
  }
  const share = similarity(expected, received, captures) / ceiling(expected);
  return (sameName(expected, received) ? 1000 : 0) + 100 * keys + Math.floor(99 * share);
}
