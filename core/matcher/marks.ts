// Which parts of a received stanza the matcher rejected, and which it let through only because
// loose matching allows extras (SCANSION.md section 3: in `jabber:client` elements, extra
// attributes and children are allowed; outside it, comparison is strict). The diff panel greys
// the extras out and marks what was rejected. Unlike `matchStanza`, which stops at the first
// difference, this walks the whole stanza; children pair up as the matcher pairs them (same name,
// the first that fits, else the first of that name).

import type { Element } from 'ltx';
import { compareNodes } from './compare.js';
import { childNodes, comparableAttributes, isStrict, ownText, sameName, stanzaNode, type Node } from './nodes.js';
import { fitsPattern, parsePattern } from './patterns.js';
import { prettyMarkedLines, type MarkedSegment, type PrettyMarks } from '../xml/pretty.js';
import { parse } from 'ltx';

export type Mark = 'rejected' | 'extra';

/** The marks of one received element: `whole` for an extra child, or a child strict matching
 *  rejects; `name` when something it should hold is missing (an attribute, a child, text);
 *  attributes by name as written; `text` when its text differs from the expected text. */
export interface ElementMarks extends PrettyMarks<Mark> {
  attributes: Map<string, Mark>;
}

/** Marks for the received elements that have any, by element. `captures` is only read. */
export function receivedMarks(expected: Element, received: Element, captures: ReadonlyMap<string, string> = new Map()): Map<Element, ElementMarks> {
  const marks = new Map<Element, ElementMarks>();
  const want = stanzaNode(expected);
  const have = stanzaNode(received);
  if (!sameName(want, have)) marks.set(received, { whole: 'rejected', attributes: new Map() });
  else walk(want, have, captures, marks);
  return marks;
}

function marksOf(marks: Map<Element, ElementMarks>, element: Element): ElementMarks {
  let entry = marks.get(element);
  if (!entry) marks.set(element, (entry = { attributes: new Map() }));
  return entry;
}

function walk(want: Node, have: Node, captures: ReadonlyMap<string, string>, marks: Map<Element, ElementMarks>): void {
  const strict = isStrict(want);
  const mine = () => marksOf(marks, have.element);
  const expectedAttributes = new Map(comparableAttributes(want).map((attribute) => [attribute.key, attribute]));
  for (const attribute of comparableAttributes(have)) {
    const expectation = expectedAttributes.get(attribute.key);
    expectedAttributes.delete(attribute.key);
    if (expectation === undefined) {
      mine().attributes.set(attribute.name, strict ? 'rejected' : 'extra');
    } else if (!fitsPattern(parsePattern(expectation.value), attribute.value, captures)) {
      mine().attributes.set(attribute.name, 'rejected');
    }
  }
  if (expectedAttributes.size > 0) mine().name = 'rejected';
  const text = ownText(want);
  if (text !== '' && !fitsPattern(parsePattern(text), ownText(have), captures)) mine().text = 'rejected';

  const wanted = childNodes(want);
  const got = childNodes(have);
  const paired = strict ? inOrder(wanted, got) : anyOrder(wanted, got, captures);
  paired.forEach((partner, index) => {
    if (partner === undefined) mine().name = 'rejected';
    else walk(wanted[index]!, got[partner]!, captures, marks);
  });
  const taken = new Set(paired);
  got.forEach((child, index) => {
    if (!taken.has(index)) marksOf(marks, child.element).whole = strict ? 'rejected' : 'extra';
  });
}

/** Strict: children pair up by position while their names agree. */
function inOrder(wanted: Node[], got: Node[]): (number | undefined)[] {
  return wanted.map((want, index) => (got[index] !== undefined && sameName(want, got[index]!) ? index : undefined));
}

/** Loose: each expected child takes the first unclaimed received child of its name that fits,
 *  else the first unclaimed one of its name. */
function anyOrder(wanted: Node[], got: Node[], captures: ReadonlyMap<string, string>): (number | undefined)[] {
  const claimed = new Set<number>();
  return wanted.map((want) => {
    const candidates = got.map((node, index) => ({ node, index })).filter(({ node, index }) => !claimed.has(index) && sameName(want, node));
    const chosen = candidates.find(({ node }) => compareNodes(want, node, '', new Map(captures)) === undefined) ?? candidates[0];
    if (chosen) claimed.add(chosen.index);
    return chosen?.index;
  });
}

/** The received stanza `actual` as `prettyStanza` prints it, line by line, with what the matcher
 *  rejected and the extras it allowed marked, given the `expected` stanza (both as XML text, as a
 *  Failure carries them). Undefined when either is not one well-formed element. */
export function markedReceivedLines(expected: string, actual: string): MarkedSegment<Mark>[][] | undefined {
  let want: Element;
  let have: Element;
  try {
    want = parse(expected);
    have = parse(actual);
  } catch {
    return undefined;
  }
  const marks = receivedMarks(want, have);
  return prettyMarkedLines(have, (element) => marks.get(element));
}
