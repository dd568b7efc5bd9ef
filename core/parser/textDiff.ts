// Where two versions of a long text differ, found without a character-by-character walk over
// the equal parts: slices are compared (a native comparison) in halving steps.

/** Slices shorter than this are compared character by character. */
const smallest = 32;

/** How many leading UTF-16 units `a` and `b` share. */
export function commonPrefix(a: string, b: string): number {
  // Invariant: a[0, low) equals b[0, low), and the answer is at most `high`.
  let low = 0;
  let high = Math.min(a.length, b.length);
  while (high - low > smallest) {
    const middle = (low + high) >>> 1;
    if (a.slice(low, middle) === b.slice(low, middle)) low = middle;
    else high = middle;
  }
  while (low < high && a.charCodeAt(low) === b.charCodeAt(low)) low++;
  return low;
}

/** How many trailing UTF-16 units `a` and `b` share, counting at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = Math.min(a.length, b.length, limit);
  while (high - low > smallest) {
    const middle = (low + high) >>> 1;
    if (a.slice(a.length - middle, a.length - low) === b.slice(b.length - middle, b.length - low)) low = middle;
    else high = middle;
  }
  while (low < high && a.charCodeAt(a.length - 1 - low) === b.charCodeAt(b.length - 1 - low)) low++;
  return low;
}
