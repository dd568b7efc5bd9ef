// Parses the XML of one block with saxes and builds XmlElement trees whose ranges point into the
// .scs file. One saxes parser serves every block (saxes resets itself on close). Besides positions,
// this module adds what saxes lacks for an editor: namespace resolution with the stream's defaults,
// and recovery from misspelt closing tags so that one mistake earns one diagnostic.

import type { SaxesAttributePlain, SaxesParser, SaxesTag } from 'saxes';
import { fragmentParser, type BlockHandlers } from './saxesParser.js';
import type { Diagnostic, Position, Range, XmlElement, VariableRef } from '../model.js';
import { SCANSION_NS } from '../model.js';
import { diagnostic, type Code } from '../diagnostics/codes.js';
import { LineIndex } from './lines.js';
import { BlockPositions } from './blockPositions.js';
import { contentEnd, contentStart, noVariables, quotedValueStart, variablesIn } from './xmlText.js';
import { blockScope, declare, XMLNS_NS, type NamespaceScope } from '../xml/namespaces.js';
import { blankCommentLines, holdsCommentLine } from './comments.js';
import { isXmlSpace, startsWithAt } from './chars.js';
import { noAttributes, noNodes, ParsedAttribute, ParsedElement, ParsedText } from './nodes.js';

/** Most errors a single block reports; past that, the rest of the block is noise. */
const maxErrorsPerBlock = 20;

/** Blocks go to saxes in chunks of this size, so that parsing stops soon after the error limit
 *  (saxes builds an Error object for every bad character of a binary block). */
export const chunkSize = 16 * 1024;

/** How far ahead a closing tag is looked for, to tell a stray closing tag from a misspelt one. */
const lookAhead = 4096;

/** Deepest nesting the tree follows. Stanzas are a few levels deep; past this the block is
 *  abandoned, so that hostile input (a megabyte of `<a>`) neither builds a huge tree nor makes
 *  recursive tree walks overflow the stack. */
export const maxDepth = 256;

/** `&` that does not start a well-formed reference. saxes would read to the next `;` and lose the block. */
const bareAmpersand = /&(?!(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][A-Za-z0-9_.-]*);)/g;

/** `</` with no name after it, only blanks up to the next tag or the end of the block: a closing
 *  tag begun and left. saxes would read the next tag into it and fail once per character. */
const danglingCloseTag = /<\/(?=[ \t\r\n]*(?:<|$))/g;

/** An open element, the namespace scope inside it, and its depth (1 for a stanza). */
interface Open {
  element: ParsedElement;
  scope: NamespaceScope;
  depth: number;
}

/** Empties `array` and keeps its memory for the next use: setting `length = 0` gives the memory up,
 *  and the next push allocates it again (for the attributes of every start tag, of every block). */
function emptied(array: unknown[]): void {
  while (array.length > 0) array.pop();
}

/** Where the last `</` that starts at or before `from` begins, or -1. */
function lastCloseTagStart(source: string, from: number): number {
  for (let at = Math.min(from, source.length - 2); at >= 0; at--) if (source.charCodeAt(at) === 60 && source.charCodeAt(at + 1) === 47) return at;
  return -1;
}

/** Whether `source` holds a `&` that starts no well-formed reference (reported, and read as `_`). */
export function hasBareAmpersand(source: string): boolean {
  bareAmpersand.lastIndex = 0;
  return bareAmpersand.test(source);
}

/** Whether `source` holds a match of danglingCloseTag: a test without the regular expression. */
export function hasDanglingCloseTag(source: string): boolean {
  for (let at = source.indexOf('</'); at !== -1; at = source.indexOf('</', at + 2)) {
    let next = at + 2;
    while (next < source.length && isXmlSpace(source.charCodeAt(next))) next++;
    if (next === source.length || source.charCodeAt(next) === 60) return true;
  }
  return false;
}

