// diagnose(): the parser's syntax diagnostics plus the semantic checks, sorted by position, at
// most 1,000 per file (limit.ts). IncrementalDiagnostics gives the same for successive versions
// of one document (the language server).

import type { Diagnostic, Scenario } from '../model.js';
import { IncrementalDiagnostics } from './incremental.js';

export { codes, diagnostic, type Code, type CodeInfo } from './codes.js';
export { knownClasses, knownProperties } from './characters.js';
export { scenarioVariables } from './variables.js';
export { IncrementalDiagnostics } from './incremental.js';
export { countSeverities, diagnosticLimit, type SeverityCounts } from './limit.js';

/** Every diagnostic of `scenario` in document order (then by severity), the first 1,000 of them
 *  and, when there were more, a `too-many-diagnostics` one saying how many (countSeverities()
 *  counts them all). Never throws for any parsed text. */
export function diagnose(scenario: Scenario): Diagnostic[] {
  return new IncrementalDiagnostics().update(scenario);
}
