// Namespace scopes: which URI each prefix stands for at an element. One representation and one
// rule for the parser (blocks as written), the matcher (ltx elements, walked down from the stanza
// rather than through ltx's parent links, so that a namespace never depends on where an element
// was attached) and elementFromModel (stanzas for the wire).

import type { Element } from 'ltx';
import { SCANSION_NS, STREAM_NS } from '../model.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Prefix ('' for the default namespace) -> namespace URI, as in force at one element: look up
 *  `scope[prefix]`. A child scope inherits its parent's bindings through its prototype, so that
 *  entering an element that declares nothing costs nothing. */
export type NamespaceScope = Readonly<Record<string, string>>;

// Not frozen: a child scope assigns over inherited prefixes, which a frozen prototype forbids.
function rootScope(bindings: Record<string, string>): NamespaceScope {
  return Object.assign(Object.create(null) as Record<string, string>, bindings);
}

/** The scope a stanza starts in: the stream's default namespace and the predeclared `xml` prefix. */
export const stanzaScope: NamespaceScope = rootScope({ '': STREAM_NS, xml: XML_NS });

/** The scope of a block's XML as written in a scenario: a stanza's, plus `xmlns` and the
 *  `scansion:` prefix, which is always bound there (SCANSION.md). */
export const blockScope: NamespaceScope = rootScope({ '': STREAM_NS, xml: XML_NS, xmlns: XMLNS_NS, scansion: SCANSION_NS });

/** `xmlns` and `xmlns:*` declare namespaces: they are never compared or shown as plain attributes. */
export function isNamespaceDeclaration(attribute: string): boolean {
  return attribute === 'xmlns' || attribute.startsWith('xmlns:');
}

/** Splits a qualified name ("pubsub:item" -> ["pubsub", "item"], "item" -> ["", "item"]). */
export function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon === -1 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/**
 * Applies one attribute of an element to the scope being built inside it. Start with `scope` equal
 * to `parentScope` and pass each attribute in turn: an attribute that declares a namespace
 * (`xmlns`, `xmlns:PREFIX`) binds its prefix to `uri` in a child scope of `parentScope`, made at
 * the first declaration that changes something; any other attribute returns `scope` unchanged.
 */
export function declare(scope: NamespaceScope, parentScope: NamespaceScope, attribute: string, uri: string): NamespaceScope {
  if (!isNamespaceDeclaration(attribute)) return scope;
  const prefix = attribute === 'xmlns' ? '' : attribute.slice('xmlns:'.length);
  if (scope === parentScope) {
    // Received stanzas repeat the stream's namespace: a declaration that changes nothing needs no child.
    if (parentScope[prefix] === uri) return scope;
    scope = Object.create(parentScope) as NamespaceScope;
  }
  (scope as Record<string, string>)[prefix] = uri;
  return scope;
}

/** The scope in force inside `element`, given the scope of its parent. */
export function enterScope(element: Element, parentScope: NamespaceScope): NamespaceScope {
  let scope = parentScope;
  const { attrs } = element;
  for (const attribute in attrs) {
    const value: unknown = attrs[attribute];
    if (typeof value === 'string') scope = declare(scope, parentScope, attribute, value);
  }
  return scope;
}

/** The namespace of an element, given the scope inside it (from `enterScope`). "" when none. */
export function namespaceOf(element: Element, scope: NamespaceScope): string {
  const colon = element.name.indexOf(':');
  return scope[colon === -1 ? '' : element.name.slice(0, colon)] ?? '';
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
