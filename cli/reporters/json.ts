// `--reporter json`: one JSON object per line, as things happen.

import type { Diagnostic } from '../../core/model.js';
import type { RunEvent, ScenarioResult } from '../../core/results.js';
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
    this.emit(event.event === 'scenarioEnd' ? scenarioEnd(event.result) : event);
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
  return { event: 'scenarioEnd', file, title, status, durationMs, failure, stoppedAfter, steps, boundJids, server };
}