/** Whether `offset` lies inside an `open` ... `close` construct (or after an unterminated one). */
function within(source: string, offset: number, open: string, close: string): boolean {
  const opened = source.lastIndexOf(open, offset);
  if (opened === -1) return false;
  const closed = source.indexOf(close, opened + open.length);
  return closed === -1 || closed > offset;
}

/** The XML parser of blocks. Its on* methods are saxes's handlers (saxesParser.ts), for no one else. */
export class BlockXmlParser implements BlockHandlers {
  private parser!: SaxesParser<{ fragment: true }>;
  // State of the block being parsed. Offsets handed to saxes are block-relative; `base` maps them
  // to the file.
  private source = '';
  /** Positions of block offsets in the file. */
  private readonly at = new BlockPositions();
  private diagnostics: Diagnostic[] = [];
  private errorCount = 0;
  private roots: ParsedElement[] = [];
  /** The open elements, as saxes sees them. */
  private stack: Open[] = [];
  /** Elements saxes closed because of a misspelt closing tag, which our tree keeps open: their own
   *  closing tag, when it comes, closes them without a second error. */
  private detached: Open[] = [];
  /** Elements saxes popped at the current mismatched closing tag, innermost first. */
  private popped: Open[] = [];
  /** Elements written `<a b=c/>`: saxes reads the `/` into the unquoted value and keeps them open. */
  private sloppy = new Set<ParsedElement>();
  private anySloppy = false;
  /** Block offset past a closing tag that only closed a sloppy element besides its own. */
  private excusedAt = -1;
  /** The attributes of the start tag being read, and those among them that are unquoted or
   *  already reported. */
  private pending: ParsedAttribute[] = [];
  /** Block offset of the first pending attribute's name. */
  private firstAttributeStart = 0;
  private unquoted = new Set<ParsedAttribute>();
  private reportedAttributes = new Set<ParsedAttribute>();
  /** Block offset where the current run of text began (just after the last markup). */
  private textStart = 0;
  /** Block offset just past a closing tag that closed other elements than the one it names. */
  private mismatchAt = -1;
  private mismatchExpected = '';
  /** Block offset just past the closing tag whose mismatch was reported. */
  private reportedMismatchAt = -1;
  /** Set when an element nests deeper than maxDepth: saxes's further events are ignored. */
  private abandoned = false;
  /** Set while saxes reads a closing tag already reported as malformed (it fails once per character). */
  private badCloseTag = false;
  /** How many elements the last block parsed left open (0 for an abandoned or unreadable block). */
  openDepth = 0;
  /** Whether the last block parsed ended in the middle of a tag. */
  endsInTag = false;

  constructor() {
    this.createParser();
  }

  /** Parses `text`, the block at offset `start` of the text `lines` indexes (or a copy of it),
   *  which starts on line `firstLine`, and returns its top-level elements; adds its diagnostics to
   *  `diagnostics`. Names, values and texts are cut from `text`: a copy keeps only the block
   *  alive, not the whole file (standalone.ts), which a cached block needs. */
  parse(text: string, lines: LineIndex, start: number, firstLine: number, diagnostics: Diagnostic[]): XmlElement[] {
    this.at.reset(lines, start, firstLine, 0);
    return this.read(text, lines, start, diagnostics);
  }

  /** Parses `text`, a block's own text that starts the file's line `firstLine`, as `parse` parses
   *  it in its file: the same elements at the same places (a block's lines are whole lines, so its
   *  positions do not depend on the rest of the file), and the same diagnostics, into `diagnostics`. */
  parseAlone(text: string, firstLine: number, diagnostics: Diagnostic[]): XmlElement[] {
    const lines = new LineIndex(text);
    this.at.reset(lines, 0, 0, firstLine);
    return this.read(text, lines, 0, diagnostics);
  }

