// Checks on `${...}` variables inside blocks: a known form naming a defined character, a near miss
// of one (an error), or literal text (a hint).

import type { Diagnostic, Scenario, Step, VariableRef, XmlElement, XmlNode } from '../model.js';
import { diagnostic } from './codes.js';
import { variableMeaning } from '../variables.js';
import { stanzasAsParsed } from '../parser/moved.js';
import { shiftVariable } from '../parser/shift.js';

/** The variables of each stanza seen. Stanzas are read-only, and an editor's successive parses
 *  share the stanzas of unchanged blocks, so those are not walked again on every keystroke; a
 *  block moved by whole lines is read as parsed, and its few variables moved, not its tree. */
const variablesByStanza = new WeakMap<XmlElement, readonly VariableRef[]>();

/** None at all, shared (most stanzas). */
const none: readonly VariableRef[] = Object.freeze([]);

/** Every variable in a scenario's blocks, in document order. */
export function scenarioVariables(scenario: Scenario): VariableRef[] {
  const found: VariableRef[] = [];
  for (const step of scenario.steps) addStepVariables(step, found);
  return found;
}

/** Every variable in one step's block, in document order, added to `found`. */
export function addStepVariables(step: Step, found: VariableRef[]): void {
  if (!step.block) return;
  const { stanzas, lines } = stanzasAsParsed(step.block);
  for (const stanza of stanzas) {
    let variables = variablesByStanza.get(stanza);
    if (variables === undefined) variablesByStanza.set(stanza, (variables = stanzaVariables(stanza)));
    for (const variable of variables) found.push(lines === 0 ? variable : shiftVariable(variable, lines));
  }
}

/** The variables in one stanza, in document order. */
function stanzaVariables(stanza: XmlElement): readonly VariableRef[] {
  let found: VariableRef[] | undefined;
  // Depth first with a stack of its own: however deep the XML, the call stack stays flat.
  const pending: XmlNode[] = [stanza];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === 'text') {
      if (node.variables.length > 0) (found ??= []).push(...node.variables);
      continue;
    }
    for (const attribute of node.attributes) if (attribute.variables.length > 0) (found ??= []).push(...attribute.variables);
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
  }
  return found ?? none;
}

/** Reports each variable by what it means (core/variables.ts variableMeaning, the one rule). */
export function checkVariables(variables: VariableRef[], defined: Set<string>, out: Diagnostic[]): void {
  for (const variable of variables) {
    const meaning = variableMeaning(variable.raw.slice(2, -1), defined);
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
