// The line-oriented scenario parser behind parseScenario and IncrementalParser: each non-indented
// line is a comment, a header, the separator or an action; indented lines belong to the definition
// or the step above them. It never throws and keeps going after errors.

import type { Block, Character, Comment, Diagnostic, Metadata, Range, Scenario, Spanned, Step, XmlElement } from '../model.js';
import { editDistance } from '../editDistance.js';
import { diagnostic } from '../diagnostics/codes.js';
import { parseActionLine, type Piece } from './action.js';
import { parseHeader, parseProperty, trimmed, trimmedEnd } from './definition.js';
import { LineIndex, lineRange } from './lines.js';
import { parseBlock } from './lazyBlock.js';
import { findContinuation } from './continuation.js';
import type { BlockStore, ParsedBlock } from './blockCache.js';
import { commentMarker, isSeparator } from './comments.js';
import { ParsedStep, StepBlock } from './steps.js';
import { holdsMovedStanzas, MovedBlock, movedStanzas } from './moved.js';
import { isSpace } from './chars.js';

export { parseBlock } from './lazyBlock.js';

/** A step's block: its range (from column 0 of its first line), and the stanzas of `parsed`,
 *  neither built nor copied until read. */
export function blockOf(range: Range, parsed: ParsedBlock): Block {
  return holdsMovedStanzas(parsed)
    ? new MovedBlock(range, movedStanzas(parsed, 0))
    : new StepBlock(parsed, range.start.line, range.end.line, range.end.character);
}

/** The state parse() is in when it reaches a line that it reads as a line of its own (not one of a
 *  block) below the separator, and every definition: what parseLines() needs to read on from there
 *  alone. */
export interface LinesStart {
  /** The defined characters' names. */
  names: Iterable<string>;
  /** The separator's range. */
  separator: Range;
  /** The comment that heads the next step, if any. */
  heading: string | undefined;
  /** How many steps lie above. */
  firstStep: number;
}

