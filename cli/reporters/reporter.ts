// What every `scs run` reporter receives. Reporters only present: the run itself happens in
// core/runner and cli/run.ts.

import type { Diagnostic, Scenario } from '../../core/model.js';
import type { RunEvent, ScenarioResult } from '../../core/results.js';

export interface RunSummary {
  results: ScenarioResult[];
  /** Files left out by --only-tags/--skip-tags. */
  skippedByTags: string[];
  durationMs: number;
}

export interface Reporter {
  /** A file that is not run: its error diagnostics (or why it could not be read), then its result. */
  notRun(file: string, problems: Diagnostic[], result: ScenarioResult): void;
  /** Something happened in a running scenario. */
  event(event: RunEvent, scenario: Scenario): void;
  /** The run is over. */
  end(summary: RunSummary): void | Promise<void>;
}

export function countStatuses(results: ScenarioResult[]): { passed: number; failed: number; errored: number } {
  return {
    passed: results.filter((result) => result.status === 'passed').length,
    failed: results.filter((result) => result.status === 'failed').length,
    errored: results.filter((result) => result.status === 'errored').length,
  };
}

/** `Romeo sends`, `Juliet receives nothing`: how a step reads in a report. */
export function describeStep(scenario: Scenario, index: number): string {
  const step = scenario.steps[index];
  if (!step) return `step ${index + 1}`;
  return `${step.character.value} ${step.verb.value}${step.nothing ? ' nothing' : ''}`;
}
