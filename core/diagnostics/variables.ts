// Checks on `${...}` variables inside blocks: a known form naming a defined character, a near miss
// of one (an error), or literal text (a hint).

import type { Diagnostic, Scenario, Step, VariableRef } from '../model.js';
import { diagnostic, type Code } from './codes.js';
import { maxKept } from './steps.js';
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
  const { variables } = outline;
  for (let i = 0; i < variables.length; i++) found.push(lines === 0 ? variables[i] : shiftVariable(variables[i], lines));
}

/** What is said of a variable's text (its `${...}`), or null when it names a defined character. */
type Finding = { code: Code; message: string; data?: Record<string, unknown>; atCharacter: boolean } | null;

/** What checkVariables says of each variable's text among `defined` (core/variables.ts
 *  variableMeaning, the one rule), found once per text: a file writes the same few variables many
 *  times. The data is shared by those diagnostics (read-only, as all are). */
export class VariableFindings {
  private readonly found = new Map<string, Finding>();

  /** `defined`: the defined names, in the order defined (the first of equally close ones is meant). */
  constructor(readonly defined: Set<string>) {}

  of(raw: string): Finding {
    let finding = this.found.get(raw);
    if (finding === undefined) {
      finding = findingOf(raw, variableMeaning(raw.slice(2, -1), this.defined));
      // Kept across keystrokes (IncrementalDiagnostics): texts typed one letter at a time would
      // otherwise pile up.
      if (this.found.size >= maxKept) this.found.clear();
      this.found.set(raw, finding);
    }
    return finding;
  }
}

function findingOf(raw: string, meaning: VariableMeaning): Finding {
  switch (meaning.kind) {
    case 'variable':
      return null;
    case 'undefined-character': {
      const name = meaning.character;
      const data: Record<string, unknown> = { name };
      let hint = '';
      if (meaning.suggestion !== undefined) {
        data.suggestion = meaning.suggestion;
        hint = ` Did you mean ${meaning.suggestion}?`;
      }
      return { code: 'variable-undefined-character', message: `No character is called "${name}" (in ${raw}).${hint}`, data, atCharacter: true };
    }
    case 'near-miss': {
      const hint = meaning.suggestion !== undefined ? `did you mean ${meaning.suggestion}?` : "write ${NAME's JID} or ${NAME's full JID}.";
      const finding: Finding = { code: 'variable-unknown-form', message: `${raw} is not a variable: ${hint}`, atCharacter: false };
      if (meaning.suggestion !== undefined) finding.data = { suggestion: meaning.suggestion };
      return finding;
    }
    case 'literal':
      return { code: 'variable-literal', message: `${raw} names no character, so it is text: sent and matched as written.`, atCharacter: false };
  }
}

/** Reports each variable by what it means among `findings.defined`. */
export function checkVariables(variables: readonly VariableRef[], findings: VariableFindings, out: Diagnostic[]): void {
  for (let i = 0; i < variables.length; i++) {
    const variable = variables[i];
    const finding = findings.of(variable.raw);
    if (finding === null) continue;
    const range = finding.atCharacter ? (variable.character?.range ?? variable.range) : variable.range;
    out.push(diagnostic(finding.code, range, finding.message, finding.data));
  }
}
