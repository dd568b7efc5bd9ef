// Reads one action line: `NAME connects`, `NAME disconnects`, `NAME sends[:]`, `NAME receives[:]`,
// `NAME receives: nothing`. Names may hold spaces and apostrophes, so defined names are tried first,
// longest first.

import type { Verb } from '../model.js';
import { closestWord } from '../spelling.js';
import { isSpace, startsWithAt } from './chars.js';

export const verbs: readonly Verb[] = ['connects', 'disconnects', 'sends', 'receives'];

/** A piece of the line: [start, end) in UTF-16 units from the start of the line. */
export interface Piece {
  value: string;
  start: number;
  end: number;
}

export type ActionLine =
  | { kind: 'action'; character: Piece; verb: Piece & { value: Verb }; rest?: Piece }
  | { kind: 'unknown-verb'; character: Piece; verb: Piece; suggestion?: Verb }
  | { kind: 'missing-verb'; character: Piece }
  | { kind: 'missing-character'; verb: Piece };

const knownVerb = /\s(connects|disconnects|sends|receives)(?=[:\s]|$)/;

function piece(line: string, start: number, end: number): Piece {
  return { value: line.slice(start, end), start, end };
}

/** The defined name that starts `line` (whose content ends at `end`) and is followed by a blank:
 *  the longest, when several are. A few names (most files) are compared in place; with many, each
 *  candidate is cut from the line and looked up. */
function definedName(line: string, end: number, names: ReadonlySet<string>): string | undefined {
  return names.size <= namesComparedInPlace ? longestNameInPlace(line, end, names) : longestNameCut(line, end, names);
}

/** Where the verb starts on a line that starts with no defined name: before a known verb, or at
 *  the last word. */
function verbStartWithoutName(line: string, end: number): number {
  const match = knownVerb.exec(line.slice(0, end));
  if (match) return match.index + 1;
  // Unknown verb: the word before the first colon, or else the last word.
  const colon = line.indexOf(':');
  let wordEnd = colon === -1 ? end : colon;
  while (wordEnd > 0 && isSpace(line.charCodeAt(wordEnd - 1))) wordEnd--;
  let start = wordEnd;
  while (start > 0 && !isSpace(line.charCodeAt(start - 1))) start--;
  return start;
}

/** Up to this many defined names, an action line is compared with each (no string cut). */
const namesComparedInPlace = 16;

/** Whether a defined name of `length` units may end line[0, end): a word ends there, a blank follows. */
function endsName(line: string, end: number, length: number): boolean {
  return length > 0 && length < end && isSpace(line.charCodeAt(length)) && !isSpace(line.charCodeAt(length - 1));
}

function longestNameInPlace(line: string, end: number, names: ReadonlySet<string>): string | undefined {
  let found: string | undefined;
  for (const name of names) {
    if ((found === undefined || name.length > found.length) && endsName(line, end, name.length) && startsWithAt(line, name, 0)) found = name;
  }
  return found;
}

function longestNameCut(line: string, end: number, names: ReadonlySet<string>): string | undefined {
  for (let blank = end - 1; blank > 0; blank--) {
    if (!endsName(line, end, blank)) continue;
    const candidate = line.slice(0, blank);
    if (names.has(candidate)) return candidate;
  }
  return undefined;
}

/** `line` is a non-indented line that is neither a comment, a header nor a separator. */
export function parseActionLine(line: string, names: ReadonlySet<string>): ActionLine {
  let end = line.length;
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  const name = definedName(line, end, names);
  let verbStart = name === undefined ? verbStartWithoutName(line, end) : name.length;
  while (verbStart < end && isSpace(line.charCodeAt(verbStart))) verbStart++;
  let nameEnd = verbStart;
  while (nameEnd > 0 && isSpace(line.charCodeAt(nameEnd - 1))) nameEnd--;
  // The verb runs to the first blank or colon.
  const known = verbAt(line, verbStart, end);
  let verbEnd = verbStart;
  if (known !== undefined) verbEnd += known.length;
  else while (verbEnd < end && !isSpace(line.charCodeAt(verbEnd)) && line.charCodeAt(verbEnd) !== 58 /* : */) verbEnd++;
  const verb = known === undefined ? piece(line, verbStart, verbEnd) : { value: known, start: verbStart, end: verbEnd };
  if (nameEnd === 0) {
    // A single word: either a verb without a name or a name without a verb.
    return known !== undefined ? { kind: 'missing-character', verb } : { kind: 'missing-verb', character: piece(line, 0, end) };
  }
  // A defined name is the set's string: the same for every line, not a copy.
  const character = name === undefined ? piece(line, 0, nameEnd) : { value: name, start: 0, end: nameEnd };
  if (known === undefined) {
    const result: ActionLine = { kind: 'unknown-verb', character, verb };
    const suggestion = suggestVerb(verb.value);
    if (suggestion) result.suggestion = suggestion;
    return result;
  }
  let restStart = verbEnd;
  if (line.charCodeAt(restStart) === 58 /* : */) restStart++;
  while (restStart < end && isSpace(line.charCodeAt(restStart))) restStart++;
  const action: ActionLine = { kind: 'action', character, verb: verb as Piece & { value: Verb } };
  if (restStart < end) action.rest = piece(line, restStart, end);
  return action;
}

/** The verb written from line[start] to the end of its word (a blank, a colon or `end`, the end of
 *  the line's content, follows), if it is one: the shared string, not a copy. */
function verbAt(line: string, start: number, end: number): Verb | undefined {
  for (const verb of verbs) {
    const after = start + verb.length;
    if (after > end || !startsWithAt(line, verb, start)) continue;
    const next = line.charCodeAt(after);
    if (after === end || isSpace(next) || next === 58 /* : */) return verb;
  }
  return undefined;
}

/** The verb closest to a misspelt one, when it is close enough to be what was meant. */
function suggestVerb(written: string): Verb | undefined {
  return closestWord(written.toLowerCase().replace(/:$/, ''), verbs);
}
