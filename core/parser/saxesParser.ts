// The one module that imports saxes's values: a bundle wraps a CommonJS library for ES imports once
// per importing module, copying its exports each time (test/server/bundle.test.ts).

import { SaxesParser } from 'saxes';

/** A new saxes parser for fragments (a block holds any number of stanzas), without namespace
 *  processing: the parser resolves namespaces itself (core/xml/namespaces.ts). */
export function fragmentParser(): SaxesParser<{ fragment: true }> {
  return new SaxesParser({ fragment: true });
}
