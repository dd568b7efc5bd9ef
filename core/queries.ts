// Questions about a parsed scenario that several adapters ask: a character by name and its
// properties and JID, the step at a line, how a step is named in lists (the Test Explorer, the
// debugger's call stack), and the variables of a step's block. Adapters ask here instead of
// walking the tree themselves, so each answer has one rule. Lines are 0-based, as in the model.

import type { Character, Scenario, Step, VariableRef } from './model.js';
import { addStepVariables } from './diagnostics/variables.js';
import { firstStanzaAttribute, stanzaNames } from './parser/glance.js';
import { actionLine, characterName, verbName } from './parser/moved.js';

// ---- characters

/** The character defined with `name` (the first, when a name is defined twice). */
export function findCharacter(scenario: Scenario, name: string): Character | undefined {
  return scenario.characters.find((character) => character.name.value === name);
}

/** The value of a character's property `key` as written (trimmed by the parser); of a property set
 *  twice, the last one (the `duplicate-property` warning says so). Undefined when it is not set. */
export function propertyValue(character: Character, key: string): string | undefined {
  const { properties } = character;
  for (let index = properties.length - 1; index >= 0; index--) if (properties[index].key.value === key) return properties[index].value.value;
  return undefined;
}

/** A JID without its resource: `juliet@example.com/balcony` -> `juliet@example.com`. */
export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return slash < 0 ? jid : jid.slice(0, slash);
}

/** The character's `jid` property as written (normally bare already), or undefined when it has
 *  none or an empty one. */
export function characterJid(character: Character): string | undefined {
  return propertyValue(character, 'jid') || undefined;
}

/** The bare JID of a character, from its `jid` property (a resource written there dropped). */
export function bareJidOf(character: Character): string | undefined {
  const jid = characterJid(character);
  return jid === undefined ? undefined : bareJid(jid);
}

/** Bare JIDs by character name, for the characters with a `jid`. */
export function bareJidsByName(scenario: Scenario): Record<string, string> {
  const jids: Record<string, string> = {};
  for (const character of scenario.characters) {
    const jid = bareJidOf(character);
    if (jid) jids[character.name.value] = jid;
  }
  return jids;
}

// ---- steps by line

/** The step whose action line or block holds `line`, else undefined (steps are in document order,
 *  so this is a binary search). */
export function stepAtLine(scenario: Scenario, line: number): Step | undefined {
  const steps = scenario.steps;
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = steps[middle].range;
    if (line < range.start.line) high = middle - 1;
    else if (line > range.end.line) low = middle + 1;
    else return steps[middle];
  }
  return undefined;
}

/**
 * The step a line belongs to: the step whose action line or block holds it, else the next step
 * below (a blank line, a comment, a definition). Undefined below the last step.
 */
export function stepAtOrAfterLine(scenario: Scenario, line: number): Step | undefined {
  return scenario.steps.find((step) => step.range.end.line >= line);
}

/** The last step whose action line is above `line` (a block being typed below it may not be part
 *  of the step's range yet). */
export function lastStepStartingBefore(scenario: Scenario, line: number): Step | undefined {
  const steps = scenario.steps;
  let low = 0;
  let high = steps.length - 1;
  let found: Step | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (steps[middle].actionRange.start.line < line) {
      found = steps[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

// ---- where a line stands

/**
 * The `sends`/`receives` step whose stanza block an indented `line` continues, though the block
 * may still be half typed (and so not yet part of the step's range): the last step whose action
 * line is above `line`, when no later step's action line and no comment line comes between.
 * Undefined for other verbs and `receives: nothing`. The caller decides whether the line is
 * indented (a block line); 0-based lines.
 */
export function stanzaBlockOwner(scenario: Scenario, line: number): Step | undefined {
  const step = lastStepStartingBefore(scenario, line);
  if (!step || (step.verb.value !== 'sends' && step.verb.value !== 'receives') || step.nothing) return undefined;
  const next = scenario.steps[step.index + 1];
  if (next && next.actionRange.start.line <= line) return undefined;
  const comment = scenario.comments.find((found) => found.range.start.line > step.actionRange.start.line && found.range.start.line <= line);
  return comment ? undefined : step;
}

/** Whether `line` (0-based) is among the definitions: below the first character's header and above
 *  the separator (or, without one, above the first step). */
export function inDefinitions(scenario: Scenario, line: number): boolean {
  const end = scenario.separator?.start.line ?? scenario.steps[0]?.actionRange.start.line ?? Number.POSITIVE_INFINITY;
  const first = scenario.characters[0];
  return line < end && first !== undefined && first.headerRange.start.line < line;
}

/** Whether `line` (0-based) is among the action lines: after the separator, or after the last
 *  definition when there is none. */
export function inActions(scenario: Scenario, line: number): boolean {
  const after = scenario.separator?.start.line ?? scenario.characters.at(-1)?.range.end.line ?? -1;
  return line > after;
}

// ---- step labels

/** A short label for a step: `Romeo sends <message>`, `Juliet receives nothing`. Reads no block's
 *  tree (glance.ts) and makes no range (moved.ts characterName, verbName). */
export function stepLabel(step: Step): string {
  let label = `${characterName(step)} ${verbName(step)}`;
  if (step.nothing) return `${label} nothing`;
  if (step.block) for (const name of stanzaNames(step.block)) label += ` <${name}>`;
  return label;
}

/**
 * Labels that tell the steps apart, one per step in the order given (issue 8, "Step labels tell
 * steps apart"): stepLabel() where it is unique; where two steps would read the same (`Romeo
 * receives <presence>`), their first stanza's `type` and `from` (for receives) or `to` (for sends)
 * are added; where that is still not enough, the 1-based line (`· line 12`).
 */
export function distinctStepLabels(steps: readonly Step[]): string[] {
  const plain = steps.map((step) => stepLabel(step));
  const plainRepeated = repeatedLabels(plain);
  const detailed = steps.map((step, index) => (plainRepeated.has(plain[index]!) ? withAttributes(step) : plain[index]!));
  const detailedRepeated = repeatedLabels(detailed);
  return steps.map((step, index) => (detailedRepeated.has(detailed[index]!) ? `${detailed[index]} · line ${actionLine(step) + 1}` : detailed[index]!));
}

/** The labels that occur more than once (linear: the language server labels every step of a
 *  100,000-step document). */
function repeatedLabels(labels: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) repeated.add(label);
    else seen.add(label);
  }
  return repeated;
}

function withAttributes(step: Step): string {
  const { block } = step;
  const name = block ? stanzaNames(block)[0] : undefined;
  if (!block || name === undefined) return stepLabel(step);
  const verb = verbName(step);
  let label = `${characterName(step)} ${verb} <${name}`;
  for (const attribute of ['type', verb === 'sends' ? 'to' : 'from'] as const) {
    for (const value of firstStanzaAttribute(block, attribute)) label += ` ${attribute}="${value}"`;
  }
  return `${label}>`;
}

// ---- variables

/** Every `${...}` in a step's block, in document order (none for a step without a block). */
export function stepVariables(step: Step): VariableRef[] {
  const found: VariableRef[] = [];
  addStepVariables(step, found);
  return found;
}
