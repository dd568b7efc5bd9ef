// Turns the parser's XmlElement (core/model.ts) into an ltx Element, for sending and for matching.

import { Element } from 'ltx';
import type { VariableRef, XmlElement } from '../model.js';
import { declare, stanzaScope, splitName, type NamespaceScope } from './namespaces.js';

/** The attribute that carries `scansion:strict` on an expected element; the matcher reads it and
 *  never compares it. It must not go on the wire (the `scansion` prefix is never declared). */
export const STRICT_ATTRIBUTE = 'scansion:strict';

/** Substitutes the variables of one attribute value or text: the decoded value, and the variables
 *  the parser found in it as written. */
export type Resolve = (value: string, written: readonly VariableRef[]) => string;

function buildElement(model: XmlElement, resolve: Resolve, parentScope: NamespaceScope): Element {
  const element = new Element(model.name);
  let scope = parentScope;
  for (const attribute of model.attributes) {
    const value = resolve(attribute.value, attribute.variables);
    element.attrs[attribute.name] = value;
    scope = declare(scope, parentScope, attribute.name, value);
  }
  if (model.strict !== undefined) element.attrs[STRICT_ATTRIBUTE] = String(model.strict);

  // The parser resolved the namespace; declare it when the attributes as written would not yield it
  // (e.g. a model built by hand or from an edited tree), so the wire carries the namespace intended.
  const [prefix] = splitName(model.name);
  if (model.ns !== '' && scope[prefix] !== model.ns) {
    const declaration = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
    element.attrs[declaration] = model.ns;
    scope = declare(scope, parentScope, declaration, model.ns);
  }

  // Whitespace-only text next to child elements is the block's layout, not content.
  const hasElementChildren = model.children.some((child) => child.kind === 'element');
  for (const child of model.children) {
    if (child.kind === 'element') element.cnode(buildElement(child, resolve, scope));
    else if (!(hasElementChildren && child.text.trim() === '')) element.t(resolve(child.text, child.variables));
  }
  return element;
}

/** Builds the ltx element of one stanza of a block, applying `resolve` (variable substitution) to
 *  every attribute value and text. Stanzas in the stream's default namespace (`jabber:client`) get
 *  no `xmlns`; children keep the declarations written on them. */
export function elementFromModel(model: XmlElement, resolve: Resolve): Element {
  return buildElement(model, resolve, stanzaScope);
}
