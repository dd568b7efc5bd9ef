// The `${...}` variable syntax: the one place that knows it.
// Forms: `${NAME's JID}` (bare JID from the definition) and `${NAME's full JID}` (bound at connect).
// NAME may itself hold spaces and apostrophes: `${Juliet's phone's full JID}`.

import type { VariableForm } from './model.js';

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

/** Splits the content between `${` and `}` into a character name and a form. */
export function parseVariableContent(content: string): { character: string; characterStart: number; form: VariableForm } | undefined {
  const leading = content.length - content.trimStart().length;
  const trimmed = content.trim();
  for (const [suffix, form] of suffixes) {
    if (trimmed.endsWith(suffix) && trimmed.length > suffix.length) {
      const name = trimmed.slice(0, trimmed.length - suffix.length);
      if (name.trim() !== name) return undefined;
      return { character: name, characterStart: leading, form };
    }
  }
  return undefined;
}

/** Every `${...}` in `text`, in order. An unclosed `${` is not a variable. */
export function findVariables(text: string): FoundVariable[] {
  const found: FoundVariable[] = [];
  let from = text.indexOf('${');
  while (from !== -1) {
    const close = text.indexOf('}', from + 2);
    if (close === -1) break;
    const end = close + 1;
    const variable: FoundVariable = { raw: text.slice(from, end), start: from, end };
    const parsed = parseVariableContent(text.slice(from + 2, close));
    if (parsed) {
      const start = from + 2 + parsed.characterStart;
      variable.character = { value: parsed.character, start, end: start + parsed.character.length };
      variable.form = parsed.form;
    }
    found.push(variable);
    from = text.indexOf('${', end);
  }
  return found;
}

/** Writes a variable for a character and form, e.g. `${Juliet's full JID}`. */
export function formatVariable(character: string, form: VariableForm): string {
  return `\${${character}'s ${form}}`;
}

/**
 * Replaces every recognised `${...}` in `value` with what `resolve` returns for it.
 * Unrecognised `${...}` are left as written (the diagnostics report them).
 */
export function substituteVariables(value: string, resolve: (character: string, form: VariableForm) => string): string {
  if (!value.includes('${')) return value;
  let result = '';
  let last = 0;
  for (const variable of findVariables(value)) {
    if (variable.character === undefined || variable.form === undefined) continue;
    result += value.slice(last, variable.start) + resolve(variable.character.value, variable.form);
    last = variable.end;
  }
  return result + value.slice(last);
}