  /** Parses `source`, the text of the block at offset `start` of the text `lines` indexes. */
  private read(source: string, lines: LineIndex, start: number, diagnostics: Diagnostic[]): XmlElement[] {
    const end = start + source.length;
    this.diagnostics = diagnostics;
    this.errorCount = 0;
    this.textStart = 0;
    this.mismatchAt = -1;
    this.excusedAt = -1;
    this.reportedMismatchAt = -1;
    this.abandoned = false;
    this.badCloseTag = false;
    this.openDepth = 0;
    this.endsInTag = false;
    if (holdsCommentLine(lines, start, end)) source = blankCommentLines(source);
    if (source.includes('&')) source = this.neutraliseBareAmpersands(source);
    source = this.neutraliseDanglingCloseTags(source);
    this.source = source;
    try {
      for (let offset = 0; offset < source.length && this.errorCount <= maxErrorsPerBlock && !this.abandoned; offset += chunkSize) {
        this.parser.write(source.length <= chunkSize ? source : source.slice(offset, offset + chunkSize));
      }
      this.parser.close();
      if (this.abandoned) {
        this.endAbandoned();
        this.openDepth = 0;
        this.endsInTag = false;
      } else for (let i = this.detached.length - 1; i >= 0; i--) this.unclosed(this.detached[i].element);
    } catch (error) {
      this.openDepth = 0;
      this.endsInTag = false;
      // saxes is not expected to throw with an error handler set; if it does, keep going with a
      // fresh parser rather than failing the whole scenario.
      this.report('xml-syntax', end - start, end - start, `This block could not be read as XML (${String(error)}).`);
      this.createParser();
    }
    // The block's own array, no longer than it needs to be.
    const roots = this.roots.slice();
    // Empty the working arrays for the next block, keeping their memory (see emptied).
    emptied(this.roots);
    emptied(this.stack);
    emptied(this.detached);
    emptied(this.popped);
    this.clearPending();
    if (this.anySloppy) this.sloppy.clear();
    this.anySloppy = false;
    return roots;
  }

  private createParser(): void {
    // Namespaces are resolved here (namespaces.ts) rather than by saxes: its namespace mode
    // allocates several objects per element, and the `scansion:` prefix needs special care anyway.
    // Comments and processing instructions are skipped over by addText.
    this.parser = fragmentParser(this);
  }

  /** What is open when the block is abandoned runs to its end; whether it is closed is not known. */
  private endAbandoned(): void {
    const end = this.source.length;
    for (const open of this.stack) if (!this.sloppy.has(open.element)) this.endElement(open.element, end);
    for (const open of this.detached) this.endElement(open.element, end);
  }

  private neutraliseBareAmpersands(source: string): string {
    bareAmpersand.lastIndex = 0;
    if (!bareAmpersand.test(source)) return source;
    bareAmpersand.lastIndex = 0;
    return source.replace(bareAmpersand, (_match, offset: number) => {
      this.report('xml-bad-entity', offset, offset + 1, 'A bare "&" must be written "&amp;" in XML.');
      // Same length, so every later position stays right.
      return '_';
    });
  }

  private neutraliseDanglingCloseTags(source: string): string {
    if (!hasDanglingCloseTag(source)) return source;
    danglingCloseTag.lastIndex = 0;
    return source.replace(danglingCloseTag, (match: string, offset: number) => {
      // Comments and CDATA sections may hold anything.
      if (within(source, offset, '<!--', '-->') || within(source, offset, '<![CDATA[', ']]>')) return match;
      this.report('xml-syntax', offset, offset + 2, 'A closing tag needs the name of the element it closes: write </name>, or remove the "</".');
      // Blanks of the same length: the tags after it parse as written and every position stays right.
      return '  ';
    });
  }

  private position(offset: number): Position {
    const line = this.at.locate(offset);
    return { line, character: this.at.column };
  }

  private range(start: number, end: number): Range {
    const startPosition = this.position(start);
    return { start: startPosition, end: this.position(Math.max(start, end)) };
  }

  /** Ends `element` at block offset `offset`. */
  private endElement(element: ParsedElement, offset: number): void {
    element.endLine = this.at.locate(offset);
    element.endCharacter = this.at.column;
  }

  private report(code: Code, start: number, end: number, message: string): void {
    if (this.errorCount < maxErrorsPerBlock) this.reportAt(code, this.range(start, end), message);
    else this.errorCount++;
  }

