// Expected and received stanzas side by side, line against line, with the differing parts of
// changed lines marked (attributes, text, element names). Free of `vscode`.

import { diffLines, diffWordsWithSpace } from 'diff';

export interface Segment {
  text: string;
  /** Differs from the other side. */
  changed: boolean;
}

export interface DiffRow {
  /** The expected side; absent when the line exists only in what was received. */
  left?: Segment[];
  /** The received side; absent when the line exists only in what was expected. */
  right?: Segment[];
}

function lines(text: string): string[] {
  const all = text.split('\n');
  return all[all.length - 1] === '' ? all.slice(0, -1) : all;
}

/** Marks what differs between two lines that stand in the same place. */
function pairSegments(left: string, right: string): { left: Segment[]; right: Segment[] } {
  const parts = diffWordsWithSpace(left, right);
  return {
    left: parts.filter((part) => !part.added).map((part) => ({ text: part.value, changed: part.removed })),
    right: parts.filter((part) => !part.removed).map((part) => ({ text: part.value, changed: part.added })),
  };
}

/** The rows of a side-by-side view of `expected` (left) and `actual` (right). */
export function sideBySide(expected: string, actual: string): DiffRow[] {
  const rows: DiffRow[] = [];
  const changes = diffLines(expected.endsWith('\n') ? expected : `${expected}\n`, actual.endsWith('\n') ? actual : `${actual}\n`);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (!change.added && !change.removed) {
      for (const line of lines(change.value)) rows.push({ left: [{ text: line, changed: false }], right: [{ text: line, changed: false }] });
      continue;
    }
    // A removal followed by an addition is a change: pair its lines up, the rest stand alone.
    const removed = change.removed ? lines(change.value) : [];
    const next = changes[i + 1];
    const added = change.added ? lines(change.value) : next?.added ? lines(next.value) : [];
    if (change.removed && next?.added) i++;
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const left = removed[k];
      const right = added[k];
      if (left !== undefined && right !== undefined) rows.push(pairSegments(left, right));
      else if (left !== undefined) rows.push({ left: [{ text: left, changed: true }] });
      else rows.push({ right: [{ text: right, changed: true }] });
    }
  }
  return rows;
}
