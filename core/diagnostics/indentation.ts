// Mixed indentation: Prosody's scenarios indent with tabs; a file that indents some lines with
// tabs and others with spaces gets a hint on each line whose indentation starts with a space, which
// Format Document (core/format.ts) fixes. A tab followed by spaces (`\t  <pubsub>`, aligning within a
// level, as four corpus files do) is not flagged.

import type { Diagnostic } from '../model.js';
import { diagnostic } from './codes.js';

/** How a line is indented: not at all (or blank), with a tab first, or with a space first. */
export type Indentation = 'none' | 'tab' | 'space';

export function indentationOf(line: string): Indentation {
  const first = line.charCodeAt(0);
  if (first !== 9 && first !== 32) return 'none';
  const width = indentWidth(line);
  if (width === line.length) return 'none';
  return first === 32 ? 'space' : 'tab';
}

/** The hint on a line indented with spaces (in a file where others are indented with tabs). */
export function mixedIndentation(line: number, text: string): Diagnostic {
  return diagnostic(
    'mixed-indentation',
    { start: { line, character: 0 }, end: { line, character: indentWidth(text) } },
    'This line is indented with spaces, others with tabs. Format Document indents with tabs.',
  );
}

function indentWidth(line: string): number {
  let width = 0;
  while (width < line.length && (line.charCodeAt(width) === 9 || line.charCodeAt(width) === 32)) width++;
  return width;
}

/** The lines of a text as this check counts them (a line feed, or CR LF, ends a line). */
export function indentationLines(text: string): string[] {
  return text.split(/\r?\n/);
}
