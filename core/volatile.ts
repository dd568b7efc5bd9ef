// The one rule for values a server makes up anew on every run. A `receives` block that spells such a
// value out fails the next run, so "Accept received stanza" (core/snapshot.ts) and the recorder
// (core/recorder/) both write `{scansion:any}` in its place (SCANSION.md section 3: the attribute or
// text must be there, with any value).
//
// Volatile values:
// - `id` attributes, on the stanza or on any element inside it, whose value none of the scenario's
//   own stanzas chose (an IQ result's id only repeats the request's): ids the server invents (roster pushes, RFC 6121 2.1.6), XEP-0359 stanza-id,
//   XEP-0421 occupant-id, XEP-0313 archive result ids, XEP-0060 item ids the server chose. An id a
//   character sent (an IQ's, XEP-0359 origin-id, a pubsub item id it chose) comes back the same and
//   stays literal.
// - `stamp` of XEP-0203 delayed delivery (`<delay xmlns="urn:xmpp:delay"/>`) and of its legacy form
//   XEP-0091 (`<x xmlns="jabber:x:delay"/>`): when the server stored the stanza.
// - `ver` of a roster query (XEP-0237 roster versioning): the server's version string.
// - `seconds` of XEP-0012 last activity: a duration measured by the server.
// - The text of `<utc/>` and `<tzo/>` in an XEP-0202 entity time reply: a clock reading.

// Elements may come from either of ltx's builds (its ES module and the CommonJS copy @xmpp/xml
// parses with): children are told apart from text by type, never with `instanceof`.
import { clone, type Element } from 'ltx';

export const ANY = '{scansion:any}';

/** What the scenario itself sent: ids in here are not the server's invention. */
export interface VolatileContext {
  /** Every `id` attribute value of every element of every stanza the characters sent. */
  sentIds: ReadonlySet<string>;
}

const volatileAttributes: ReadonlyArray<{ element: string; xmlns: string; attribute: string }> = [
  { element: 'delay', xmlns: 'urn:xmpp:delay', attribute: 'stamp' },
  { element: 'x', xmlns: 'jabber:x:delay', attribute: 'stamp' },
  { element: 'query', xmlns: 'jabber:iq:roster', attribute: 'ver' },
  { element: 'query', xmlns: 'jabber:iq:last', attribute: 'seconds' },
];

const volatileTexts: ReadonlyArray<{ parent: string; xmlns: string; element: string }> = [
  { parent: 'time', xmlns: 'urn:xmpp:time', element: 'utc' },
  { parent: 'time', xmlns: 'urn:xmpp:time', element: 'tzo' },
];

/** Whether `element`'s attribute `attribute` holds a value the server makes up (see above). */
export function isVolatileAttribute(element: Element, attribute: string, context: VolatileContext): boolean {
  const value = element.attrs[attribute];
  if (value === undefined || value === ANY) return false;
  if (attribute === 'id') return !context.sentIds.has(String(value));
  const xmlns = namespaceOf(element);
  return volatileAttributes.some((rule) => rule.attribute === attribute && rule.element === element.name && rule.xmlns === xmlns);
}

/** Whether `element`'s text is a value the server makes up (see above). */
export function isVolatileText(element: Element): boolean {
  const parent = element.parent;
  if (!parent) return false;
  const xmlns = namespaceOf(parent);
  return volatileTexts.some((rule) => rule.element === element.name && rule.parent === parent.name && rule.xmlns === xmlns);
}

/** A copy of `stanza` with every volatile value replaced by `{scansion:any}`; `stanza` is unchanged. */
export function markVolatile(stanza: Element, context: VolatileContext): Element {
  const copy = clone(stanza) as Element;
  mark(copy, context);
  return copy;
}

function mark(element: Element, context: VolatileContext): void {
  for (const name of Object.keys(element.attrs)) if (isVolatileAttribute(element, name, context)) element.attrs[name] = ANY;
  if (isVolatileText(element) && element.getText().trim() !== '') {
    element.children = [ANY];
  }
  for (const child of element.children) if (typeof child !== 'string') mark(child, context);
}

/** The ids the senders of `stanzas` chose: every `id` attribute value in them and their
 *  descendants, except the id of an IQ result or error, which repeats the requester's (RFC 6120
 *  8.2.3): a character answering the server's request did not choose that id. */
export function idsIn(stanzas: Iterable<Element>): Set<string> {
  const ids = new Set<string>();
  const visit = (element: Element, top: boolean) => {
    const id = element.attrs.id;
    const echoed = top && element.name === 'iq' && (element.attrs.type === 'result' || element.attrs.type === 'error');
    if (id !== undefined && id !== null && !echoed) ids.add(String(id));
    for (const child of element.children) if (typeof child !== 'string') visit(child, false);
  };
  for (const stanza of stanzas) visit(stanza, true);
  return ids;
}

/** The element's namespace: its own `xmlns`, else the nearest ancestor's (undefined at the top). */
function namespaceOf(element: Element): string | undefined {
  for (let at: Element | null | undefined = element; at; at = at.parent) {
    const xmlns = at.attrs.xmlns;
    if (typeof xmlns === 'string') return xmlns;
  }
  return undefined;
}
