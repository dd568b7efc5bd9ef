// The `${...}` variable syntax: the one place that knows it.
// Forms: `${NAME's JID}` (bare JID from the definition) and `${NAME's full JID}` (bound at connect).
// NAME may itself hold spaces and apostrophes: `${Juliet's phone's full JID}`.
// What any `${...}` means is decided by variableMeaning (README "Variables and literal ${...} text").

import type { VariableForm } from './model.js';
import { editDistance } from './editDistance.js';

export const variableForms: readonly VariableForm[] = ['JID', 'full JID'];

/** A `${...}` found in a piece of text; offsets are UTF-16 indexes into that text. */
export interface FoundVariable {
  /** The whole `${...}` as written. */
  raw: string;
  start: number;
  end: number;
  /** The recognised character name and form, when the content has a known form. */
  character?: { value: string; start: number; end: number };
  form?: VariableForm;
}

const suffixes: ReadonlyArray<[string, VariableForm]> = [
  ["'s full JID", 'full JID'],
  ["'s JID", 'JID'],
];

/** Whether `code` is white space as String.prototype.trim counts it (the same set as `\s`). */
function isTrimmed(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));
}

/** Where the character name of a `${...}` lies: set by contentForm. */
interface NameSpan {
  nameStart: number;
  nameEnd: number;
}

/** The form of the variable content text[from, to) (what stands between `${` and `}`), with where
 *  its character name lies in `name`; undefined when the content is no known form. The content is
 *  read trimmed, and the name must not start or end with white space. */
function contentForm(text: string, from: number, to: number, name: NameSpan): VariableForm | undefined {
  while (from < to && isTrimmed(text.charCodeAt(from))) from++;
  while (to > from && isTrimmed(text.charCodeAt(to - 1))) to--;
  for (let i = 0; i < suffixes.length; i++) {
    const suffix = suffixes[i][0];
    const nameEnd = to - suffix.length;
    if (nameEnd > from && text.startsWith(suffix, nameEnd)) {
      if (isTrimmed(text.charCodeAt(nameEnd - 1))) return undefined;
      name.nameStart = from;
      name.nameEnd = nameEnd;
      return suffixes[i][1];
    }
  }
  return undefined;
}

/** Splits the content between `${` and `}` into a character name and a form. */
export function parseVariableContent(content: string): { character: string; characterStart: number; form: VariableForm } | undefined {
  const name: NameSpan = { nameStart: 0, nameEnd: 0 };
  const form = contentForm(content, 0, content.length, name);
  return form && { character: content.slice(name.nameStart, name.nameEnd), characterStart: name.nameStart, form };
}

/** A `${...}` that nextVariable found, as offsets into the text searched: where the `${` starts,
 *  just past its `}`, and, when the content is a known form, the character name's [nameStart,
 *  nameEnd) and the form (else -1, -1 and undefined). */
export interface VariableSpan {
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  form: VariableForm | undefined;
}

/** A span for nextVariable to fill. */
export function variableSpan(): VariableSpan {
  return { start: -1, end: -1, nameStart: -1, nameEnd: -1, form: undefined };
}

/** Finds the first `${...}` in text[from, to) into `found`; false when there is none (an unclosed
 *  `${` is none). The next one is searched from `found.end`. Cuts no string and makes no object:
 *  the parser calls it on a whole block's text. */
export function nextVariable(text: string, from: number, to: number, found: VariableSpan): boolean {
  const start = text.indexOf('${', from);
  if (start === -1 || start >= to) return false;
  const close = text.indexOf('}', start + 2);
  if (close === -1 || close >= to) return false;
  found.start = start;
  found.end = close + 1;
  found.form = contentForm(text, start + 2, close, found);
  if (found.form === undefined) found.nameStart = found.nameEnd = -1;
  return true;
}

/** Every `${...}` in `text`, in order. An unclosed `${` is not a variable. */
export function findVariables(text: string): FoundVariable[] {
  const found: FoundVariable[] = [];
  const span = variableSpan();
  for (let from = 0; nextVariable(text, from, text.length, span); from = span.end) {
    const { start, end, nameStart, nameEnd, form } = span;
    const variable: FoundVariable = { raw: text.slice(start, end), start, end };
    if (form) {
      variable.character = { value: text.slice(nameStart, nameEnd), start: nameStart, end: nameEnd };
      variable.form = form;
    }
    found.push(variable);
  }
  return found;
}

