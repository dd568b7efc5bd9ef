// Re-indentation as Prosody's scenarios are written (../shared/corpus/prosody-0.12): a tab before
// each property of a character, and in a step's block one tab for the stanza and one more per
// element it stands in. Only the leading whitespace of indented lines changes: attributes, text and
// unindented lines (action lines, comments) stay as the author wrote them. A block the parser
// reports an error in is left alone, since its tree may not say how deep a line really is.

import type { Range, Scenario, XmlElement } from './model.js';

/** Replace the leading whitespace of `line` (its first `width` UTF-16 units) with `indent`. */
export interface IndentEdit {
  line: number;
  width: number;
  indent: string;
}

/** The edits that re-indent the lines from `first` to `last` (0-based, inclusive; the whole file
 *  by default). Lines already indented right get no edit. */
export function indentationEdits(scenario: Scenario, first = 0, last = Number.POSITIVE_INFINITY): IndentEdit[] {
  const lines = scenario.text.split(/\r?\n/);
  const wanted = new Map<number, number>();
  for (const character of scenario.characters) {
    for (const property of character.properties) wanted.set(property.range.start.line, 1);
  }
  for (const step of scenario.steps) {
    const block = step.block;
    if (!block || hasError(scenario, block.range)) continue;
    const depths = blockDepths(block.stanzas, block.range, lines);
    for (const [line, depth] of depths) wanted.set(line, depth);
  }
  const edits: IndentEdit[] = [];
  for (const [line, depth] of [...wanted].sort((a, b) => a[0] - b[0])) {
    if (line < first || line > last) continue;
    const text = lines[line] ?? '';
    const width = text.length - text.trimStart().length;
    // Blank lines and unindented lines are not re-indented.
    if (width === 0 || width === text.length) continue;
    const indent = '\t'.repeat(depth);
    if (text.slice(0, width) !== indent) edits.push({ line, width, indent });
  }
  return edits;
}

/** How many tabs each line of a block wants: 1 + the elements open across the line's start,
 *  one less for a line that starts with a closing tag. Lines that start inside a text that spans
 *  lines keep their whitespace (it is part of the text). */
function blockDepths(stanzas: readonly XmlElement[], range: Range, lines: readonly string[]): Map<number, number> {
  const first = range.start.line;
  const open = new Array<number>(range.end.line - first + 2).fill(0);
  const insideText = new Set<number>();
  const stack = [...stanzas];
  for (let element = stack.pop(); element; element = stack.pop()) {
    const { start, end } = element.range;
    if (end.line > start.line) {
      open[start.line + 1 - first]! += 1;
      open[end.line + 1 - first]! -= 1;
    }
    for (const child of element.children) {
      if (child.kind === 'element') stack.push(child);
      else if (child.text.trim() !== '') for (let line = child.range.start.line + 1; line <= child.range.end.line; line++) insideText.add(line);
    }
  }
  const depths = new Map<number, number>();
  let depth = 0;
  for (let line = first; line <= range.end.line; line++) {
    depth += open[line - first]!;
    if (insideText.has(line)) continue;
    const text = (lines[line] ?? '').trimStart();
    depths.set(line, 1 + depth - (text.startsWith('</') ? 1 : 0));
  }
  return depths;
}

function hasError(scenario: Scenario, range: Range): boolean {
  return scenario.diagnostics.some(
    (diagnostic) => diagnostic.severity === 'error' && diagnostic.range.start.line >= range.start.line && diagnostic.range.start.line <= range.end.line,
  );
}
