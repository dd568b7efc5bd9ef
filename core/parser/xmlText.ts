// What the XML parser and the block scanner (xmlScan.ts) read alike from a block's source: where a
// run of text has content, and the `${...}` variables in a text or an attribute value.

import type { VariableRef } from '../model.js';
import { nextVariable, variableSpan, type VariableSpan } from '../variables.js';
import type { BlockPositions } from './blockPositions.js';
import { isXmlSpace } from './chars.js';
import { ParsedVariable } from './nodes.js';

/** Shared by every attribute and text without variables (most of them): saves an array each. */
export const noVariables: VariableRef[] = Object.freeze([]) as unknown as VariableRef[];

/** Where the content of the run of text source[start, end) begins: after a comment or processing
 *  instruction in it (text holds no `<`, so one in the run belongs to such markup) and after the
 *  blanks that follow. Equal to contentEnd's result when the run holds only markup and blanks. */
export function contentStart(source: string, start: number, end: number): number {
  let markup = end - 1;
  while (markup >= start && source.charCodeAt(markup) !== 60) markup--;
  if (markup >= start) start = source.indexOf('>', markup) + 1 || end;
  // Whitespace between the block's lines is layout, not content.
  while (start < end && isXmlSpace(source.charCodeAt(start))) start++;
  return start;
}

/** Where the content that starts at `start` (contentStart) ends: before the blanks at `end`. */
export function contentEnd(source: string, start: number, end: number): number {
  while (end > start && isXmlSpace(source.charCodeAt(end - 1))) end--;
  return end;
}

/** Where the value whose closing quote stands at `closeQuote` begins, just after its opening
 *  quote; `length` is the value's length once decoded. */
export function quotedValueStart(source: string, closeQuote: number, length: number): number {
  const quote = source.charCodeAt(closeQuote);
  // The value as written is never shorter than as decoded, and holds no quote of its own kind:
  // when the quote stands that far back, it is the opening one.
  const start = closeQuote - length;
  if (start >= 1 && source.charCodeAt(start - 1) === quote) return start;
  let open = closeQuote - 1;
  while (open >= 0 && source.charCodeAt(open) !== quote) open--;
  return open + 1;
}

/** Whether source[start, end) holds `${` (searching no further than `end`). */
function hasVariable(source: string, start: number, end: number): boolean {
  for (let i = start; i < end - 1; i++) if (source.charCodeAt(i) === 36 && source.charCodeAt(i + 1) === 123) return true;
  return false;
}

/** Filled by nextVariable: parsing is synchronous, one span serves every search. */
const span = variableSpan();

/** The variables written in source[start, end), with their positions in the file (`at` is set on
 *  the block); noVariables when there are none, else a new array the caller may keep. A reader
 *  that has the value decoded may skip the call when the value holds no `${`: `${` in the source
 *  is `${` once decoded too. */
export function variablesIn(source: string, start: number, end: number, at: BlockPositions): VariableRef[] {
  if (!hasVariable(source, start, end)) return noVariables;
  let found: VariableRef[] | undefined;
  for (let from = start; nextVariable(source, from, end, span); from = span.end) {
    const variable = variableAt(source, span, at);
    if (found === undefined) found = [variable];
    else found.push(variable);
  }
  return found ?? noVariables;
}

/** The variable `span` found in `source`, with its positions in the file. */
function variableAt(source: string, span: VariableSpan, at: BlockPositions): ParsedVariable {
  const { start, end, nameStart, nameEnd, form } = span;
  const startLine = at.locate(start);
  const startCharacter = at.column;
  const endLine = at.locate(end);
  const endCharacter = at.column;
  if (!form) return new ParsedVariable(source.slice(start, end), startLine, startCharacter, endLine, endCharacter, -1, -1, 0, 0, 0, 0);
  const nameStartLine = at.locate(nameStart);
  const nameStartCharacter = at.column;
  const nameEndLine = at.locate(nameEnd);
  const variable = new ParsedVariable(
    source.slice(start, end),
    startLine,
    startCharacter,
    endLine,
    endCharacter,
    nameStart - start,
    nameEnd - start,
    nameStartLine,
    nameStartCharacter,
    nameEndLine,
    at.column,
  );
  variable.form = form;
  return variable;
}