export class ScenarioParser {
  readonly lines: LineIndex;
  /** The line parse() or parseLines() stopped at. */
  end = 0;
  /** Per step, how many diagnostics came before those of its block (IncrementalParser replaces
   *  that run when it re-parses one block alone). */
  readonly blockDiagnosticsAt: number[] = [];
  private readonly metadata: Metadata = { description: [], tags: [] };
  private readonly characters: Character[] = [];
  private readonly steps: Step[] = [];
  private readonly comments: Comment[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private separator: Range | undefined;
  /** Defined names, to read action lines whose names hold spaces. */
  private readonly names = new Set<string>();
  /** The definition whose property lines may follow. */
  private character: Character | undefined;
  private metadataOpen = true;
  private heading: string | undefined;
  private lastCommentLine = -2;
  /** The index of the first step found (parseLines() may start below others). */
  private firstStep = 0;

  /** `lines`: the index of `text`, when already made. */
  constructor(
    private readonly text: string,
    private readonly cache?: BlockStore,
    lines?: LineIndex,
  ) {
    this.lines = lines ?? new LineIndex(text);
  }

  /** Reads the text from its first line; with `to`, only up to the first line at or after `to`
   *  that it reads as a line of its own (`end`: IncrementalParser re-reads the definitions so). */
  parse(to = this.lines.count): Scenario {
    this.end = this.readLines(0, to);
    return this.result();
  }

  /** Reads lines [from, to) as parse() does when it reaches line `from` in the state `start` gives
   *  (IncrementalParser re-reads the lines around an edit so), and on past `to` up to the first line
   *  parse() would read as a line of its own (`end`). The result holds the steps, comments and
   *  diagnostics of those lines; its metadata and characters are empty, its separator `start`'s. */
  parseLines(from: number, to: number, start: LinesStart): Scenario {
    for (const name of start.names) this.names.add(name);
    this.metadataOpen = false;
    this.separator = start.separator;
    this.heading = start.heading;
    this.firstStep = start.firstStep;
    this.end = this.readLines(from, to);
    return this.result();
  }

  /** Reads lines from `from` until a line at or after `to` that is read as a line of its own, and
   *  returns that line. */
  private readLines(from: number, to: number): number {
    const { lines, text } = this;
    const count = Math.min(to, lines.count);
    let i = from;
    while (i < count) {
      const start = lines.starts[i];
      const end = lines.ends[i];
      const first = text.charCodeAt(start);
      if (start === end || (isSpace(first) && this.isBlank(start, end))) {
        i++;
        continue;
      }
      if (isSpace(first)) {
        if (this.character) {
          this.property(i);
          i++;
        } else {
          i = this.strayIndented(i);
        }
        continue;
      }
      // Comment lines leave a definition open: its properties may follow them.
      const line = text.slice(start, end);
      if (first === 35 /* # */) {
        this.hashComment(i, line);
        i++;
        continue;
      }
      this.metadataOpen = false;
      const marker = commentMarker(text, start, end);
      if (marker !== undefined) this.comment(i, line, marker);
      else if (isSeparator(line)) {
        this.character = undefined;
        this.separatorLine(i, line);
      } else if (first === 91 /* [ */) this.header(i, line);
      else {
        this.character = undefined;
        i = this.action(i, line);
        continue;
      }
      i++;
    }
    return i;
  }

  private result(): Scenario {
    const { text } = this;
    const scenario: Scenario = {
      text,
      metadata: this.metadata,
      characters: this.characters,
      steps: this.steps,
      comments: this.comments,
      diagnostics: this.diagnostics,
    };
    if (this.separator) scenario.separator = this.separator;
    return scenario;
  }

  private isBlank(start: number, end: number): boolean {
    for (let offset = start; offset < end; offset++) if (!isSpace(this.text.charCodeAt(offset))) return false;
    return true;
  }

  private spanned(line: number, piece: Piece): Spanned {
    return { value: piece.value, range: lineRange(line, piece.start, piece.end) };
  }

  // Comments and metadata

  private hashComment(line: number, text: string): void {
    const comment = this.comment(line, text, '#');
    if (!this.metadataOpen) return;
    const { metadata } = this;
    if (text.startsWith('##')) {
      const content = trimmed(text, 2);
      const colon = text.indexOf(':', content.start);
      const name = colon === -1 ? content : trimmed(text, content.start, colon);
      const tag: Metadata['tags'][number] = { name: this.spanned(line, name), range: comment.range };
      if (colon !== -1) tag.value = this.spanned(line, trimmed(text, colon + 1));
      metadata.tags.push(tag);
    } else {
      const content = this.spanned(line, trimmed(text, 1));
      if (metadata.title === undefined) metadata.title = content;
      else metadata.description.push(content);
    }
  }

  /** Records a comment line. One inside a block (`heading` false) introduces no step. */
  private comment(line: number, text: string, marker: Comment['marker'], heading = true): Comment {
    const end = trimmedEnd(text);
    const comment: Comment = { text: trimmed(text, marker.length).value, marker, range: lineRange(line, 0, end) };
    this.comments.push(comment);
    // Step headings: the first line of the latest group of `#` or `//` comments after the metadata.
    if (heading && !this.metadataOpen && marker !== '--' && comment.text !== '') {
      if (line !== this.lastCommentLine + 1) this.heading = comment.text;
      this.lastCommentLine = line;
    }
    return comment;
  }

  private separatorLine(line: number, text: string): void {
    if (this.separator === undefined) this.separator = lineRange(line, 0, trimmedEnd(text));
    this.heading = undefined;
  }

  // Character definitions

  private header(line: number, text: string): void {
    const parsed = parseHeader(text);
    const range = lineRange(line, 0, trimmedEnd(text));
    if (!parsed) {
      this.diagnostics.push(diagnostic('malformed-header', range, 'A character definition is written "[Client] Name": the "]" is missing.'));
      return;
    }
    const character: Character = {
      className: this.spanned(line, parsed.className),
      name: this.spanned(line, parsed.name),
      headerRange: range,
      range: { start: range.start, end: range.end },
      properties: [],
    };
    if (parsed.name.value === '') {
      this.diagnostics.push(diagnostic('missing-character-name', range, 'This character has no name: write "[Client] Name".'));
    } else {
      this.names.add(parsed.name.value);
    }
    this.characters.push(character);
    this.character = character;
  }

  private property(line: number): void {
    const character = this.character!;
    const text = this.lines.line(line);
    const content = trimmed(text);
    character.range.end = { line, character: content.end };
    if (content.value.startsWith('#') || content.value.startsWith('//')) {
      this.comments.push({
        text: trimmed(text, content.start + (content.value[0] === '#' ? 1 : 2)).value,
        marker: content.value[0] === '#' ? '#' : '//',
        range: lineRange(line, content.start, content.end),
      });
      return;
    }
    const parsed = parseProperty(text);
    const range = lineRange(line, content.start, content.end);
    if (!parsed) {
      this.diagnostics.push(diagnostic('property-syntax', range, 'A property is written "key: value", for example "jid: romeo@localhost".'));
      return;
    }
    character.properties.push({ key: this.spanned(line, parsed.key), value: this.spanned(line, parsed.value), range });
  }

  /** Indented lines that follow neither a definition nor a step with a block. */
  private strayIndented(line: number): number {
    this.runComments = false;
    const next = this.indentedRun(line - 1);
    if (this.runComments) this.commentsWithin(line, next);
    this.diagnostics.push(
      diagnostic('unexpected-indent', this.runRange(), 'This indented text belongs to no character definition and to no sends/receives step.'),
    );
    return next;
  }

  // Actions

  /** The first and last indented non-blank lines of the run indentedRun found last (-1 when none):
   *  numbers rather than a range, made for every step. */
  private runFirst = -1;
  private runLast = -1;
  /** Set when indentedRun skips a comment line (or a block takes in lines at column 0); reset by
   *  the reader of a step or stray run: without it, commentsWithin has nothing to find there. */
  private runComments = false;

  /** Finds the indented lines after `line`, with the blank and comment lines among them (a comment
   *  line is skipped wherever it stands: SCANSION.md section 1): the first and last indented
   *  non-blank lines go to runFirst and runLast. Returns the line after the run. */
  private indentedRun(line: number): number {
    const { lines, text } = this;
    const count = lines.count;
    let first = -1;
    let last = -1;
    for (let next = line + 1; next < count; next++) {
      const start = lines.starts[next];
      const end = lines.ends[next];
      if (start === end) continue;
      if (!isSpace(text.charCodeAt(start))) {
        if (commentMarker(text, start, end) === undefined) break;
        this.runComments = true;
        continue;
      }
      if (this.isBlank(start, end)) continue;
      if (first === -1) first = next;
      last = next;
    }
    this.runFirst = first;
    this.runLast = last;
    return first === -1 ? line + 1 : last + 1;
  }

  /** The range of lines [runFirst, runLast], from column 0 to the end of the last. */
  private runRange(): Range {
    return this.linesRange(this.runFirst, this.runLast);
  }

  private linesRange(first: number, last: number): Range {
    const { starts, ends } = this.lines;
    return { start: { line: first, character: 0 }, end: { line: last, character: ends[last] - starts[last] } };
  }

  /** Records the comment lines among lines [from, to): those inside a step or a stray run. */
  private commentsWithin(from: number, to: number): void {
    const { lines, text } = this;
    for (let line = from; line < to; line++) {
      const marker = commentMarker(text, lines.starts[line], lines.ends[line]);
      if (marker !== undefined) this.comment(line, lines.line(line), marker, false);
    }
  }

  /** The parsed XML of lines [firstLine, lastLine], from the cache when this block was parsed last time. */
  private blockXml(firstLine: number, lastLine: number): ParsedBlock {
    const { starts, ends } = this.lines;
    const start = starts[firstLine];
    const end = ends[lastLine];
    if (!this.cache) return parseBlock(this.lines, start, end, firstLine, false);
    let parsed = this.cache.get(firstLine, this.text.slice(start, end));
    if (!parsed) {
      parsed = parseBlock(this.lines, start, end, firstLine);
      this.cache.set(firstLine, parsed);
    }
    return parsed;
  }

  /** Set by stepBlock: the last line of the block it found, and the line after the block. */
  private blockLast = -1;
  private blockNext = -1;

  /**
   * The XML block of the step at `line`, whose indented run is lines [first, last] followed by line
   * `next`; where it ends goes to blockLast and blockNext. When its stanza is left open and goes on
   * at column 0 (Prosody's mod_scansion_record writes a line break in a message body so), the block
   * takes in those lines, and one `unindented-continuation` error per run of them says so; see
   * continuation.ts for when a line at column 0 counts as such.
   */
  private stepBlock(line: number, first: number, last: number, next: number): ParsedBlock {
    let parsed = this.blockXml(first, last);
    let continued: number[] | undefined;
    while (parsed.openDepth > 0 || parsed.endsInTag) {
      const found = findContinuation(this.lines, next, parsed, (at) => this.isStepLine(at));
      if (!found) break;
      (continued ??= []).push(...found.lines);
      this.runComments = true;
      next = this.indentedRun(found.last);
      last = this.runFirst === -1 ? found.last : this.runLast;
      parsed = this.blockXml(first, last);
    }
    for (const item of parsed.diagnostics) this.diagnostics.push(item);
    if (continued) this.reportContinuation(line, first, continued, parsed.stanzas);
    this.blockLast = last;
    this.blockNext = next;
    return parsed;
  }

  /** Whether the non-indented line `line` reads as a line of its own: a step, a header. */
  private isStepLine(line: number): boolean {
    const text = this.lines.line(line);
    return text.charCodeAt(0) === 91 /* [ */ || parseActionLine(text, this.names).kind === 'action';
  }

  /** One error per run of continuation lines (blank lines between them do not break a run). Its
   *  data: the block's `indent`, the `lines` to indent, and whether every line break before them
   *  lies inside text (`joinable`): indenting adds to that text, writing the break as `&#10;` on
   *  the line above keeps it exactly (text is matched trimmed at its ends only). */
  private reportContinuation(actionLine: number, firstLine: number, continued: number[], stanzas: XmlElement[]): void {
    const { lines, text } = this;
    const firstText = lines.line(firstLine);
    const indent = firstText.slice(0, firstText.length - firstText.trimStart().length);
    let from = 0;
    for (let i = 1; i <= continued.length; i++) {
      if (i < continued.length && this.onlyBlankBetween(continued[i - 1], continued[i])) continue;
      const runLines = continued.slice(from, i);
      const startLine = runLines[0];
      const endLine = runLines[runLines.length - 1];
      const range = { start: { line: startLine, character: 0 }, end: { line: endLine, character: trimmedEnd(lines.line(endLine)) } };
      const where = runLines.length === 1 ? 'an unindented line' : `${runLines.length} unindented lines`;
      this.diagnostics.push(
        diagnostic(
          'unindented-continuation',
          range,
          `The stanza of the step at line ${actionLine + 1} continues on ${where}: indent ${runLines.length === 1 ? 'it' : 'them'} like the rest of the block (a line at column 0 ends a block).`,
          {
            indent,
            lines: runLines,
            joinable: runLines.every((at) => commentMarker(text, lines.starts[at - 1], lines.ends[at - 1]) === undefined && insideText(stanzas, at)),
          },
        ),
      );
      from = i;
    }
  }

  /** Whether only blank and comment lines stand between lines `from` and `to`. */
  private onlyBlankBetween(from: number, to: number): boolean {
    const { lines, text } = this;
    for (let line = from + 1; line < to; line++) {
      const start = lines.starts[line];
      const end = lines.ends[line];
      if (!this.isBlank(start, end) && commentMarker(text, start, end) === undefined) return false;
    }
    return true;
  }

  private action(line: number, text: string): number {
    const parsed = parseActionLine(text, this.names);
    this.runComments = false;
    const next = this.indentedRun(line);
    if (parsed.kind !== 'action' && this.runComments) this.commentsWithin(line + 1, next);
    switch (parsed.kind) {
      case 'missing-verb':
        this.diagnostics.push(
          diagnostic(
            'missing-verb',
            lineRange(line, parsed.character.start, parsed.character.end),
            `"${parsed.character.value}" is not a step: write a character name and a verb (connects, disconnects, sends: or receives:).`,
          ),
        );
        return next;
      case 'missing-character':
        this.diagnostics.push(
          diagnostic(
            'missing-character-name',
            lineRange(line, parsed.verb.start, parsed.verb.end),
            `Who ${parsed.verb.value}? Start the line with a character name, e.g. "Romeo ${parsed.verb.value}".`,
          ),
        );
        return next;
      case 'unknown-verb': {
        const hint = parsed.suggestion ? ` Did you mean "${parsed.suggestion}"?` : ' The verbs are connects, disconnects, sends: and receives:.';
        const data: Record<string, unknown> = { verb: parsed.verb.value, character: parsed.character.value };
        if (parsed.suggestion) data.suggestion = parsed.suggestion;
        this.diagnostics.push(
          diagnostic('unknown-verb', lineRange(line, parsed.verb.start, parsed.verb.end), `Unknown verb "${parsed.verb.value}".${hint}`, data),
        );
        return next;
      }
    }
    const verb = parsed.verb.value;
    // `receives: nothin` (one edit from "nothing", any case) is one error that suggests "nothing", and
    // the step reads as `receives: nothing`, so it is not also a `receives` without its stanza
    // (issue 8, item 7). "anything" is two edits away: not taken for a typo.
    const nearlyNothing =
      verb === 'receives' && parsed.rest !== undefined && parsed.rest.value !== 'nothing' && editDistance(parsed.rest.value.toLowerCase(), 'nothing') <= 1;
    const nothing = verb === 'receives' && (parsed.rest?.value === 'nothing' || nearlyNothing);
    if (parsed.rest && nearlyNothing) {
      this.diagnostics.push(
        diagnostic('unexpected-text', lineRange(line, parsed.rest.start, parsed.rest.end), `Unexpected text after "receives". Did you mean "nothing"?`, {
          suggestion: 'nothing',
        }),
      );
    } else if (parsed.rest && (verb === 'sends' || verb === 'receives') && !nothing && parsed.rest.value.startsWith('<')) {
      // `Romeo receives: <presence/>`: one error at the stanza (steps.ts then reports no empty block).
      this.diagnostics.push(
        diagnostic(
          'stanza-on-action-line',
          lineRange(line, parsed.rest.start, parsed.rest.end),
          `The stanza goes on its own indented line below "${parsed.character.value} ${verb}:", not on the action line.`,
        ),
      );
    } else if (parsed.rest && !nothing) {
      const expected =
        verb === 'receives'
          ? ' (only "receives: nothing" takes a word after the verb; the stanza goes on the indented lines below)'
          : verb === 'sends'
            ? ' (the stanza goes on the indented lines below)'
            : '';
      this.diagnostics.push(diagnostic('unexpected-text', lineRange(line, parsed.rest.start, parsed.rest.end), `Unexpected text after "${verb}"${expected}.`));
    }
    // The character's name starts the line (parseActionLine).
    const step = new ParsedStep(
      this.firstStep + this.steps.length,
      parsed.character.value,
      verb,
      nothing,
      line,
      parsed.character.end,
      parsed.verb.start,
      parsed.verb.end,
      trimmedEnd(text),
    );
    // A comment heads the step right below it, not the ones after (issue 8: Outline, Test Explorer).
    if (this.heading !== undefined) step.heading = this.heading;
    this.heading = undefined;
    this.steps.push(step);
    this.blockDiagnosticsAt.push(this.diagnostics.length);
    const first = this.runFirst;
    if (first === -1) return next;
    if ((verb === 'sends' || verb === 'receives') && !nothing) {
      const parsed = this.stepBlock(line, first, this.runLast, next);
      const last = this.blockLast;
      if (this.runComments) this.commentsWithin(line + 1, this.blockNext);
      const endCharacter = this.lines.ends[last] - this.lines.starts[last];
      // Without a cache the block was parsed just now: its stanzas were not moved.
      step.block = this.cache ? blockOf(this.linesRange(first, last), parsed) : new StepBlock(parsed, first, last, endCharacter);
      step.endLine = last;
      step.endCharacter = endCharacter;
      return this.blockNext;
    } else {
      if (this.runComments) this.commentsWithin(line + 1, next);
      const what = nothing ? '"receives: nothing"' : `"${verb}"`;
      this.diagnostics.push(diagnostic('unexpected-block', this.runRange(), `${what} takes no XML block; this indented text belongs to no step.`));
    }
    return next;
  }
}

/** Whether the start of `line` lies strictly inside a text node of `stanzas`. */
function insideText(stanzas: readonly XmlElement[], line: number): boolean {
  const pending: XmlElement[] = [...stanzas];
  for (let element = pending.pop(); element; element = pending.pop()) {
    if (element.range.start.line >= line || element.range.end.line < line) continue;
    for (const child of element.children) {
      if (child.kind === 'element') pending.push(child);
      else if (child.range.start.line < line && (child.range.end.line > line || (child.range.end.line === line && child.range.end.character > 0))) return true;
    }
  }
  return false;
}
