// Checks on `${...}` variables inside blocks: a known form, naming a defined character.

import type { Diagnostic, Scenario, VariableRef, XmlElement } from '../model.js';
import { diagnostic } from './codes.js';

/** Every variable in a scenario's blocks, in document order. */
export function scenarioVariables(scenario: Scenario): VariableRef[] {
  const found: VariableRef[] = [];
  const visit = (element: XmlElement): void => {
    for (const attribute of element.attributes) found.push(...attribute.variables);
    for (const child of element.children) {
      if (child.kind === 'element') visit(child);
      else found.push(...child.variables);
    }
  };
  for (const step of scenario.steps) step.block?.stanzas.forEach(visit);
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
