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

/**
 * Every diagnostic of `scenario` (parseScenario()'s result): its syntax diagnostics and the semantic
 * checks (characters, steps, variables, indentation), in document order (then by severity). Ranges
 * are the model's (0-based). At most 1,000 are listed; when there were more, a last
 * `too-many-diagnostics` says how many of each severity were left out (countSeverities() counts
 * them all). Each code, its severity and meaning are in core/diagnostics/codes.ts; an error is
 * something the run cannot do, so every corpus scenario gets none (test/diagnostics/corpus.test.ts, README
 * "How a file is read").
 * Pure and synchronous; never throws for any parsed text.
 */
export function diagnose(scenario: Scenario): Diagnostic[] {
  return new IncrementalDiagnostics().update(scenario);
}
