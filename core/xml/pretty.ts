// Stable, readable renderings of stanzas: used for `expected`/`actual` in failures, the transcript,
// the diff panel and the one-line descriptions inside failure reasons.
//
// Attribute order (chosen so two renderings of equal stanzas are equal text, and the attributes a
// reader looks for come first): `xmlns`, then `xmlns:*` declarations alphabetically, then `type`,
// `id`, `from`, `to` in that order, then every other attribute alphabetically by qualified name.
//
// Text is trimmed at both ends (matching ignores that whitespace too) and escaped; line breaks and
// tabs inside text or attribute values are written as character references, so every line of the
// output is one line of markup and can be pasted back into an indented `.scs` block.

import { escapeXMLText, type Element } from 'ltx';
import { ownText } from './text.js';

const leadingAttributes = ['type', 'id', 'from', 'to'];

function attributeRank(name: string): number {
  if (name === 'xmlns') return 0;
  if (name.startsWith('xmlns:')) return 1;
  const index = leadingAttributes.indexOf(name);
  return index === -1 ? 2 + leadingAttributes.length : 2 + index;
}

/** The element's attribute names in display order. */
export function orderedAttributeNames(element: Element): string[] {
  return Object.keys(element.attrs)
    .filter((name) => element.attrs[name] !== undefined && element.attrs[name] !== null)
    .sort((a, b) => attributeRank(a) - attributeRank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const controlReferences: Record<string, string> = { '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

function escapeControls(text: string): string {
  return text.replace(/[\n\r\t]/g, (char) => controlReferences[char] ?? char);
}

// Most values need no escaping: one test spares them the replacements.
const attributeSpecials = /[&<>"\n\r\t]/;
const textSpecials = /[&<>\n\r\t]/;

function escapeAttribute(value: string): string {
  if (!attributeSpecials.test(value)) return value;
  return escapeControls(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
}

function escapeText(text: string): string {
  if (!textSpecials.test(text)) return text;
  return escapeControls(escapeXMLText(text));
}

function startTag(element: Element): string {
  let tag = `<${element.name}`;
  for (const name of orderedAttributeNames(element)) tag += ` ${name}="${escapeAttribute(String(element.attrs[name]))}"`;
  return tag;
}

function hasChildElements(element: Element): boolean {
  for (const child of element.children) if (typeof child !== 'string') return true;
  return false;
}

function prettyLines(element: Element, indent: string, lines: string[]): void {
  if (!hasChildElements(element)) {
    const text = ownText(element);
    lines.push(text === '' ? `${indent}${startTag(element)}/>` : `${indent}${startTag(element)}>${escapeText(text)}</${element.name}>`);
    return;
  }
  lines.push(`${indent}${startTag(element)}>`);
  const inner = `${indent}  `;
  for (const child of element.children) {
    if (typeof child !== 'string') prettyLines(child, inner, lines);
    else if (child.trim() !== '') lines.push(`${inner}${escapeText(child.trim())}`);
  }
  lines.push(`${indent}</${element.name}>`);
}

/** The stanza pretty-printed with two-space indentation and stable attribute order (no final newline). */
export function prettyStanza(element: Element): string {
  const lines: string[] = [];
  prettyLines(element, '', lines);
  return lines.join('\n');
}

function compact(element: Element): string {
  const inner = element.children.map((child) => (typeof child === 'string' ? escapeText(child.trim()) : compact(child))).join('');
  return inner === '' ? `${startTag(element)}/>` : `${startTag(element)}>${inner}</${element.name}>`;
}

/** The element on one line, for failure reasons: whole when it fits in `maxLength` characters,
 *  otherwise its start tag with the content elided (`<x xmlns="...">…</x>`). */
export function oneLineStanza(element: Element, maxLength = 120): string {
  const whole = compact(element);
  if (whole.length <= maxLength) return whole;
  return `${startTag(element)}>…</${element.name}>`;
}

/** Longest attribute value a brief shows; a longer one (a full JID, a generated id) is `…`. */
const BRIEF_VALUE_LENGTH = 16;

/** The stanza's start tag in brief, for one-line notes: its name and attributes in display order,
 *  values unquoted, namespace declarations left out and long values elided
 *  (`<message type=groupchat to=…>`). */
export function briefStanza(element: Element): string {
  let tag = `<${element.name}`;
  for (const name of orderedAttributeNames(element)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const value = escapeControls(String(element.attrs[name]));
    tag += ` ${name}=${value.length > BRIEF_VALUE_LENGTH ? '…' : value}`;
  }
  return `${tag}>`;
}

/** What to mark in one element of a marked rendering (core/matcher/marks.ts says what). */
export interface PrettyMarks<M extends string> {
  /** The element's every line. */
  whole?: M;
  /** Its name in the start tag. */
  name?: M;
  /** Attributes by name as written: ` name="value"`. */
  attributes: ReadonlyMap<string, M>;
  text?: M;
}

export interface MarkedSegment<M extends string> {
  text: string;
  mark?: M;
}

/** `prettyStanza`'s lines, each cut into segments that carry the marks `marksOf` gives: joined,
 *  the segments of each line are exactly that line of `prettyStanza(element)`. */
export function prettyMarkedLines<M extends string>(element: Element, marksOf: (element: Element) => PrettyMarks<M> | undefined): MarkedSegment<M>[][] {
  const lines: MarkedSegment<M>[][] = [];
  const walk = (current: Element, indent: string, inherited: M | undefined) => {
    const marks = marksOf(current);
    const whole = inherited ?? marks?.whole;
    const piece = (text: string, mark: M | undefined): MarkedSegment<M> => (mark === undefined ? { text } : { text, mark });
    const start = () => {
      const segments = [piece(indent, undefined), piece(`<${current.name}`, whole ?? marks?.name)];
      for (const name of orderedAttributeNames(current)) {
        segments.push(piece(` ${name}="${escapeAttribute(String(current.attrs[name]))}"`, whole ?? marks?.attributes.get(name)));
      }
      return segments;
    };
    if (!hasChildElements(current)) {
      const text = ownText(current);
      const segments = start();
      if (text === '') segments.push(piece('/>', whole));
      else segments.push(piece('>', whole), piece(escapeText(text), whole ?? marks?.text), piece(`</${current.name}>`, whole));
      lines.push(segments);
      return;
    }
    lines.push([...start(), piece('>', whole)]);
    const inner = `${indent}  `;
    for (const child of current.children) {
      if (typeof child !== 'string') walk(child, inner, whole);
      else if (child.trim() !== '') lines.push([piece(inner, undefined), piece(escapeText(child.trim()), whole ?? marks?.text)]);
    }
    lines.push([piece(indent, undefined), piece(`</${current.name}>`, whole ?? marks?.name)]);
  };
  walk(element, '', undefined);
  return lines;
}
