// Questions about a parsed scenario that several adapters ask: which step owns a line, and how a
// step is named in lists (the Test Explorer, the debugger's call stack).

import type { Scenario, Step } from './model.js';

/**
 * The step a line belongs to: the step whose action line or block holds it, else the next step
 * below (a blank line, a comment, a definition). Undefined below the last step.
 * `line` is 0-based, as every line of the model.
 */
export function stepAtOrAfterLine(scenario: Scenario, line: number): Step | undefined {
  return scenario.steps.find((step) => step.range.end.line >= line);
}

/** A short label for a step: `Romeo sends <message>`, `Juliet receives nothing`. */
export function stepLabel(step: Step): string {
  const actor = `${step.character.value} ${step.verb.value}`;
  if (step.nothing) return `${actor} nothing`;
  const stanzas = step.block?.stanzas ?? [];
  if (stanzas.length === 0) return actor;
  const names = stanzas.map((stanza) => `<${stanza.name}>`).join(' ');
  return `${actor} ${names}`;
}