  private reportAt(code: Code, range: Range, message: string): void {
    if (++this.errorCount <= maxErrorsPerBlock) this.diagnostics.push(diagnostic(code, range, message));
  }

  onAttribute(sax: SaxesAttributePlain): void {
    if (this.abandoned) return;
    const source = this.source;
    const position = this.parser.position;
    let valueStart: number;
    let valueEnd: number;
    let nameStart: number;
    const closeQuote = position - 1;
    const quote = source.charCodeAt(closeQuote);
    if (quote === 34 || quote === 39) {
      valueEnd = closeQuote;
      valueStart = quotedValueStart(source, closeQuote, sax.value.length);
      let i = valueStart - 2;
      while (i >= 0 && isXmlSpace(source.charCodeAt(i))) i--;
      if (source.charCodeAt(i) === 61) i--;
      while (i >= 0 && isXmlSpace(source.charCodeAt(i))) i--;
      nameStart = i + 1 - sax.name.length;
    } else {
      // Unquoted value or attribute without value (already reported): best-effort ranges.
      valueEnd = Math.max(0, isXmlSpace(quote) || quote === 62 || quote === 47 ? closeQuote : position);
      valueStart = Math.max(0, valueEnd - sax.value.length);
      const found = source.lastIndexOf(sax.name, valueStart);
      nameStart = found === -1 ? valueStart : found;
    }
    if (nameStart < 0 || !startsWithAt(source, sax.name, nameStart)) nameStart = this.nameStartBefore(sax.name, valueStart);
    const unquoted = quote !== 34 && quote !== 39;
    let value = sax.value;
    if (unquoted && value.endsWith('/') && source.charCodeAt(valueEnd) === 62) {
      // `b=c/>`: the slash closes the tag; it is not part of the value.
      value = value.slice(0, -1);
      valueEnd--;
    }
    const name = sax.name;
    const colon = name.indexOf(':');
    const nameLine = this.at.locate(nameStart);
    const nameCharacter = this.at.column;
    const valueLine = this.at.locate(valueStart);
    const valueCharacter = this.at.column;
    const valueEndLine = this.at.locate(Math.max(valueStart, valueEnd));
    const valueEndCharacter = this.at.column;
    const attribute = new ParsedAttribute(
      name,
      colon === -1 ? name : name.slice(colon + 1),
      '',
      value,
      this.variables(valueStart, valueEnd, value),
      nameLine,
      nameCharacter,
      valueLine,
      valueCharacter,
      valueEndLine,
      valueEndCharacter,
    );
    if (colon !== -1) attribute.prefix = name.slice(0, colon);
    if (this.pending.length === 0) this.firstAttributeStart = nameStart;
    this.pending.push(attribute);
    if (unquoted) this.unquoted.add(attribute);
  }

  /** Where the name `name` of the start tag saxes has just read begins. */
  private tagNameStart(name: string): number {
    const source = this.source;
    if (this.pending.length > 0) {
      // `<name` and blanks before the first attribute: no need to read back over the attributes.
      let at = this.firstAttributeStart - 1;
      while (at >= 0 && isXmlSpace(source.charCodeAt(at))) at--;
      const start = at + 1 - name.length;
      if (start > 0 && source.charCodeAt(start - 1) === 60 && startsWithAt(source, name, start)) return start;
    }
    // Attribute values cannot hold `<`, so the last one is the tag's.
    let at = this.parser.position - 1;
    while (at >= 0 && source.charCodeAt(at) !== 60) at--;
    if (startsWithAt(source, name, at + 1)) return at + 1;
    // A malformed tag (`<presence/<!-->`): saxes read the name right after an earlier `<`.
    const start = source.lastIndexOf(`<${name}`, at) + 1;
    return start > 0 ? start : this.nameStartBefore(name, at + 1);
  }

