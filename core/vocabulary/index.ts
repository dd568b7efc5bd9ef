// Questions the editor asks of the XMPP vocabulary (elements.ts, namespaces.ts) and of Scansion's
// own words: which elements fit in a parent, which namespaces fit an element, what an attribute
// takes, and what each of them means. Completion and hovers both answer from here.

import { STREAM_NS } from '../model.js';
import { elementTable, type AttributeInfo, type ElementInfo, type ElementKey } from './elements.js';
import { namespaceInfo, namespaceTable, type NamespaceInfo } from './namespaces.js';

export type { AttributeInfo, ElementInfo, ElementKey, ValueInfo } from './elements.js';
export type { NamespaceInfo } from './namespaces.js';
export { NS } from './namespaces.js';
export { namespaceInfo };

const sameKey = (a: ElementKey, b: ElementKey) => a.ns === b.ns && a.name === b.name;

/** The three stanzas: what a block holds at its top level. */
export function stanzaElements(): ElementInfo[] {
  return elementTable.filter((entry) => entry.parents.length === 0);
}

/** The known element with this namespace and local name. */
export function elementInfo(ns: string, name: string): ElementInfo | undefined {
  return elementTable.find((entry) => entry.ns === ns && entry.name === name);
}

/** Elements that may stand in `parent`, in the table's order (for `<presence>`: show, status,
 *  priority, then the extensions). A parent the table does not know gets the elements of its own
 *  namespace, so a block in an unlisted extension still completes what the table has of it. */
export function childrenOf(parent: ElementKey): ElementInfo[] {
  const fitting = elementTable.filter((entry) => entry.parents.some((candidate) => sameKey(candidate, parent)));
  if (fitting.length > 0 || elementInfo(parent.ns, parent.name)) return fitting;
  return elementTable.filter((entry) => entry.ns === parent.ns && entry.parents.length > 0);
}

/** Namespaces for an element named `name`: first those the table lists for it in `parent`, then
 *  those it lists for that name elsewhere. An unknown name gets every known namespace. */
export function namespacesFor(name: string, parent: ElementKey | undefined): NamespaceInfo[] {
  const named = elementTable.filter((entry) => entry.name === name && entry.ns !== STREAM_NS);
  if (named.length === 0) return namespaceTable.filter((entry) => entry.uri !== STREAM_NS);
  const fits = (entry: ElementInfo) => parent !== undefined && entry.parents.some((candidate) => sameKey(candidate, parent));
  const ordered = [...named.filter(fits), ...named.filter((entry) => !fits(entry))];
  const uris = [...new Set(ordered.map((entry) => entry.ns))];
  return uris.map((uri) => namespaceInfo(uri) ?? { uri, doc: '', spec: '' });
}

/** The attributes an element takes. With its namespace unknown (still being typed), those of
 *  every element of that name, each once. */
export function attributesOf(name: string, ns?: string): AttributeInfo[] {
  const entries = elementTable.filter((entry) => entry.name === name && (ns === undefined || entry.ns === ns));
  const seen = new Map<string, AttributeInfo>();
  for (const entry of entries) for (const attribute of entry.attributes) if (!seen.has(attribute.name)) seen.set(attribute.name, attribute);
  return [...seen.values()];
}

/** How the matcher compares an expected element (SCANSION.md §3): `scansion:strict` when written,
 *  else strictly when the element has its own namespace and loosely in `jabber:client`. */
export function comparison(ns: string, strictOverride: boolean | undefined): { strict: boolean; why: string } {
  if (strictOverride !== undefined) {
    return { strict: strictOverride, why: `\`scansion:strict="${strictOverride}"\` on the element` };
  }
  return ns === STREAM_NS
    ? { strict: false, why: 'it is in `jabber:client`: extra attributes and children are allowed, in any order' }
    : { strict: true, why: 'it has its own namespace: the same attributes and children, in the same order' };
}

/** The short name of a namespace for lists: `muc#user` for `http://jabber.org/protocol/muc#user`. */
export function shortNamespace(uri: string): string {
  const protocol = /^https?:\/\/jabber\.org\/protocol\/(.+)$/.exec(uri);
  return protocol ? protocol[1] : uri;
}
