// At most 1,000 diagnostics per file, wherever they are shown (scs check, its JSON, the gate, the
// language server): a file of 100,000 bad steps would otherwise print 54 MB of JSON and send as
// much to the editor on every keystroke. The last one listed then says how many more there were.

import type { Diagnostic, Severity } from '../model.js';
import { diagnostic } from './codes.js';

/** Diagnostics listed per file at most (the one saying how many more comes on top). */
export const diagnosticLimit = 1000;

export type SeverityCounts = Record<Severity, number>;

export const severities: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export function noCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

/** The last diagnostic of a capped list: at the first one left out, with the worst severity left
 *  out, and `data.omitted` counting those left out by severity. */
export function omittedDiagnostic(first: Diagnostic, omitted: SeverityCounts): Diagnostic {
  const total = severities.reduce((sum, severity) => sum + omitted[severity], 0);
  const parts = severities
    .filter((severity) => omitted[severity] > 0)
    .map((severity) => `${omitted[severity]} ${severity === 'information' ? 'information' : `${severity}${omitted[severity] === 1 ? '' : 's'}`}`);
  const result = diagnostic(
    'too-many-diagnostics',
    first.range,
    `${total} more diagnostic${total === 1 ? '' : 's'} from here on ${total === 1 ? 'is' : 'are'} not listed (${parts.join(', ')}): only the first ${diagnosticLimit} of a file are. Fix these and the next ones appear.`,
    { omitted },
  );
  result.severity = severities.find((severity) => omitted[severity] > 0) ?? 'hint';
  return result;
}

/** How many diagnostics of each severity a (possibly capped) list stands for: the one saying how
 *  many more were left out counts as those. */
export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts = noCounts();
  for (const item of diagnostics) {
    const omitted = item.code === 'too-many-diagnostics' ? (item.data?.omitted as SeverityCounts | undefined) : undefined;
    if (omitted) for (const severity of severities) counts[severity] += omitted[severity];
    else counts[item.severity]++;
  }
  return counts;
}
