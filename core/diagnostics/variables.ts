// Checks on `${...}` variables inside blocks: a known form naming a defined character, a near miss
// of one (an error), or literal text (a hint).

import type { Diagnostic, Scenario, Step, VariableRef } from '../model.js';
import { diagnostic } from './codes.js';
import { variableMeaning, type VariableMeaning } from '../variables.js';
import { outlineAsParsed } from '../parser/moved.js';
import { shiftVariable } from '../parser/shift.js';

/** Every variable in a scenario's blocks, in document order. */
export function scenarioVariables(scenario: Scenario): VariableRef[] {
  const found: VariableRef[] = [];
  for (const step of scenario.steps) addStepVariables(step, found);
  return found;
}

/** Every variable in one step's block, in document order, added to `found`. Read from the block's
 *  outline (core/parser/outline.ts): no tree is built or walked, and a block moved by whole lines
 *  has its few variables moved, not its tree. */
export function addStepVariables(step: Step, found: VariableRef[]): void {
  if (!step.block) return;
  const { outline, lines } = outlineAsParsed(step.block);
  for (const variable of outline.variables) found.push(lines === 0 ? variable : shiftVariable(variable, lines));
}

/** Reports each variable by what it means (core/variables.ts variableMeaning, the one rule).
 *  `meanings`: the meanings found so far among `defined`, by the variable's text (a file writes
 *  the same few variables many times), which it adds to. */
export function checkVariables(variables: VariableRef[], defined: Set<string>, out: Diagnostic[], meanings = new Map<string, VariableMeaning>()): void {
  for (const variable of variables) {
    let meaning = meanings.get(variable.raw);
    if (meaning === undefined) {
      meaning = variableMeaning(variable.raw.slice(2, -1), defined);
      meanings.set(variable.raw, meaning);
    }
    switch (meaning.kind) {
      case 'variable':
        break;
      case 'undefined-character': {
        const name = meaning.character;
        const data: Record<string, unknown> = { name };
        let hint = '';
        if (meaning.suggestion !== undefined) {
          data.suggestion = meaning.suggestion;
          hint = ` Did you mean ${meaning.suggestion}?`;
        }
        out.push(
          diagnostic(
            'variable-undefined-character',
            variable.character?.range ?? variable.range,
            `No character is called "${name}" (in ${variable.raw}).${hint}`,
            data,
          ),
        );
        break;
      }
      case 'near-miss': {
        const hint = meaning.suggestion !== undefined ? `did you mean ${meaning.suggestion}?` : "write ${NAME's JID} or ${NAME's full JID}.";
        out.push(
          diagnostic(
            'variable-unknown-form',
            variable.range,
            `${variable.raw} is not a variable: ${hint}`,
            meaning.suggestion !== undefined ? { suggestion: meaning.suggestion } : undefined,
          ),
        );
        break;
      }
      case 'literal':
        out.push(diagnostic('variable-literal', variable.range, `${variable.raw} names no character, so it is text: sent and matched as written.`));
    }
  }
}
