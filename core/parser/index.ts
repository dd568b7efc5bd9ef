// The one Scansion parser: .scs text -> Scenario, with syntax and XML diagnostics.

import type { Scenario } from '../model.js';
import { ScenarioParser } from './scenario.js';

export { IncrementalParser, type SplicedEdit } from './incremental.js';
export { parseStepInput } from './stepInput.js';
export { startsLikeComment } from './comments.js';

export function parseScenario(text: string): Scenario {
  return new ScenarioParser(text).parse();
}
