// Random edits that add or remove lines, as an editor makes them: Enter anywhere in a line (with
// the line's indentation carried over, or not), Backspace at the start of a line, pasting several
// lines, deleting several lines, and replacing a selection that spans lines. Shared by the parser's
// and the diagnostics' incremental tests.

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator). */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Lines pasted in: steps, block lines (tab- and space-indented), blank lines, comments. */
const pasted = [
  '\n',
  '\n\n',
  '\t<presence/>\n',
  '\t\t<body>pasted</body>\n\t\t<subject/>\n',
  '  <a/>\n',
  'Romeo sends:\n\t<message to="${Juliet\'s JID}"/>\n\n',
  'Juliet receives:\n\t<message from="${Romeo\'s full JID}">\n\t\t<body>x</body>\n\t</message>\n',
  'Romeo disconnects\n',
  'Juliet connects\n',
  '# a comment\n',
  '\t<iq type="get" id="p"/>\n\t<iq type="get" id="q"/>\n',
  "\t${Tybalt's JID}\n",
];

/** `text` with one random line edit applied; `text` must have at least two lines. */
export function randomLineEdit(text: string, next: () => number): string {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)].filter((at) => at < text.length);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const lineAt = Math.floor(next() * starts.length);
  const start = starts[lineAt];
  const end = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start);
  const kind = next();
  if (kind < 0.3) {
    // Enter at a random column, the indentation carried over half the time.
    const at = start + Math.floor(next() * (end - start + 1));
    const indent = next() < 0.5 ? /^[ \t]*/.exec(text.slice(start, end))![0] : '';
    return `${text.slice(0, at)}\n${indent}${text.slice(at)}`;
  }
  if (kind < 0.5) {
    // Backspace at the start of the line, or over its indentation and the line break before it.
    if (start === 0) return `\n${text}`;
    const indent = next() < 0.5 ? /^[ \t]*/.exec(text.slice(start, end))![0].length : 0;
    return text.slice(0, start - 1) + text.slice(start + indent);
  }
  if (kind < 0.7) return text.slice(0, start) + pick(pasted) + text.slice(start);
  if (kind < 0.85) {
    // Delete one to three whole lines.
    const last = Math.min(starts.length - 1, lineAt + Math.floor(next() * 3));
    const after = last + 1 < starts.length ? starts[last + 1] : text.length;
    return text.slice(0, start) + text.slice(after);
  }
  // Replace a selection from this line into one of the next three with a piece (maybe nothing).
  const lastLine = Math.min(starts.length - 1, lineAt + 1 + Math.floor(next() * 3));
  const lastEnd = text.indexOf('\n', starts[lastLine]) === -1 ? text.length : text.indexOf('\n', starts[lastLine]);
  const from = start + Math.floor(next() * (end - start + 1));
  const to = starts[lastLine] + Math.floor(next() * (lastEnd - starts[lastLine] + 1));
  return text.slice(0, from) + pick(['', 'x', '\n', '\t<b/>\n\t']) + text.slice(to);
}
