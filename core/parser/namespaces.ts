// Namespace scopes for the XML of blocks: which URI each prefix stands for. Blocks are stanzas in a
// client stream, so the default namespace is jabber:client, and the `scansion:` prefix is always bound.

import { SCANSION_NS, STREAM_NS } from '../model.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Prefix ("" for the default namespace) -> URI; a child scope inherits through its prototype. */
export type Scope = Record<string, string>;

// Not frozen: a child scope assigns over inherited prefixes, which a frozen prototype forbids.
export const rootScope: Scope = Object.assign(Object.create(null) as Scope, { '': STREAM_NS, xml: XML_NS, xmlns: XMLNS_NS, scansion: SCANSION_NS });

/** The scope an element's own xmlns attributes open, or `parent` when it declares none. */
export function scopeWith(parent: Scope, attributes: ReadonlyArray<{ name: string; value: string }>): Scope {
  let scope = parent;
  for (const { name, value } of attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    if (scope === parent) scope = Object.create(parent) as Scope;
    scope[name === 'xmlns' ? '' : name.slice(6)] = value.trim();
  }
  return scope;
}
