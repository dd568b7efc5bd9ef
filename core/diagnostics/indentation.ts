// Mixed indentation: Prosody's scenarios indent with tabs; a file that indents some lines with
// tabs and others with spaces gets a hint on each line whose indentation starts with a space, which
// Format Document (core/format.ts) fixes. A tab followed by spaces (`\t  <pubsub>`, aligning within a
// level, as four corpus files do) is not flagged.

import type { Diagnostic } from '../model.js';
import { diagnostic } from './codes.js';

/** How a line is indented: not at all (or blank), with a tab first, or with a space first. */
export type Indentation = 'none' | 'tab' | 'space';

export function indentationOf(line: string): Indentation {
  return indentationAt(line, 0, line.length);
}

/** The indentation of the line text[start, end), as indentationOf gives it, without copying it. */
function indentationAt(text: string, start: number, end: number): Indentation {
  const first = text.charCodeAt(start);
  if (start === end || (first !== 9 && first !== 32)) return 'none';
  if (start + indentWidth(text, start, end) === end) return 'none';
  return first === 32 ? 'space' : 'tab';
}

/** The hint on a line indented with spaces (in a file where others are indented with tabs). */
export function mixedIndentation(line: number, text: string): Diagnostic {
  return diagnostic(
    'mixed-indentation',
    { start: { line, character: 0 }, end: { line, character: indentWidth(text, 0, text.length) } },
    'This line is indented with spaces, others with tabs. Format Document indents with tabs.',
  );
}

function indentWidth(text: string, start: number, end: number): number {
  let at = start;
  while (at < end && (text.charCodeAt(at) === 9 || text.charCodeAt(at) === 32)) at++;
  return at - start;
}

/** A whole text's indentation, its lines counted as a line feed or CR LF ends them: how many lines
 *  are indented with a tab first, and when there is one, the hint on each line indented with a
 *  space first. One pass over the text, no line copied but those hinted. */
export function fileIndentation(text: string): { tabLines: number; mixed: Diagnostic[] } {
  let tabLines = 0;
  /** Line number, start and end of each line indented with a space first. */
  const spaced: number[] = [];
  for (let line = 0, start = 0; ; line++) {
    const lineFeed = text.indexOf('\n', start);
    let end = lineFeed === -1 ? text.length : lineFeed;
    if (lineFeed !== -1 && end > start && text.charCodeAt(end - 1) === 13) end--;
    const indentation = indentationAt(text, start, end);
    if (indentation === 'tab') tabLines++;
    else if (indentation === 'space') spaced.push(line, start, end);
    if (lineFeed === -1) break;
    start = lineFeed + 1;
  }
  const mixed: Diagnostic[] = [];
  if (tabLines > 0) for (let i = 0; i < spaced.length; i += 3) mixed.push(mixedIndentation(spaced[i], text.slice(spaced[i + 1], spaced[i + 2])));
  return { tabLines, mixed };
}
