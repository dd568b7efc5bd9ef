// The one Scansion parser: .scs text -> Scenario, with syntax and XML diagnostics.

import type { Scenario } from '../model.js';
import { ScenarioParser } from './scenario.js';

export { IncrementalParser, type SplicedEdit } from './incremental.js';
export { parseStepInput } from './stepInput.js';
export { startsLikeComment } from './comments.js';

/**
 * Parses the whole text of a .scs file into its syntax tree (core/model.ts). `text` may end lines
 * with LF, CRLF or a lone CR; a byte order mark is the caller's to drop (checkFile does). Every
 * node of the result carries its exact Range: 0-based lines, columns in UTF-16 code units, as LSP
 * counts them. The syntax and XML problems are in `scenario.diagnostics`; the semantic checks are
 * diagnose()'s. Pure and synchronous; never throws, whatever the text: what it cannot read becomes
 * a diagnostic, and XML nests at most maxDepth deep (test/parser/robustness.test.ts,
 * test/parser/depth.test.ts). The rules: README "How a file is read"; the shapes Prosody's
 * scenarios use, read from the corpus (test/parser/corpusRanges.test.ts).
 */
export function parseScenario(text: string): Scenario {
  return new ScenarioParser(text).parse();
}
