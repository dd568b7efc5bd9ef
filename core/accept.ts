// "Accept received stanza" as the smallest change to the expectation that makes it pass: the
// author's text stays, and only what the matcher rejects changes (SCANSION.md section 3):
// - an expected attribute with another value gets the received value, one the stanza lacks goes;
// - in a strict element, received attributes the expectation lacks are added; in a loose one
//   (`jabber:client`) extra attributes and children are allowed, so nothing is added;
// - an expected child that nothing received matches goes; a strict element whose children differ
//   in names or order is written as received;
// - expected text that differs gets the received text.
// Values the server makes up get `{scansion:any}` (core/volatile.ts) and known JIDs become
// variables (core/snapshot.ts). The result is checked with the matcher itself; when the small edit
// would not pass (a stanza of another name, text mixed with children), the whole block is
// replaced, as core/snapshot.ts does.

import { escapeXMLText, parse, type Element } from 'ltx';
import { matchStanza } from './matcher/index.js';
import { compareNodes } from './matcher/compare.js';
import { childNodes, comparableAttributes, ownText, sameName, stanzaNode, type Node } from './matcher/nodes.js';
import { parsePattern } from './matcher/patterns.js';
import { STREAM_NS, type Position, type Range, type Scenario, type XmlElement } from './model.js';
import { parseScenario } from './parser/index.js';
import { bareJidsByName } from './queries.js';
import { acceptReceivedEdit, jidsToVariables, reindent, sentIdsOf, type KnownJids, type TextEdit } from './snapshot.js';
import { formatVariable, substituteVariables } from './variables.js';
import { markVolatile } from './volatile.js';
import { escapeAttribute } from './xml/escape.js';
import { elementFromModel } from './xml/fromModel.js';
import { prettyStanza } from './xml/pretty.js';

export type { TextEdit } from './snapshot.js';

/** The edits that make the expected block of `receives` step `stepIndex` (0-based index into
 *  Scenario.steps) accept `received` (one stanza as XML text, as Failure.actual gives it), given
 *  the full JIDs the run bound (character name -> JID, ScenarioResult.boundJids): the smallest
 *  change (see the file comment), else the whole block replaced (acceptReceivedEdit). Ranges are
 *  0-based, non-overlapping, for applyTextEdits or an editor. Undefined when the step is not a
 *  `receives` with a block, or `received` is not one well-formed element. Never throws. */
export function acceptEdits(scenario: Scenario, stepIndex: number, received: string, boundJids: Record<string, string>): TextEdit[] | undefined {
  const step = scenario.steps[stepIndex];
  const expected = step?.block?.stanzas[0];
  if (!step || step.verb.value !== 'receives' || step.nothing || !expected || step.block!.stanzas.length !== 1) {
    return wholeBlock(scenario, stepIndex, received, boundJids);
  }
  let stanza: Element;
  try {
    stanza = parse(received);
  } catch {
    return undefined;
  }
  const known: KnownJids = { bare: bareJidsByName(scenario), full: boundJids };
  const writer = new EditWriter(scenario.text, known, resolver(known), markVolatile(stanza, { sentIds: sentIdsOf(scenario) }));
  const wanted = stanzaNode(expectedElement(expected, writer.resolve));
  const got = stanzaNode(stanza);
  if (!sameName(wanted, got)) return wholeBlock(scenario, stepIndex, received, boundJids);
  writer.reconcile(expected, got, stanzaNode(writer.marked));
  const edits = writer.edits;
  return passes(scenario.text, edits, stepIndex, stanza, writer.resolve) ? edits : wholeBlock(scenario, stepIndex, received, boundJids);
}

/** Applies non-overlapping edits to `text`. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (position: Position) => Math.min(text.length, (starts[position.line] ?? text.length) + position.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

function wholeBlock(scenario: Scenario, stepIndex: number, received: string, boundJids: Record<string, string>): TextEdit[] | undefined {
  const edit = acceptReceivedEdit(scenario, stepIndex, received, boundJids);
  return edit ? [edit] : undefined;
}

function resolver(known: KnownJids): (value: string) => string {
  return (value) =>
    substituteVariables(
      value,
      (character, form) => (form === 'JID' ? known.bare[character]?.split('/')[0] : known.full[character]) ?? formatVariable(character, form),
    );
}

function expectedElement(model: XmlElement, resolve: (value: string) => string): Element {
  return elementFromModel(model, resolve);
}

/** Whether the edited block matches `received` with the matcher's own rules. */
function passes(text: string, edits: TextEdit[], stepIndex: number, received: Element, resolve: (value: string) => string): boolean {
  const edited = parseScenario(applyTextEdits(text, edits));
  const model = edited.steps[stepIndex]?.block?.stanzas;
  if (!model || model.length !== 1) return false;
  return matchStanza(expectedElement(model[0]!, resolve), received, new Map()).matched;
}

class EditWriter {
  readonly edits: TextEdit[] = [];
  private readonly lines: string[];

