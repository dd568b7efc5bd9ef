// Seeded random edits of a scenario's text, as a careless editor or a fuzzer makes them: spans
// deleted, syntax fragments inserted (XML, Scansion, odd code units), truncations, noise, lines
// duplicated. Shared by the robustness tests and the lazy block tests.

/** mulberry32: a small seeded generator, so a failure can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fragments = [
  '<',
  '>',
  '/>',
  '</',
  '"',
  "'",
  '=',
  '&',
  '&amp;',
  '&#x;',
  ';',
  '${',
  '}',
  "'s full JID}",
  ':',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '-----',
  '--',
  '//',
  '#',
  '##',
  '[',
  ']',
  '[Client] ',
  'sends:',
  'receives: nothing',
  'connects',
  'scansion:',
  'xmlns:',
  '<![CDATA[',
  ']]>',
  '<!--',
  '?>',
  '🤖',
  '\uD800',
  '\u0000',
  '\uFFFE',
];

/** `text` with one random edit chosen by `next` (a generator from random()). */
export function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  switch (Math.floor(next() * 5)) {
    case 0: // delete a span
      return text.slice(0, at) + text.slice(at + Math.floor(next() * 40));
    case 1: // insert a syntax fragment
      return text.slice(0, at) + pick(fragments) + text.slice(at);
    case 2: // truncate
      return text.slice(0, at);
    case 3: {
      // random code units, control characters and lone surrogates included
      let noise = '';
      for (let i = Math.floor(next() * 16); i >= 0; i--) noise += String.fromCharCode(Math.floor(next() * 0x10000));
      return text.slice(0, at) + noise + text.slice(at);
    }
    default: {
      // duplicate a line elsewhere
      const lines = text.split('\n');
      lines.splice(Math.floor(next() * lines.length), 0, pick(lines));
      return lines.join('\n');
    }
  }
}
