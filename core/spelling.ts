// Did-you-mean suggestions: the candidate a misspelt word most likely meant (a character name), by
// edit distance (core/editDistance.ts).

import { editDistance } from './editDistance.js';

/** The candidate closest to `written`, when it is at most `max(2, length / 3)` edits away; ties
 *  go to the earlier candidate. */
export function closestWord<Word extends string>(written: string, candidates: Iterable<Word>): Word | undefined {
  let best: Word | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(written, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(written.length / 3)) ? best : undefined;
}
