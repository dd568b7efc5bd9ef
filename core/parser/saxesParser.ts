// The one module that imports saxes's values (a bundle wraps a CommonJS library for ES imports once
// per importing module, copying its exports each time: test/server/bundle.test.ts), and the one
// place that makes saxes parsers for blocks.

import { SaxesParser, type SaxesAttributePlain, type SaxesTag } from 'saxes';

/** What a reader of blocks (the XML parser, the scan) hears from saxes: its handlers. */
export interface BlockHandlers {
  onAttribute(attribute: SaxesAttributePlain): void;
  onOpenTag(tag: SaxesTag): void;
  onCloseTag(tag: SaxesTag): void;
  /** Texts. A reader without this handler gets no text events, and saxes builds no text strings
   *  for it (it still checks the text as XML: entities, `]]>`, characters). */
  onText?(text: string): void;
  /** saxes's message, without the line and column it starts with. */
  onError(message: string): void;
  /** CDATA sections: without this handler, saxes drops their text. */
  onCData?(text: string): void;
}

/**
 * A new saxes parser for fragments (a block holds any number of stanzas), without namespace
 * processing (the parser resolves namespaces itself, core/xml/namespaces.ts), calling `handlers`.
 * As few events as a reader needs, each one saxes calls makes all of it slower; registered in one
 * order, so that parsers listening to the same events have the same shape: saxes keeps its
 * handlers as properties, and its code runs about 15% slower for all parsers once it has seen
 * parsers of two shapes (measured with the scan and the parser in one process). The parser
 * (xml.ts) takes texts and CDATA sections; the scan (xmlScan.ts) takes no texts.
 */
export function fragmentParser(handlers: BlockHandlers): SaxesParser<{ fragment: true }> {
  const parser = new SaxesParser({ fragment: true });
  parser.on('attribute', (attribute) => handlers.onAttribute(attribute));
  parser.on('opentag', (tag) => handlers.onOpenTag(tag));
  parser.on('closetag', (tag) => handlers.onCloseTag(tag));
  // Without a text handler the property is still set (undefined), in its place: the same shape.
  if (handlers.onText) parser.on('text', (text) => handlers.onText?.(text));
  else parser.off('text');
  parser.on('error', (error) => handlers.onError(error.message.replace(/^\d+:\d+: /, '')));
  if (handlers.onCData) parser.on('cdata', (text) => handlers.onCData?.(text));
  return parser;
}
