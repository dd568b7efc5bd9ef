// Picks, among stanzas that did not match, the one closest to what was expected, so a failure can
// show it with the reason it differs.

import type { Element } from 'ltx';
import { matchStanza } from './index.js';

export interface ClosestMismatch {
  element: Element;
  /** Index of the element in the candidates given. */
  index: number;
  path: string;
  reason: string;
  score: number;
}

/** The candidate with the highest score (the earliest on a tie), or undefined when there are none.
 *  Candidates that match are skipped: they are not mismatches. `captures` is only read. */
export function closestMismatch(
  expected: Element,
  candidates: readonly Element[],
  captures: ReadonlyMap<string, string> = new Map(),
): ClosestMismatch | undefined {
  let best: ClosestMismatch | undefined;
  candidates.forEach((element, index) => {
    const result = matchStanza(expected, element, new Map(captures));
    if (result.matched) return;
    if (best === undefined || result.score > best.score) {
      best = { element, index, path: result.path, reason: result.reason, score: result.score };
    }
  });
  return best;
}
