// What an expected attribute value or text may say: a literal, `{scansion:any}`, or
// `{scansion:capture:NAME}` (the first occurrence captures, later ones must equal the capture).

export type Pattern = { kind: 'literal'; value: string } | { kind: 'any' } | { kind: 'capture'; name: string };

const capturePattern = /^\{scansion:capture:([^}]+)\}$/;

export function parsePattern(expected: string): Pattern {
  // Nearly every value is a literal: only one starting with `{` can be a pattern.
  if (expected.charCodeAt(0) !== 123) return { kind: 'literal', value: expected };
  if (expected === '{scansion:any}') return { kind: 'any' };
  const capture = capturePattern.exec(expected);
  if (capture) return { kind: 'capture', name: capture[1]! };
  return { kind: 'literal', value: expected };
}

/** Whether `actual` fits `pattern` given the captures so far (nothing is recorded). */
export function fitsPattern(pattern: Pattern, actual: string, captures: ReadonlyMap<string, string>): boolean {
  if (pattern.kind === 'literal') return actual === pattern.value;
  if (pattern.kind === 'capture') {
    const captured = captures.get(pattern.name);
    return captured === undefined || captured === actual;
  }
  return true;
}

/** Like `fitsPattern`, and records a first capture in `captures` when it fits. */
export function acceptPattern(pattern: Pattern, actual: string, captures: Map<string, string>): boolean {
  if (!fitsPattern(pattern, actual, captures)) return false;
  if (pattern.kind === 'capture' && !captures.has(pattern.name)) captures.set(pattern.name, actual);
  return true;
}

/** How a pattern reads in a reason: `"member"`, `any value`, `"x" (captured as NAME)`. */
export function describePattern(pattern: Pattern, captures: ReadonlyMap<string, string>): string {
  if (pattern.kind === 'literal') return JSON.stringify(pattern.value);
  if (pattern.kind === 'any') return 'any value';
  const captured = captures.get(pattern.name);
  return captured === undefined ? `a value to capture as ${pattern.name}` : `${JSON.stringify(captured)} (captured as ${pattern.name})`;
}