  /** Where `name`, read by saxes from a malformed tag, begins: its last occurrence before `offset`,
   *  else a place on the line of `offset` where it fits. Nodes take a name's range to be the name's
   *  length on one line (nodes.ts), so it must not run past the end of that line. */
  private nameStartBefore(name: string, offset: number): number {
    const found = this.source.lastIndexOf(name, offset);
    if (found !== -1) return found;
    const lineLength = this.at.lineLength(offset);
    const over = this.at.column + name.length - lineLength;
    return over > 0 ? Math.max(offset - this.at.column, offset - over) : offset;
  }

  onOpenTag(tag: SaxesTag): void {
    if (this.abandoned) return;
    const nameStart = this.tagNameStart(tag.name);
    const parent = this.parent();
    const depth = parent ? parent.depth + 1 : 1;
    if (depth > maxDepth) {
      this.abandon(nameStart, tag.name);
      return;
    }
    let strict: boolean | undefined;
    let sloppy = false;
    const parentScope = parent ? parent.scope : blockScope;
    let scope = parentScope;
    for (const { name, value } of this.pending) if (name.startsWith('xmlns')) scope = declare(scope, parentScope, name, value.trim());
    for (const attribute of this.pending) {
      if (this.unquoted.size > 0 && this.unquoted.has(attribute) && this.source.startsWith('/>', this.parser.position - 2)) sloppy = true;
      if (attribute.prefix !== undefined) attribute.ns = this.resolve(scope, attribute.prefix, attribute, attribute) ?? '';
      else if (attribute.name === 'xmlns') attribute.ns = XMLNS_NS;
      if (attribute.ns === SCANSION_NS && attribute.local === 'strict') {
        if (attribute.value === 'true' || attribute.value === 'false') strict = attribute.value === 'true';
        else
          this.diagnostics.push(
            diagnostic('invalid-strict-value', attribute.valueRange, `scansion:strict must be "true" or "false", not "${attribute.value}".`),
          );
      }
    }
    const attributes = this.pending.length === 0 ? noAttributes : this.pending.slice();
    this.clearPending();
    const nameLine = this.at.locate(nameStart);
    const nameCharacter = this.at.column;
    const name = tag.name;
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const local = colon === -1 ? name : name.slice(colon + 1);
    // It ends where its name does until it closes.
    const element = new ParsedElement(name, local, '', attributes, noNodes, nameLine, nameCharacter);
    element.ns = this.resolve(scope, prefix, element) ?? '';
    if (prefix !== '') element.prefix = prefix;
    if (strict !== undefined) element.strict = strict;
    if (parent) parent.element.append(element);
    else this.roots.push(element);
    this.stack.push({ element, scope, depth });
    this.textStart = this.parser.position;
    if (sloppy) {
      this.endElement(element, this.textStart);
      this.sloppy.add(element);
      this.anySloppy = true;
    }
  }

  /** Stops building the tree at an element nested deeper than maxDepth. Always reported, even past
   *  the error limit: it says why the rest of the block goes unchecked. */
  private abandon(nameStart: number, name: string): void {
    this.abandoned = true;
    this.clearPending();
    this.diagnostics.push(
      diagnostic(
        'xml-too-deep',
        this.range(nameStart, nameStart + name.length),
        `<${name}> is nested more than ${maxDepth} elements deep; the rest of this block is not checked.`,
      ),
    );
  }

  /** The URI of a prefix, or undefined (reported at the name) when no declaration binds it. */
  private resolve(scope: NamespaceScope, prefix: string, named: { nameRange: Range }, attribute?: ParsedAttribute): string | undefined {
    const uri = scope[prefix];
    if (uri !== undefined) return uri;
    if (attribute) this.reportedAttributes.add(attribute);
    const nameRange = named.nameRange;
    const { start, end } = nameRange;
    const fits = start.line === end.line && end.character - start.character >= prefix.length;
    const prefixRange = fits ? { start, end: { line: start.line, character: start.character + prefix.length } } : nameRange;
    this.reportAt('xml-unbound-prefix', prefixRange, `The prefix "${prefix}:" is not declared: add xmlns:${prefix}="..." to this element or a parent.`);
    return undefined;
  }

