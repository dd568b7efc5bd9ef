// `--reporter json`: one JSON object per line, as things happen. Ranges are the result's own
// (0-based, as in the model); a failure and a started step also say their 1-based `line`.

import type { Diagnostic } from '../../core/model.js';
import { lineNumber, type RunEvent, type ScenarioResult } from '../../core/results.js';
import { countStatuses, type Reporter, type RunSummary } from './reporter.js';

export class JsonReporter implements Reporter {
  constructor(private readonly write: (text: string) => void) {}

  notRun(file: string, problems: Diagnostic[], result: ScenarioResult): void {
    this.emit({
      event: 'diagnostics',
      file,
      diagnostics: problems.map((problem) => ({
        line: problem.range.start.line + 1,
        column: problem.range.start.character + 1,
        severity: problem.severity,
        code: problem.code,
        message: problem.message,
      })),
    });
    this.emit(scenarioEnd(result));
  }

  event(event: RunEvent): void {
    // Progress of a waiting step is for a watching editor; the report keeps what happened.
    if (event.event === 'waiting') return;
    if (event.event === 'scenarioEnd') this.emit(scenarioEnd(event.result));
    else if (event.event === 'stepStart') this.emit({ ...event, line: lineNumber(event.actionRange) });
    else this.emit(event);
  }

  end(summary: RunSummary): void {
    this.emit({ event: 'summary', ...countStatuses(summary.results), skippedByTags: summary.skippedByTags, durationMs: Math.round(summary.durationMs) });
  }

  private emit(value: unknown): void {
    this.write(JSON.stringify(value) + '\n');
  }
}

/** The final line of a scenario: its outcome first, then the details an editor may want. */
function scenarioEnd(result: ScenarioResult): Record<string, unknown> {
  const { file, title, status, durationMs, failure, stoppedAfter, steps, boundJids, server } = result;
  const located = failure && { line: lineNumber(failure.range), ...failure };
  return { event: 'scenarioEnd', file, title, status, durationMs, failure: located, stoppedAfter, steps, boundJids, server };
}
