// One kind of diagnostic of a document (IncrementalDiagnostics keeps one layer per check), kept
// sorted, with its count per severity, so that an edit can swap the diagnostics of the lines it
// changed and move those below it without sorting or counting the rest again.

import type { Diagnostic } from '../model.js';
import { firstStartingAt, shiftDiagnostic } from '../parser/shift.js';
import { countSeverities, type SeverityCounts } from './limit.js';

const severityOrder = { error: 0, warning: 1, information: 2, hint: 3 };

/** diagnose()'s order: by position, then severity. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || severityOrder[a.severity] - severityOrder[b.severity];
}

/** `items` sorted by compareDiagnostics, equal ones in the order given (a stable sort). */
export function sortedDiagnostics(items: Diagnostic[]): Diagnostic[] {
  return items.length > 1 ? items.sort(compareDiagnostics) : items;
}

/** Diagnostics sorted by compareDiagnostics (equal ones in the order found), with their counts.
 *  Diagnostics are never changed in place: moved ones are copies, so lists handed out before stay
 *  as they were. */
export class Layer {
  items: Diagnostic[] = [];
  counts: SeverityCounts = countSeverities([]);

  /** Sets the layer to `items`, which it sorts (and keeps). */
  constructor(items: Diagnostic[] = []) {
    this.set(items);
  }

  set(items: Diagnostic[]): void {
    this.items = sortedDiagnostics(items);
    this.counts = countSeverities(items);
  }

  /** Old lines [first, last] (0-based; none when last < first) gave way to `lines` more or fewer
   *  lines: the diagnostics starting on them are replaced with `added` (which must lie on the new
   *  lines [first, last + lines]), and those starting below them move `lines` lines. O(diagnostics
   *  below) when lines move, O(log diagnostics + changed) otherwise. */
  replaceLines(first: number, last: number, lines: number, added: Diagnostic[]): void {
    const items = this.items;
    const from = firstStartingAt(items, first);
    const to = Math.max(from, firstStartingAt(items, last + 1));
    for (let i = from; i < to; i++) this.counts[items[i].severity]--;
    for (const item of added) this.counts[item.severity]++;
    const sortedAdded = sortedDiagnostics(added);
    // A spread into splice() passes each item as an argument: too many overflow the stack.
    if (sortedAdded.length > 1000) this.items = items.slice(0, from).concat(sortedAdded, items.slice(to));
    else if (to - from !== 0 || sortedAdded.length !== 0) items.splice(from, to - from, ...sortedAdded);
    const moved = this.items;
    if (lines !== 0) for (let i = from + sortedAdded.length; i < moved.length; i++) moved[i] = shiftDiagnostic(moved[i], lines);
  }

  /** replaceLines() for several runs of lines at once, none moved: the diagnostics starting on
   *  lines [firsts[i], lasts[i]] (runs in line order, not overlapping) are replaced with `added`,
   *  each of which lies on one of them. O(diagnostics + added): one pass. */
  replaceRuns(firsts: readonly number[], lasts: readonly number[], added: Diagnostic[]): void {
    if (firsts.length === 0) return;
    const items = this.items;
    const sortedAdded = sortedDiagnostics(added);
    const kept: Diagnostic[] = [];
    let i = 0;
    let j = 0;
    for (let run = 0; run < firsts.length; run++) {
      while (i < items.length && items[i].range.start.line < firsts[run]) kept.push(items[i++]);
      for (; i < items.length && items[i].range.start.line <= lasts[run]; i++) this.counts[items[i].severity]--;
      for (; j < sortedAdded.length && sortedAdded[j].range.start.line <= lasts[run]; j++) {
        kept.push(sortedAdded[j]);
        this.counts[sortedAdded[j].severity]++;
      }
    }
    while (i < items.length) kept.push(items[i++]);
    this.items = kept;
  }

  /** Whether an item starting below line `line` satisfies `test`. */
  someBelow(line: number, test: (item: Diagnostic) => boolean): boolean {
    for (let i = firstStartingAt(this.items, line + 1); i < this.items.length; i++) if (test(this.items[i])) return true;
    return false;
  }
}

/** `layers` merged in order (a k-way merge: among equal diagnostics, those of earlier layers
 *  first), at most `limit` of them, then the next one (undefined when all fit). */
export function mergeLayers(layers: readonly Diagnostic[][], limit: number): { merged: Diagnostic[]; next: Diagnostic | undefined } {
  const heads = layers.map(() => 0);
  const merged: Diagnostic[] = [];
  const take = (): Diagnostic | undefined => {
    let best = -1;
    for (let layer = 0; layer < layers.length; layer++) {
      const item = layers[layer][heads[layer]];
      if (item !== undefined && (best === -1 || compareDiagnostics(item, layers[best][heads[best]]) < 0)) best = layer;
    }
    return best === -1 ? undefined : layers[best][heads[best]++];
  };
  while (merged.length < limit) {
    const item = take();
    if (item === undefined) return { merged, next: undefined };
    merged.push(item);
  }
  return { merged, next: take() };
}
