// A namespace-resolved view of ltx elements: what the matcher compares.

import type { Element } from 'ltx';
import { STREAM_NS } from '../model.js';
import { STRICT_ATTRIBUTE } from '../xml/fromModel.js';
import { ownText as ownElementText } from '../xml/text.js';
import { enterScope, isNamespaceDeclaration, namespaceOf, shortNamespace, stanzaScope, type NamespaceScope } from '../xml/namespaces.js';

export interface Node {
  element: Element;
  /** Namespaces in force inside the element. */
  scope: NamespaceScope;
  ns: string;
  local: string;
}

export interface ComparableAttribute {
  /** Namespace and local name: how two attributes are the same attribute. */
  key: string;
  /** The qualified name as written, for reasons. */
  name: string;
  value: string;
}

function nodeOf(element: Element, parentScope: NamespaceScope): Node {
  const scope = enterScope(element, parentScope);
  const colon = element.name.indexOf(':');
  return { element, scope, ns: namespaceOf(element, scope), local: colon === -1 ? element.name : element.name.slice(colon + 1) };
}

/** A stanza: its namespace is the stream's default (`jabber:client`) unless it declares another. */
export function stanzaNode(element: Element): Node {
  return nodeOf(element, stanzaScope);
}

export function childNodes(node: Node): Node[] {
  const nodes: Node[] = [];
  for (const child of node.element.children) if (typeof child !== 'string') nodes.push(nodeOf(child, node.scope));
  return nodes;
}

export function sameName(a: Node, b: Node): boolean {
  return a.local === b.local && a.ns === b.ns;
}

/** How a node appears in a path: its local name, with a short form of its namespace in brackets
 *  when that differs from the parent's (`x[muc#user]`). */
export function pathSegment(node: Node, parentNs: string): string {
  return node.ns === parentNs || node.ns === '' ? node.local : `${node.local}[${shortNamespace(node.ns)}]`;
}

/** `<presence>`, `<query xmlns="jabber:iq:roster">`: a name for reasons that compare names. */
export function describeName(node: Node, parentNs: string): string {
  return node.ns === parentNs ? `<${node.local}>` : `<${node.local} xmlns="${node.ns}">`;
}

/** Attributes that take part in matching: not namespace declarations, not `scansion:` markers. */
export function comparableAttributes(node: Node): ComparableAttribute[] {
  const attributes: ComparableAttribute[] = [];
  const { attrs } = node.element;
  for (const name in attrs) {
    const value: unknown = attrs[name];
    if (value === undefined || value === null || isNamespaceDeclaration(name)) continue;
    const colon = name.indexOf(':');
    if (colon === -1) {
      attributes.push({ key: `|${name}`, name, value: String(value) });
      continue;
    }
    const prefix = name.slice(0, colon);
    if (prefix === 'scansion') continue;
    attributes.push({ key: `${node.scope[prefix] ?? prefix}|${name.slice(colon + 1)}`, name, value: String(value) });
  }
  return attributes;
}

/** The element's direct text, joined and trimmed: whitespace-only text is layout. */
export function ownText(node: Node): string {
  return ownElementText(node.element);
}

/** Strict unless `scansion:strict` says otherwise: elements outside the stream's namespace. */
export function isStrict(node: Node): boolean {
  const override = node.element.attrs[STRICT_ATTRIBUTE];
  if (override === 'true') return true;
  if (override === 'false') return false;
  return node.ns !== STREAM_NS;
}