  /** Where new nodes go: the innermost open element, whatever saxes thinks. */
  private parent(): Open | undefined {
    if (!this.anySloppy && this.stack.length > 0) return this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 1; i >= 0; i--) if (!this.sloppy.has(this.stack[i].element)) return this.stack[i];
    return this.detached[this.detached.length - 1];
  }

  private clearPending(): void {
    emptied(this.pending);
    if (this.unquoted.size > 0) this.unquoted.clear();
    if (this.reportedAttributes.size > 0) this.reportedAttributes.clear();
  }

  private unclosed(element: ParsedElement): void {
    if (this.sloppy.has(element)) return;
    this.openDepth++;
    this.endElement(element, this.source.length);
    this.reportAt('xml-unclosed-tag', element.nameRange, `<${element.name}> is never closed: add </${element.name}> or write <${element.name}/>.`);
  }

  onCloseTag(tag: SaxesTag): void {
    if (this.abandoned) return;
    this.badCloseTag = false;
    const position = this.parser.position;
    const open = this.stack.pop();
    if (!open) return;
    const { element } = open;
    this.textStart = position;
    if (this.sloppy.has(element)) {
      // Its own tag closed it; whatever closing tag saxes is at now is not its.
      if (!tag.isSelfClosing) this.excusedAt = position;
      return;
    }
    this.endElement(element, position);
    if (tag.isSelfClosing) return;
    const closeStart = lastCloseTagStart(this.source, position - 1);
    if (this.closes(closeStart + 2, position - 1, tag.name)) return;
    // saxes closes every open element up to the one a closing tag names; remember what was
    // expected so the error that follows can say it.
    if (this.mismatchAt !== position) {
      this.mismatchAt = position;
      this.mismatchExpected = tag.name;
      emptied(this.popped);
    }
    this.popped.push(open);
  }

  /** Whether source[start, end), blanks aside, is `name`. */
  private closes(start: number, end: number, name: string): boolean {
    const source = this.source;
    if (!source.startsWith(name, start)) return false;
    for (let i = start + name.length; i < end; i++) if (!isXmlSpace(source.charCodeAt(i))) return false;
    return true;
  }

  onText(text: string): void {
    if (this.abandoned) return;
    const position = this.parser.position;
    const end = this.source.charCodeAt(position - 1) === 60 ? position - 1 : position;
    this.addText(text, this.textStart, end);
  }

  onCData(text: string): void {
    if (this.abandoned) return;
    const position = this.parser.position;
    const start = this.source.lastIndexOf('<![CDATA[', position);
    this.addText(text, start === -1 ? this.textStart : start, position);
    this.textStart = position;
  }

  private addText(text: string, start: number, end: number): void {
    start = contentStart(this.source, start, end);
    end = contentEnd(this.source, start, end);
    if (start === end) return;
    const parent = this.parent()?.element;
    if (!parent) {
      this.report('xml-text-outside-stanza', start, end, 'Text outside of any element: a block holds stanzas only.');
      return;
    }
    const startLine = this.at.locate(start);
    const startCharacter = this.at.column;
    const endLine = this.at.locate(end);
    const endCharacter = this.at.column;
    parent.append(new ParsedText(text, this.variables(start, end, text), startLine, startCharacter, endLine, endCharacter));
  }

  /** The variables in source[start, end). */
  private variables(start: number, end: number, decoded: string): VariableRef[] {
    return decoded.includes('${') ? variablesIn(this.source, start, end, this.at) : noVariables;
  }

  onError(message: string): void {
    if (this.abandoned) return;
    const source = this.source;
    const position = Math.min(this.parser.position, source.length);
    if (message === 'unexpected close tag.' || message.startsWith('unmatched closing tag')) {
      const closeStart = source.lastIndexOf('</', position - 1);
      const name = source.slice(closeStart + 2, position - 1).trim();
      // saxes keeps an unmatched closing tag as text; it is not text the author wrote.
      this.textStart = position;
      if (message.startsWith('unmatched closing tag')) {
        const top = this.detached[this.detached.length - 1];
        if (top?.element.name === name) {
          // The real closing tag of an element a misspelt one made saxes close early.
          this.detached.pop();
          this.endElement(top.element, position);
          if (this.mismatchAt !== position) return;
        } else if (this.mismatchAt === position && this.popped.length > 0) {
          // A stray closing tag closes nothing; a misspelt one closes the innermost element (when
          // no closing tag of its own follows). The others stay open in our tree.
          const innermost = this.popped[0].element;
          const stray = source.slice(position, position + lookAhead).includes(`</${innermost.name}`);
          for (let i = this.popped.length - 1; i >= (stray ? 0 : 1); i--) this.detached.push(this.popped[i]);
        }
      }
      if (this.excusedAt === position && this.mismatchAt !== position) return;
      // saxes reports one error per element it closes; one closing tag earns one diagnostic.
      if (this.reportedMismatchAt === position) return;
      this.reportedMismatchAt = position;
      const text =
        this.mismatchAt === position
          ? `Closing tag </${name}> does not match the open element <${this.mismatchExpected}>: close <${this.mismatchExpected}> first.`
          : `Closing tag </${name}> has no matching opening tag.`;
      this.report('xml-mismatched-tag', closeStart + 2, closeStart + 2 + name.length, text);
    } else if (message.startsWith('unclosed tag')) {
      const open = this.stack.pop();
      if (open) this.unclosed(open.element);
    } else if (message === 'unquoted attribute value.') {
      // saxes has read the value's first character when it fails.
      const start = Math.max(0, position - 1);
      let end = start;
      while (end < source.length && !isXmlSpace(source.charCodeAt(end)) && source[end] !== '>' && !source.startsWith('/>', end)) end++;
      this.report('xml-unquoted-attribute', start, end, `Attribute values must be quoted: write "${source.slice(start, end)}".`);
    } else if (message.includes('entity')) {
      const start = source.lastIndexOf('&', position - 1);
      this.report(
        'xml-bad-entity',
        start === -1 ? position - 1 : start,
        position,
        `Unknown entity ${source.slice(start, position)}: XML knows only &amp; &lt; &gt; &quot; &apos; and numeric references.`,
      );
    } else if (message.startsWith('duplicate attribute')) {
      const seen = new Set<string>();
      for (const attribute of this.pending) {
        const key = attribute.name;
        if (seen.has(key) && !this.reportedAttributes.has(attribute)) {
          this.reportedAttributes.add(attribute);
          this.reportAt('xml-duplicate-attribute', attribute.nameRange, `Attribute ${key} appears twice on this element.`);
          return;
        }
        seen.add(key);
      }
    } else if (message === 'disallowed character in closing tag.' || message === 'weird empty close tag.') {
      // One diagnostic per closing tag, over the text that does not belong in it.
      if (this.badCloseTag) {
        if (message === 'weird empty close tag.') this.badCloseTag = false;
        return;
      }
      const start = Math.max(0, position - 1);
      if (message === 'weird empty close tag.') {
        this.report('xml-syntax', Math.max(0, start - 2), position, 'A closing tag needs the name of the element it closes: write </name>.');
        return;
      }
      this.badCloseTag = true;
      let end = start;
      while (end < source.length && !'<>\r\n'.includes(source[end])) end++;
      while (end > start + 1 && isXmlSpace(source.charCodeAt(end - 1))) end--;
      this.report('xml-syntax', start, end, 'A closing tag holds only a name: write </name>, with nothing after the name.');
    } else if (message === 'unexpected end.') {
      this.endsInTag = true;
      let end = source.length;
      while (end > 0 && isXmlSpace(source.charCodeAt(end - 1))) end--;
      this.report('xml-syntax', Math.max(0, end - 1), end, 'The block ends in the middle of a tag.');
    } else {
      const start = Math.max(0, position - 1);
      this.report('xml-syntax', start, Math.max(start, position), `Malformed XML: ${message.replace(/\.$/, '')}.`);
    }
  }
}
