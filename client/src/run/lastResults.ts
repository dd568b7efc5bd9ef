// The last run of each scenario, kept for the code lenses, the quick fix and the diff panel.
// Free of `vscode`.

import type { Scenario } from '../../../core/model.js';
import type { ScenarioResult, StepResult } from '../../../core/results.js';

export interface StoredRun {
  uri: string;
  /** The scenario as it was run (its ranges match the result's). */
  scenario: Scenario;
  result: ScenarioResult;
}

export class LastResults {
  private readonly runs = new Map<string, StoredRun>();
  private readonly listeners = new Set<(uri: string) => void>();

  set(run: StoredRun): void {
    this.runs.set(run.uri, run);
    this.changed(run.uri);
  }

  get(uri: string): StoredRun | undefined {
    return this.runs.get(uri);
  }

  delete(uri: string): void {
    if (this.runs.delete(uri)) this.changed(uri);
  }

  /** The steps of the last run of `uri` that failed or errored. */
  failedSteps(uri: string): StepResult[] {
    return this.runs.get(uri)?.result.steps.filter((step) => step.failure !== undefined) ?? [];
  }

  onDidChange(listener: (uri: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(uri: string): void {
    for (const listener of this.listeners) listener(uri);
  }
}
