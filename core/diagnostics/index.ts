// diagnose(): the parser's syntax diagnostics plus the semantic checks, sorted by position.

import type { Diagnostic, Scenario } from '../model.js';
import { checkCharacters, checkUnused } from './characters.js';
import { checkIndentation } from './indentation.js';
import { checkSteps } from './steps.js';
import { checkVariables, scenarioVariables } from './variables.js';

export { codes, diagnostic, type Code, type CodeInfo } from './codes.js';
export { knownClasses, knownProperties } from './characters.js';
export { scenarioVariables } from './variables.js';

const severityOrder = { error: 0, warning: 1, information: 2, hint: 3 };

export function diagnose(scenario: Scenario): Diagnostic[] {
  const out = [...scenario.diagnostics];
  const defined = new Set(scenario.characters.map((character) => character.name.value).filter((name) => name !== ''));
  checkCharacters(scenario, out);
  checkSteps(scenario, defined, out);
  const variables = scenarioVariables(scenario);
  checkVariables(variables, defined, out);
  const used = new Set(scenario.steps.map((step) => step.character.value));
  for (const variable of variables) if (variable.character) used.add(variable.character.value);
  checkUnused(scenario, used, out);
  checkIndentation(scenario, out);
  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      severityOrder[a.severity] - severityOrder[b.severity],
  );
}
