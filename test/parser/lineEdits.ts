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

/** Characters typed on action and comment lines: each may change what the line is (a comment, a
 *  step, another verb or character, a header) or nothing at all. */
const typed = ['x', 'o', 's', ' ', '\t', ':', '#', '/', '-', "'", '[', '<'];

/** `text` with one character typed into, or deleted from, a random non-indented line below the
 *  separator (an action, comment or other line of the steps), or with `definitions` any line above
 *  it; now and then any other line (the separator apart: without it, the steps are read as a whole
 *  until it comes back). */
export function randomCharacterEdit(text: string, next: () => number, definitions = false): string {
  const lines = text.split('\n');
  const separator = lines.findIndex((line) => /^-{3,}\s*$/.test(line));
  const candidates = lines.flatMap((line, index) => ((definitions ? index < separator : index > separator && /^[^\s]/.test(line)) ? [index] : []));
  const others = lines.flatMap((_, index) => (index !== separator ? [index] : []));
  const line = candidates.length > 0 && next() < 0.9 ? candidates[Math.floor(next() * candidates.length)] : others[Math.floor(next() * others.length)];
  const column = Math.floor(next() * (lines[line].length + 1));
  if (next() < 0.5 || column === lines[line].length)
    lines[line] = lines[line].slice(0, column) + typed[Math.floor(next() * typed.length)] + lines[line].slice(column);
  else lines[line] = lines[line].slice(0, column) + lines[line].slice(column + 1);
  return lines.join('\n');
}

/** Steps, comments of each kind and other lines below the separator, for typing on them: two
 *  characters one letter apart (Rome, Romeo), names with spaces and apostrophes, headings, a
 *  misspelt verb, steps that take no block given one, comments inside blocks, variables. */
const stepLines = (n: number) =>
  [
    `# Round ${n}`,
    '// the heading goes on',
    'Romeo sends:',
    `\t<message to="\${Juliet's phone's JID}" id="m${n}">`,
    '# inside the block',
    `\t\t<body>${n}</body>`,
    '\t</message>',
    '',
    "Juliet's phone receives:",
    `\t<message from="\${Romeo's full JID}"/>`,
    '-- Juliet sends:',
    '--\t<presence/>',
    '',
    'Rome connects',
    'Rome disconnects',
    '\t<stray/>',
    'Rome conects',
    "Juliet's phone receives: nothing",
    '',
  ].join('\n');

export const typingScenario = [
  '# Typing on action and comment lines',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '[Client] Rome',
  '\tjid: rome@localhost',
  "[Client] Juliet's phone",
  '\tjid: juliet@localhost',
  '-----',
  'Romeo connects',
  "Juliet's phone connects",
  '',
  ...Array.from({ length: 6 }, (_, n) => stepLines(n)),
  'Romeo disconnects',
  '',
].join('\n');

/** Characters' names and action lines that read otherwise by them: names with spaces and
 *  apostrophes, one a prefix of another (Rome, Romeo), `Juliet's phone sendz it` (an unknown verb
 *  after a defined name, else the last word), `Nurse x connects` (a step of "Nurse x" unless Nurse
 *  is defined), misspelt connections (read as such for the connection states), variables naming
 *  each character. */
const nameRound = (n: number) =>
  [
    `# Round ${n}`,
    'Romeo sends:',
    `\t<message to="\${Juliet's phone's JID}" id="m${n}"><body>\${Nurse's full JID}</body></message>`,
    '',
    "Juliet's phone receives:",
    `\t<message from="\${Romeo's full JID}"/>`,
    '',
    "Juliet's phone sendz it",
    "Juliet's phone disconects",
    "Juliet's phone conects",
    'Nurse x connects',
    'Rome connects',
    'Rome sends:',
    `\t<presence to="\${Rome's JID}"/>`,
    'Rome disconnects',
    '',
  ].join('\n');

export const namesScenario = [
  '# Renaming characters',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '[Client] Rome',
  '\tjid: rome@localhost',
  "[Client] Juliet's phone",
  '\tjid: juliet@localhost',
  '[Client] Nurse',
  '\tjid: nurse@localhost',
  '-----',
  'Romeo connects',
  "Juliet's phone connects",
  'Nurse connects',
  '',
  ...Array.from({ length: 5 }, (_, n) => nameRound(n)),
  'Romeo disconnects',
  '',
].join('\n');

/** Names written over a character's, whole: others' names and prefixes of them, names with
 *  spaces, a name that holds a verb, a name read in `Nurse x connects`. */
const writtenNames = ['Romeo', 'Rome', 'Rom', "Juliet's phone", "Juliet's", 'Juliet', 'Nurse', 'Nurse x', 'Romeo sends', 'Tybalt', ''];

/** `text` with one edit of the characters' names, as typed: a character typed into or deleted from
 *  a name; a name written over with another (writtenNames: making it equal to, a prefix of or
 *  longer than another); a definition added or its header removed; now and then the separator
 *  typed on (and back when it is gone), or a line above it made a separator (and deleted next). */
export function randomNameEdit(text: string, next: () => number): string {
  const lines = text.split('\n');
  const separator = lines.findIndex((line) => /^-{3,}\s*$/.test(line));
  if (separator === -1) {
    // The separator typed back.
    const typed = lines.findIndex((line) => /^-+x?$/.test(line));
    lines[typed === -1 ? 0 : typed] = '-----';
    return lines.join('\n');
  }
  if (lines.some((line, index) => index > separator && /^-{3,}\s*$/.test(line))) {
    // A line made a separator above the first one: deleted again.
    lines.splice(separator, 1);
    return lines.join('\n');
  }
  const headers = lines.flatMap((line, index) => (index < separator && line.startsWith('[') ? [index] : []));
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const kind = next();
  if (kind < 0.04) {
    // The separator typed on.
    lines[separator] = next() < 0.5 ? lines[separator].slice(1) : `${lines[separator]}x`;
    return lines.join('\n');
  }
  if (kind < 0.06 && separator > 1) {
    lines[1 + Math.floor(next() * (separator - 1))] = '-----';
    return lines.join('\n');
  }
  if (kind < 0.14 || headers.length === 0) {
    // A definition pasted above the separator.
    const at = 1 + Math.floor(next() * separator);
    lines.splice(at, 0, `[Client] ${pick(writtenNames)}`, '\tjid: someone@localhost');
    return lines.join('\n');
  }
  const header = pick(headers);
  if (kind < 0.2) {
    lines.splice(header, 1);
    return lines.join('\n');
  }
  const close = lines[header].indexOf(']');
  const nameStart = close === -1 ? 1 : close + 2;
  if (kind < 0.35) {
    lines[header] = `${lines[header].slice(0, Math.min(nameStart, lines[header].length))}${pick(writtenNames)}`;
    return lines.join('\n');
  }
  // A character typed or deleted at a column within the name (or just before it).
  const column = Math.min(lines[header].length, nameStart - 1 + Math.floor(next() * (lines[header].length - nameStart + 2)));
  if (next() < 0.5 || column >= lines[header].length)
    lines[header] = lines[header].slice(0, column) + pick(['x', 'o', ' ', "'", 's']) + lines[header].slice(column);
  else lines[header] = lines[header].slice(0, column) + lines[header].slice(column + 1);
  return lines.join('\n');
}
