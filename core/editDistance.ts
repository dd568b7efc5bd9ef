// Levenshtein distance, for "did you mean" suggestions (verbs, character names in variables).

/** The number of single-character insertions, deletions and substitutions that turn `a` into `b`;
 *  Infinity when their lengths differ by more than 4 (too far apart to suggest one for the other). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 4) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
