// Parsing successive versions of one document, as an editor does on every keystroke.
// Blocks whose text and first line did not change keep their parsed XML (BlockCache). An edit
// that stays within one line of an XML block (most typing) goes further: that block alone is
// re-parsed and spliced into the previous result, without reading the rest of the file again.

import type { Scenario, Step } from '../model.js';
import { BlockCache } from './blockCache.js';
import type { LineIndex } from './lines.js';
import { isSpace, parseBlock, ScenarioParser } from './scenario.js';
import { commonPrefix, commonSuffix } from './textDiff.js';
import { commentMarker } from './comments.js';

/** What the previous parse left for the next one. */
interface Previous {
  text: string;
  lines: LineIndex;
  scenario: Scenario;
  /** ScenarioParser.blockDiagnosticsAt for `scenario`. */
  blockDiagnosticsAt: number[];
}

/**
 * Parses successive versions of one document (an editor buffer). The results equal
 * parseScenario's; parts that did not change are shared with the previous result (stanza objects,
 * and after a one-line edit in a block, everything but that block's step), so treat results as
 * read-only.
 */
export class IncrementalParser {
  private readonly cache = new BlockCache();
  private previous: Previous | undefined;

  parse(text: string): Scenario {
    const spliced = this.previous && this.reparseOneBlock(this.previous, text);
    if (spliced) return spliced;
    const parser = new ScenarioParser(text, this.cache);
    const scenario = parser.parse();
    this.cache.finish();
    this.previous = { text, lines: parser.lines, scenario, blockDiagnosticsAt: parser.blockDiagnosticsAt };
    return scenario;
  }

  /** The new result when `text` differs from the previous text within one line of an XML block,
   *  and that line stays part of the block; undefined otherwise. */
  private reparseOneBlock(previous: Previous, text: string): Scenario | undefined {
    const old = previous.text;
    if (old === text) return undefined;
    const start = commonPrefix(old, text);
    const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - start);
    const oldEnd = old.length - suffix;
    const newEnd = text.length - suffix;
    // A line break changed (or a \r\n split or joined) moves lines: parse afresh.
    if (start > 0 && old.charCodeAt(start - 1) === 13) return undefined;
    if (hasLineBreak(old, start, oldEnd) || hasLineBreak(text, start, newEnd)) return undefined;

    const line = previous.lines.lineAt(start);
    const index = stepWithBlockAt(previous.scenario.steps, line);
    if (index === -1) return undefined;
    const step = previous.scenario.steps[index];
    const first = step.block!.range.start.line;
    const last = step.block!.range.end.line;
    const lines = previous.lines.edited(text, line, newEnd - oldEnd);
    // The line must stay in the block: indented (or empty), and not blank where the block's range
    // begins or ends.
    const lineStart = lines.starts[line];
    const lineEnd = lines.ends[line];
    if (lineStart < lineEnd && !isSpace(text.charCodeAt(lineStart))) return undefined;
    // A comment line inside the block (SCANSION.md section 1) that the edit turns into XML.
    const oldStart = previous.lines.starts[line];
    if (oldStart < previous.lines.ends[line] && !isSpace(old.charCodeAt(oldStart))) return undefined;
    if ((line === first || line === last) && isBlank(text, lineStart, lineEnd)) return undefined;

    // A block that took in lines at column 0 (an open stanza going on there), or that the edit
    // leaves open, may now end elsewhere: that is for a whole parse to find (continuation.ts).
    if (hasContinuationLine(text, lines, first, last)) return undefined;
    const removed = this.cache.at(first)?.diagnostics.length ?? 0;
    const parsed = parseBlock(lines, lines.starts[first], lines.ends[last], first);
    if (parsed.openDepth > 0 || parsed.endsInTag) return undefined;
    this.cache.replace(first, parsed);
    const range = { start: { line: first, character: 0 }, end: { line: last, character: lines.ends[last] - lines.starts[last] } };
    const steps = previous.scenario.steps.slice();
    steps[index] = { ...step, range: { start: step.range.start, end: range.end }, block: { range, stanzas: parsed.stanzas } };

    // Swap the block's XML diagnostics, which lie together in the parser's list.
    let { diagnostics } = previous.scenario;
    let { blockDiagnosticsAt } = previous;
    const at = blockDiagnosticsAt[index];
    if (removed > 0 || parsed.diagnostics.length > 0) {
      diagnostics = [...diagnostics.slice(0, at), ...parsed.diagnostics, ...diagnostics.slice(at + removed)];
      const shift = parsed.diagnostics.length - removed;
      if (shift !== 0) blockDiagnosticsAt = blockDiagnosticsAt.map((value, i) => (i > index ? value + shift : value));
    }
    const scenario: Scenario = { ...previous.scenario, text, steps, diagnostics };
    this.previous = { text, lines, scenario, blockDiagnosticsAt };
    return scenario;
  }
}

function hasLineBreak(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return true;
  }
  return false;
}

/** Whether a line of [first, last] starts at column 0 and is no comment. */
function hasContinuationLine(text: string, lines: LineIndex, first: number, last: number): boolean {
  for (let line = first; line <= last; line++) {
    const start = lines.starts[line];
    const end = lines.ends[line];
    if (start < end && !isSpace(text.charCodeAt(start)) && commentMarker(text, start, end) === undefined) return true;
  }
  return false;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The index of the step whose XML block spans `line`, or -1. Steps are in document order. */
function stepWithBlockAt(steps: Step[], line: number): number {
  let low = 0;
  let high = steps.length - 1;
  // The last step whose action line is above `line`.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (steps[middle].actionRange.start.line < line) low = middle;
    else high = middle - 1;
  }
  const block = steps[low]?.block;
  return block && block.range.start.line <= line && line <= block.range.end.line ? low : -1;
}
