// Checks on `${...}` variables inside blocks: a known form, naming a defined character.

import type { Diagnostic, Scenario, VariableRef, XmlNode } from '../model.js';
import { diagnostic } from './codes.js';

/** Every variable in a scenario's blocks, in document order. */
export function scenarioVariables(scenario: Scenario): VariableRef[] {
  const found: VariableRef[] = [];
  // Depth first with a stack of its own: however deep the XML, the call stack stays flat.
  const pending: XmlNode[] = [];
  for (const step of scenario.steps) {
    const stanzas = step.block?.stanzas;
    if (!stanzas) continue;
    for (let i = stanzas.length - 1; i >= 0; i--) pending.push(stanzas[i]);
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.kind === 'text') {
        for (const variable of node.variables) found.push(variable);
        continue;
      }
      for (const attribute of node.attributes) for (const variable of attribute.variables) found.push(variable);
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
  }
  return found;
}

export function checkVariables(variables: VariableRef[], defined: Set<string>, out: Diagnostic[]): void {
  for (const variable of variables) {
    if (!variable.character || !variable.form) {
      out.push(diagnostic('variable-unknown-form', variable.range, `Unknown variable ${variable.raw}: write \${NAME's JID} or \${NAME's full JID}.`));
    } else if (!defined.has(variable.character.value)) {
      const name = variable.character.value;
      out.push(diagnostic('variable-undefined-character', variable.character.range, `No character is called "${name}" (in ${variable.raw}).`, { name }));
    }
  }
}
