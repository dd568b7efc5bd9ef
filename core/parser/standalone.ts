// Strings cut from a document's text must not keep the whole text alive. V8 makes a cut of 13 or
// more characters a view into the string it came from, so a block's source, and every name and
// value its XML parser cuts from that source, held on to the entire document as it was when the
// block was parsed. A language server parses a new version of the text on every keystroke and
// keeps the parsed blocks across versions: 6,000 edits of a 20,000-line file kept about 300 MB of
// old texts alive that way (issue 12, item 2).

/** `text` as a string of its own, not a view into a larger one: a copy of `text.length` characters. */
export function standalone(text: string): string {
  // Joining makes a new string, and cutting it again flattens that into fresh memory.
  return (' ' + text).slice(1);
}
