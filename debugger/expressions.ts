// What the debugger evaluates: watch and hover expressions, breakpoint conditions and log
// messages. The language is small on purpose, and is the scenario's own where it can be:
//
//   ${Romeo's JID}, ${Romeo's full JID}   a variable (SCANSION.md section 2), as in a block
//   {scansion:capture:NAME}               a captured value (SCANSION.md section 3)
//   Romeo                                 a character: its state (expandable in watch and hover)
//   Romeo's queue                         how many received stanzas no step consumed yet
//   "text" or 'text'                      a literal; any other text is read as text too, with
//                                         its ${...} variables resolved
//
// A condition is one operand (true when connected, non-zero, or non-empty and not "false"), or
// two operands joined by ==, !=, contains, <, <=, > or >= (numbers compare as numbers).

import { parseVariableContent, substituteVariables } from '../core/variables.js';
import type { LiveCharacter, LiveSession } from '../core/runner/index.js';

export type Value = { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'character'; character: LiveCharacter };

const capture = /^\{scansion:capture:([^}]+)\}$/;
const queue = /^(.+)'s queue$/;
const comparison = /^(.+?)\s*(==|!=|<=|>=|<|>|\scontains\s)\s*(.+)$/;

/** Evaluates one operand; throws an Error saying why it has no value. */
export function evaluate(expression: string, live: LiveSession): Value {
  const text = expression.trim();
  const quoted = /^(["'])(.*)\1$/.exec(text);
  if (quoted) return { kind: 'text', text: quoted[2] };
  const characters = live.characters();
  const character = characters.find((candidate) => candidate.name === text);
  if (character) return { kind: 'character', character };
  const queued = queue.exec(text);
  const queueOf = queued && characters.find((candidate) => candidate.name === queued[1]);
  if (queueOf) return { kind: 'number', value: queueOf.pending.length };
  const captured = capture.exec(text);
  if (captured) {
    const value = live.captures.get(captured[1]);
    if (value === undefined) throw new Error(`nothing captured as ${captured[1]} yet`);
    return { kind: 'text', text: value };
  }
  if (/^\$\{[^}]*\}$/.test(text) && !parseVariableContent(text.slice(2, -1))) {
    throw new Error(`unknown variable ${text}: write \${NAME's JID} or \${NAME's full JID}`);
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'number', value: Number(text) };
  return { kind: 'text', text: resolveVariables(text, live) };
}

/** `text` with every `${...}` resolved; throws when one has no value. */
export function resolveVariables(text: string, live: LiveSession): string {
  return substituteVariables(text, (character, form) => live.variable(character, form));
}

/** A log message with its `${...}` resolved; a variable without a value shows why, in place. */
export function logMessage(text: string, live: LiveSession): string {
  return substituteVariables(text, (character, form) => {
    try {
      return live.variable(character, form);
    } catch (error) {
      return `<${(error as Error).message}>`;
    }
  });
}

/** Whether a breakpoint condition holds; throws when it cannot be evaluated. */
export function condition(expression: string, live: LiveSession): boolean {
  const compared = comparison.exec(expression.trim());
  if (!compared) return truthy(evaluate(expression, live));
  const [, left, operator, right] = compared;
  const a = evaluate(left, live);
  const b = evaluate(right, live);
  switch (operator.trim()) {
    case '==':
      return display(a) === display(b);
    case '!=':
      return display(a) !== display(b);
    case 'contains':
      return display(a).includes(display(b));
    default:
      return compare(numberOf(a), operator, numberOf(b));
  }
}

/** How a value reads in the Watch view, a hover or a comparison. */
export function display(value: Value): string {
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'number':
      return String(value.value);
    case 'character': {
      const { character } = value;
      if (character.error) return character.error;
      return character.connected ? `connected as ${character.fullJid}` : `not connected (${character.bareJid})`;
    }
  }
}

function truthy(value: Value): boolean {
  if (value.kind === 'character') return value.character.connected;
  if (value.kind === 'number') return value.value !== 0;
  return value.text !== '' && value.text !== 'false' && value.text !== '0';
}

function numberOf(value: Value): number {
  const number = value.kind === 'number' ? value.value : value.kind === 'text' ? Number(value.text) : NaN;
  if (Number.isNaN(number)) throw new Error(`"${display(value)}" is not a number`);
  return number;
}

function compare(a: number, operator: string, b: number): boolean {
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}