  constructor(
    text: string,
    private readonly known: KnownJids,
    readonly resolve: (value: string) => string,
    /** The received stanza with server-made values as `{scansion:any}`: what gets written. */
    readonly marked: Element,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /** Reconciles the expected element `model` with the received node `got` (`written` is the same
   *  node in the marked copy). */
  reconcile(model: XmlElement, got: Node, written: Node): void {
    const strict = model.strict ?? model.ns !== STREAM_NS;
    this.attributes(model, got, written, strict);
    this.text(model, got, written);
    const expectedChildren = model.children.filter((child): child is XmlElement => child.kind === 'element');
    const gotChildren = childNodes(got);
    const writtenChildren = childNodes(written);
    if (strict) {
      const sameShape =
        expectedChildren.length === gotChildren.length &&
        expectedChildren.every((child, index) => child.local === gotChildren[index]!.local && child.ns === gotChildren[index]!.ns);
      if (!sameShape) {
        this.replaceElement(model, written);
        return;
      }
      expectedChildren.forEach((child, index) => this.reconcile(child, gotChildren[index]!, writtenChildren[index]!));
      return;
    }
    const taken = new Set<number>();
    for (const child of expectedChildren) {
      const candidates = gotChildren
        .map((node, index) => ({ node, index }))
        .filter(({ node, index }) => !taken.has(index) && node.local === child.local && node.ns === child.ns);
      const fitting = candidates.find(({ node }) => this.fits(child, node)) ?? candidates[0];
      if (!fitting) {
        this.removeElement(child);
        continue;
      }
      taken.add(fitting.index);
      this.reconcile(child, fitting.node, writtenChildren[fitting.index]!);
    }
  }

  private fits(model: XmlElement, got: Node): boolean {
    const wanted = stanzaNode(expectedElement(model, this.resolve));
    return sameName(wanted, got) && compareNodes(wanted, got, '', new Map()) === undefined;
  }

  private attributes(model: XmlElement, got: Node, written: Node, strict: boolean): void {
    const received = new Map(comparableAttributes(got).map((attribute) => [attribute.name, attribute.value]));
    const writtenValues = new Map(comparableAttributes(written).map((attribute) => [attribute.name, attribute.value]));
    const expectedNames = new Set<string>();
    for (const attribute of model.attributes) {
      if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:') || attribute.name.startsWith('scansion:')) continue;
      expectedNames.add(attribute.name);
      const actual = received.get(attribute.name);
      if (actual === undefined) {
        this.removeAttribute(attribute.nameRange, attribute.valueRange);
        continue;
      }
      const pattern = parsePattern(attribute.value);
      if (pattern.kind !== 'literal' || this.resolve(attribute.value) === actual) continue;
      this.edits.push({ range: attribute.valueRange, newText: this.attributeText(writtenValues.get(attribute.name) ?? actual) });
    }
    if (!strict) return;
    const extras = [...writtenValues].filter(([name]) => !expectedNames.has(name));
    if (extras.length === 0) return;
    const last = model.attributes.at(-1);
    // After the closing quote of the last attribute, or after the name.
    const at = last ? { line: last.valueRange.end.line, character: last.valueRange.end.character + 1 } : model.nameRange.end;
    this.edits.push({ range: { start: at, end: at }, newText: extras.map(([name, value]) => ` ${name}="${this.attributeText(value)}"`).join('') });
  }

  private text(model: XmlElement, got: Node, written: Node): void {
    const texts = model.children.filter((child) => child.kind === 'text' && child.text.trim() !== '');
    if (texts.length !== 1 || texts[0]!.kind !== 'text') return;
    const node = texts[0];
    const expected = node.text.trim();
    if (parsePattern(expected).kind !== 'literal' || this.resolve(expected) === ownText(got)) return;
    const raw = this.slice(node.range);
    const leading = raw.length - raw.trimStart().length;
    const start = this.advance(node.range.start, raw.slice(0, leading));
    const end = this.advance(start, raw.trim());
    this.edits.push({ range: { start, end }, newText: jidsToVariables(escapeXMLText(ownText(written)), this.known) });
  }

  /** Replaces an element with the received one, indented like it. */
  private replaceElement(model: XmlElement, written: Node): void {
    const line = this.lines[model.range.start.line] ?? '';
    const base = line.slice(0, line.length - line.trimStart().length);
    const text = reindent(jidsToVariables(prettyStanza(written.element), this.known), { base, unit: base.startsWith(' ') ? '  ' : '\t' });
    this.edits.push({ range: model.range, newText: text.slice(base.length) });
  }

  /** Removes an element: its whole lines when it stands alone on them. */
  private removeElement(model: XmlElement): void {
    const { start, end } = model.range;
    const before = (this.lines[start.line] ?? '').slice(0, start.character);
    const after = (this.lines[end.line] ?? '').slice(end.character);
    if (before.trim() === '' && after.trim() === '') {
      this.edits.push({ range: { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }, newText: '' });
    } else {
      this.edits.push({ range: model.range, newText: '' });
    }
  }

  /** Removes ` name="value"`, with the whitespace before it. */
  private removeAttribute(name: Range, value: Range): void {
    const line = this.lines[name.start.line] ?? '';
    let start = name.start.character;
    while (start > 0 && /\s/.test(line[start - 1]!)) start--;
    this.edits.push({
      range: { start: { line: name.start.line, character: start }, end: { line: value.end.line, character: value.end.character + 1 } },
      newText: '',
    });
  }

  private attributeText(value: string): string {
    return jidsToVariables(escapeAttribute(value), this.known);
  }

  private slice(range: Range): string {
    if (range.start.line === range.end.line) return (this.lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
    const parts = [(this.lines[range.start.line] ?? '').slice(range.start.character)];
    for (let line = range.start.line + 1; line < range.end.line; line++) parts.push(this.lines[line] ?? '');
    parts.push((this.lines[range.end.line] ?? '').slice(0, range.end.character));
    return parts.join('\n');
  }

  private advance(from: Position, text: string): Position {
    const newlines = text.split('\n');
    if (newlines.length === 1) return { line: from.line, character: from.character + text.length };
    return { line: from.line + newlines.length - 1, character: newlines.at(-1)!.length };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}
