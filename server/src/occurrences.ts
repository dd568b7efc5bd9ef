// Where character names occur in a scenario: definition headers, action lines and `${...}`
// variables. Navigation, rename and hover share this one index.
import type { Position, Range, Scenario, VariableRef } from '../../core/model.js';
import { stepAtLine, stepVariables } from '../../core/queries.js';
import { contains } from './tree.js';

export type OccurrenceKind = 'definition' | 'action' | 'variable';

export interface Occurrence {
  name: string;
  /** The name alone. */
  range: Range;
  kind: OccurrenceKind;
  /** For a variable occurrence, the whole `${...}`. */
  variable?: VariableRef;
}

/** Every occurrence of every character name, definitions first, then steps in order. */
export function allOccurrences(scenario: Scenario): Occurrence[] {
  const found: Occurrence[] = scenario.characters.map((character) => ({
    name: character.name.value,
    range: character.name.range,
    kind: 'definition' as const,
  }));
  for (const step of scenario.steps) {
    found.push({ name: step.character.value, range: step.character.range, kind: 'action' });
    for (const variable of stepVariables(step)) {
      if (variable.character) {
        found.push({ name: variable.character.value, range: variable.character.range, kind: 'variable', variable });
      }
    }
  }
  return found;
}

export function occurrencesOf(scenario: Scenario, name: string): Occurrence[] {
  return allOccurrences(scenario).filter((occurrence) => occurrence.name === name);
}

/** The character name under the cursor, if any; only the tree around `position` is visited. */
export function occurrenceAt(scenario: Scenario, position: Position): Occurrence | undefined {
  for (const character of scenario.characters) {
    if (contains(character.name.range, position)) {
      return { name: character.name.value, range: character.name.range, kind: 'definition' };
    }
  }
  const step = stepAtLine(scenario, position.line);
  if (!step) return undefined;
  if (contains(step.character.range, position)) {
    return { name: step.character.value, range: step.character.range, kind: 'action' };
  }
  const variable = variableAt(scenario, position);
  if (variable?.character && contains(variable.character.range, position)) {
    return { name: variable.character.value, range: variable.character.range, kind: 'variable', variable };
  }
  return undefined;
}

/** The `${...}` under the cursor, if any. */
export function variableAt(scenario: Scenario, position: Position): VariableRef | undefined {
  const step = stepAtLine(scenario, position.line);
  if (!step) return undefined;
  return stepVariables(step).find((variable) => contains(variable.range, position));
}