/** Writes a variable for a character and form, e.g. `${Juliet's full JID}`. */
export function formatVariable(character: string, form: VariableForm): string {
  return `\${${character}'s ${form}}`;
}

/**
 * What `${content}` means in a scenario whose characters are `defined` (README "Variables and
 * literal ${...} text"; SCANSION.md section 2):
 * - `variable`: `NAME's JID` or `NAME's full JID` of a defined character; substituted at run time;
 * - `undefined-character`: one of those forms naming no defined character: an error, with the
 *   closest defined name when there is one;
 * - `near-miss`: not a form, but it names a defined character (in any letter case, with any
 *   apostrophe, followed by anything) or a JID (`${Romeo JID}`, `${romeo's jid}`, `${JID}`): an
 *   error, with the variable it most likely means;
 * - `literal`: anything else (`${HOME}`, `${user}` in a recorded body): kept as written, sent and
 *   matched as text.
 * substituteVariables substitutes exactly the `variable` ones of a scenario that checks without
 * errors (the run gate refuses the others), and leaves every other `${...}` as written.
 */
export type VariableMeaning =
  | { kind: 'variable'; character: string; form: VariableForm }
  | { kind: 'undefined-character'; character: string; form: VariableForm; suggestion?: string }
  | { kind: 'near-miss'; suggestion?: string }
  | { kind: 'literal' };

export function variableMeaning(content: string, defined: ReadonlySet<string>): VariableMeaning {
  const parsed = parseVariableContent(content);
  if (parsed) {
    if (defined.has(parsed.character)) return { kind: 'variable', character: parsed.character, form: parsed.form };
    const meaning: VariableMeaning = { kind: 'undefined-character', character: parsed.character, form: parsed.form };
    const name = closestName(parsed.character, defined);
    if (name !== undefined) meaning.suggestion = formatVariable(name, parsed.form);
    return meaning;
  }
  const normal = content
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  const form: VariableForm = normal.includes('full') ? 'full JID' : 'JID';
  const named = namedCharacter(normal, defined);
  if (named !== undefined) return { kind: 'near-miss', suggestion: formatVariable(named, form) };
  if (!normal.includes('jid')) return { kind: 'literal' };
  const meaning: VariableMeaning = { kind: 'near-miss' };
  const written = normal
    .replace(/full|bare|jid/g, ' ')
    .replace(/'s?\s*$|'s\s/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const name = written === '' ? undefined : closestName(written, defined);
  if (name !== undefined) meaning.suggestion = formatVariable(name, form);
  return meaning;
}

/** The longest defined name that `normal` (lower case) starts with, as a word of its own (or
 *  followed by a possessive `s`). */
function namedCharacter(normal: string, defined: ReadonlySet<string>): string | undefined {
  let found: string | undefined;
  for (const name of defined) {
    const lower = name.toLowerCase();
    if (lower === '' || !normal.startsWith(lower) || (found !== undefined && found.length >= name.length)) continue;
    const rest = normal.slice(lower.length);
    if (rest === '' || /^(?:[^a-z0-9]|s\b)/.test(rest)) found = name;
  }
  return found;
}

/** The defined name closest to `written` (letter case aside), when it is close enough to be meant. */
function closestName(written: string, defined: ReadonlySet<string>): string | undefined {
  const lower = written.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of defined) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(lower.length / 3)) ? best : undefined;
}

/**
 * Replaces every `${NAME's JID}` and `${NAME's full JID}` in `value` with what `resolve` returns
 * for it; every other `${...}` is literal text and stays as written (see VariableMeaning: the run
 * gate keeps scenarios whose forms name undefined characters, or that hold near misses, from
 * running). `value` is decoded XML; `written`, when given, are the variables the parser found in
 * the value as written (XmlAttribute.variables, XmlText.variables), matched in order: a `$`
 * written as a character reference (`&#36;{Romeo's JID}`) starts no variable, so the text stays.
 */
export function substituteVariables(value: string, resolve: (character: string, form: VariableForm) => string, written?: readonly { raw: string }[]): string {
  if (!value.includes('${')) return value;
  let result = '';
  let last = 0;
  let next = 0;
  for (const variable of findVariables(value)) {
    if (written !== undefined) {
      if (written[next]?.raw !== variable.raw) continue;
      next++;
    }
    if (variable.character === undefined || variable.form === undefined) continue;
    result += value.slice(last, variable.start) + resolve(variable.character.value, variable.form);
    last = variable.end;
  }
  return result + value.slice(last);
}
