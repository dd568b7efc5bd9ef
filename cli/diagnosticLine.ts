// One way the terminal shows a diagnostic, for `scs check` and for the files `scs run` does not run.

import type { Diagnostic } from '../core/model.js';
import { terminalSafe } from '../core/safeText.js';

/**
 * `diagnostic` as one line, `FILE:LINE:COLUMN: SEVERITY CODE: MESSAGE`, with a 1-based line and
 * column as compilers print them (the model's ranges are 0-based). `file` is printed as given: pass
 * it through terminalSafe (core/safeText.ts) first; the message is made safe here.
 */
export function diagnosticLine(file: string, diagnostic: Pick<Diagnostic, 'code' | 'severity' | 'range' | 'message'>): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1}: ${diagnostic.severity} ${diagnostic.code}: ${terminalSafe(diagnostic.message)}`;
}
