// Which lines are comments: a line that starts at column 0 with `#`, `//` or `--` (a line of three
// or more dashes alone is the separator, not a comment). SCANSION.md section 1, "Comments": such a
// line is a comment wherever it stands, inside a block too, and is skipped there.

import type { Comment } from '../model.js';
import type { LineIndex } from './lines.js';

const separatorLine = /^-{3,}[ \t]*$/;

/** Whether `line` (a whole line, without its line break) is the separator. */
export function isSeparator(line: string): boolean {
  return separatorLine.test(line);
}

/** The comment marker that the line text[start, end) begins with, or undefined when it is no
 *  comment (indented, blank, the separator, or anything else). */
export function commentMarker(text: string, start: number, end: number): Comment['marker'] | undefined {
  if (start >= end) return undefined;
  const first = text.charCodeAt(start);
  if (first === 35 /* # */) return '#';
  const second = start + 1 < end ? text.charCodeAt(start + 1) : -1;
  if (first === 47 /* / */ && second === 47) return '//';
  if (first === 45 /* - */ && second === 45) return isSeparator(text.slice(start, end)) ? undefined : '--';
  return undefined;
}

/** Whether a line that begins with `text` is a comment or the separator, whatever follows (an
 *  adapter asks this of text being typed, or of a name that must not read as a comment). */
export function startsLikeComment(text: string): boolean {
  return commentMarker(text, 0, text.length) !== undefined || isSeparator(text);
}

/** `source` (whole lines of a block) with every comment line replaced by as many blanks: the XML
 *  parser skips them, and every position after them stays right. */
export function blankCommentLines(source: string): string {
  let result: string | undefined;
  let lineStart = 0;
  while (lineStart <= source.length) {
    let lineEnd = lineStart;
    while (lineEnd < source.length && source.charCodeAt(lineEnd) !== 10 && source.charCodeAt(lineEnd) !== 13) lineEnd++;
    if (commentMarker(source, lineStart, lineEnd) !== undefined) {
      result = (result ?? source).slice(0, lineStart) + ' '.repeat(lineEnd - lineStart) + (result ?? source).slice(lineEnd);
    }
    if (lineEnd >= source.length) break;
    lineStart = lineEnd + (source.charCodeAt(lineEnd) === 13 && source.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return result ?? source;
}

/** Whether a line of text[start, end), which `lines` indexes, is a comment line: the test before
 *  blankCommentLines, one look at each line's first characters. `firstLine` is the line that holds
 *  `start`, when known. */
export function holdsCommentLine(lines: LineIndex, start: number, end: number, firstLine = lines.lineAt(start)): boolean {
  const { starts, ends, text } = lines;
  for (let line = firstLine; line < starts.length && starts[line] < end; line++) {
    const from = Math.max(start, starts[line]);
    const code = text.charCodeAt(from);
    if ((code === 35 || code === 47 || code === 45) && commentMarker(text, from, Math.min(ends[line], end)) !== undefined) return true;
  }
  return false;
}
