// Namespace resolution for ltx elements, done by walking down from the stanza instead of through
// ltx's parent links, so that an element's namespace never depends on where it was attached.

import type { Element } from 'ltx';
import { STREAM_NS } from '../model.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Prefix ('' for the default namespace) -> namespace URI, as in force at one element. */
export type NamespaceScope = ReadonlyMap<string, string>;

/** The scope a stanza starts in: the stream's default namespace and the predeclared `xml` prefix. */
export const stanzaScope: NamespaceScope = new Map([
  ['', STREAM_NS],
  ['xml', XML_NS],
]);

/** `xmlns` and `xmlns:*` declare namespaces: they are never compared or shown as plain attributes. */
export function isNamespaceDeclaration(attribute: string): boolean {
  return attribute === 'xmlns' || attribute.startsWith('xmlns:');
}

/** Splits a qualified name ("pubsub:item" -> ["pubsub", "item"], "item" -> ["", "item"]). */
export function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon === -1 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** The scope in force inside `element`, given the scope of its parent. */
export function enterScope(element: Element, parentScope: NamespaceScope): NamespaceScope {
  let scope: Map<string, string> | undefined;
  const { attrs } = element;
  for (const attribute in attrs) {
    const value: unknown = attrs[attribute];
    if (!isNamespaceDeclaration(attribute) || typeof value !== 'string') continue;
    const prefix = attribute === 'xmlns' ? '' : attribute.slice('xmlns:'.length);
    // Received stanzas repeat the stream's namespace: a declaration that changes nothing needs no copy.
    if (!scope && parentScope.get(prefix) === value) continue;
    scope ??= new Map(parentScope);
    scope.set(prefix, value);
  }
  return scope ?? parentScope;
}

/** The namespace of an element, given the scope inside it (from `enterScope`). "" when none. */
export function namespaceOf(element: Element, scope: NamespaceScope): string {
  const colon = element.name.indexOf(':');
  return scope.get(colon === -1 ? '' : element.name.slice(0, colon)) ?? '';
}

/** A short, readable form of a namespace for paths: "http://jabber.org/protocol/muc#user" ->
 *  "muc#user", "jabber:iq:roster" -> "roster", "urn:xmpp:mam:2" -> "mam:2". */
export function shortNamespace(ns: string): string {
  const parts = ns.split(/[/:]/).filter((part) => part !== '');
  const last = parts.at(-1) ?? ns;
  // A bare version number says little on its own: keep the name it versions.
  if (/^\d+$/.test(last) && parts.length > 1) return `${parts.at(-2)}:${last}`;
  return last;
}
