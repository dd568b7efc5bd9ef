// Lines at column 0 that continue an open stanza. Prosody's mod_scansion_record writes the text of
// a message body with a line break as it is, so the text's next line starts at column 0 and ends
// the block there, leaving the stanza open (SCANSION.md section 1, "Unindented lines inside a
// stanza"). The parser takes such lines into the block and reports them once, instead of a cascade
// of unclosed tags, stray text and unknown verbs.

import { commentMarker, isSeparator } from './comments.js';
import type { LineIndex } from './lines.js';

/** How far past the block a continuation is looked for, in lines. */
export const maxLines = 1000;

export interface Continuation {
  /** The lines at column 0 taken into the block, in order. */
  lines: number[];
  /** The last line taken into the block. */
  last: number;
}

/**
 * Where a block whose stanza is left open (`openDepth` elements deep, and maybe in the middle of a
 * start tag) goes on, from line `from` (the first line after its indented lines). Lines at column 0 that are no comment are continuation lines, and
 * the tags on every line taken in are counted:
 * - when the count closes the stanza at the end of a line, the block runs to that line, even over
 *   lines that read as steps (`isStepLine`), unless such a line follows a blank line or has
 *   indented lines of its own: a forgotten closing tag then stays what it is, the next step stays
 *   a step, and the search ends at the next step with a block (so a file is read about once);
 * - when it never closes, the block takes in the continuation lines up to the first one that
 *   reads as a step, so that the open stanza is still reported, once, as unclosed.
 * Undefined when the block takes in no line at column 0. A separator line always ends the block.
 */
export function findContinuation(
  lines: LineIndex,
  from: number,
  open: { openDepth: number; endsInTag: boolean },
  isStepLine: (line: number) => boolean,
): Continuation | undefined {
  const text = lines.text;
  const depth = new TagDepth(open.openDepth, open.endsInTag);
  const taken: number[] = [];
  let fallback: Continuation | undefined;
  let stepSeen = false;
  let afterBlank = false;
  const end = Math.min(lines.count, from + maxLines);
  for (let line = from; line < end; line++) {
    const start = lines.starts[line];
    const stop = lines.ends[line];
    if (isBlankLine(text, start, stop)) {
      afterBlank = true;
      continue;
    }
    const code = text.charCodeAt(start);
    if (code !== 32 && code !== 9) {
      if (commentMarker(text, start, stop) !== undefined) continue;
      if (isSeparator(text.slice(start, stop))) break;
      if (isStepLine(line)) {
        if (afterBlank || indentedNext(lines, line + 1)) break;
        stepSeen = true;
      }
      taken.push(line);
    }
    afterBlank = false;
    depth.feed(text, start, stop);
    if (depth.closed()) return taken.length > 0 ? { lines: taken, last: line } : undefined;
    if (!stepSeen && taken.length > 0) fallback = { lines: taken.slice(), last: line };
  }
  return fallback;
}

/** Whether the first line from `from` on that is neither blank nor a comment is indented. */
function indentedNext(lines: LineIndex, from: number): boolean {
  const text = lines.text;
  for (let line = from; line < lines.count; line++) {
    const start = lines.starts[line];
    const end = lines.ends[line];
    if (isBlankLine(text, start, end)) continue;
    const code = text.charCodeAt(start);
    if (code === 32 || code === 9) return true;
    if (commentMarker(text, start, end) === undefined) return false;
  }
  return false;
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** Counts open elements over successive lines: +1 for a start tag, -1 for a closing tag; empty
 *  elements, comments, CDATA sections and processing instructions leave the count as it is. An
 *  estimate for finding where a stanza ends; the XML parser has the last word. */
class TagDepth {
  /** What is being read across line ends: a tag (and its quote), or the end string of a comment,
   *  CDATA section or processing instruction. */
  private closing = false;
  private quote = 0;
  private until: string | undefined;

  /** `inTag`: the text starts in the middle of a start tag. */
  constructor(
    private depth: number,
    private inTag: boolean,
  ) {}

  closed(): boolean {
    return this.depth <= 0 && !this.inTag && this.until === undefined;
  }

  feed(text: string, start: number, end: number): void {
    let i = start;
    while (i < end) {
      if (this.until !== undefined) {
        const found = text.indexOf(this.until, i);
        if (found === -1 || found >= end) return;
        i = found + this.until.length;
        this.until = undefined;
        continue;
      }
      const code = text.charCodeAt(i);
      if (this.inTag) {
        if (this.quote !== 0) {
          if (code === this.quote) this.quote = 0;
        } else if (code === 34 || code === 39) {
          this.quote = code;
        } else if (code === 62 /* > */) {
          this.inTag = false;
          if (this.closing) this.depth--;
          else if (text.charCodeAt(i - 1) !== 47 /* / */) this.depth++;
        }
        i++;
        continue;
      }
      if (code === 60 /* < */) {
        if (text.startsWith('<!--', i)) {
          this.until = '-->';
          i += 4;
        } else if (text.startsWith('<![CDATA[', i)) {
          this.until = ']]>';
          i += 9;
        } else if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
          this.until = '>';
          i += 2;
        } else {
          this.inTag = true;
          this.closing = text.charCodeAt(i + 1) === 47;
          i++;
        }
        continue;
      }
      i++;
    }
  }
}
