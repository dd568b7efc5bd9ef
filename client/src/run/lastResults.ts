// The last run of each scenario, kept for the code lenses, the quick fix and the diff panel. Its
// steps' ranges follow the edits made since the run (followEdits.ts), so the lenses stay on their
// steps. Free of `vscode`.

import type { ScenarioResult, StepResult } from '../../../core/results.js';
import { moveRange, type ContentChange } from './followEdits.js';

export interface StoredRun {
  uri: string;
  /** The run's result. Its steps' `range` and `actionRange` are where the steps are now: they
   *  follow the edits made since the run. */
  result: ScenarioResult;
  /** When the run ended, in milliseconds since the epoch (set by `LastResults.set` when absent). */
  endedAt?: number;
}

export class LastResults {
  private readonly runs = new Map<string, StoredRun>();
  /** Per document, the steps whose action line an edit replaced (by index): no longer shown. */
  private readonly gone = new Map<string, Set<number>>();
  private readonly listeners = new Set<(uri: string) => void>();

  /** Keeps a run; the result's steps are copied, so that moving them leaves the caller's alone. */
  set(run: StoredRun): void {
    const steps = run.result.steps.map((step) => ({ ...step }));
    this.runs.set(run.uri, { uri: run.uri, result: { ...run.result, steps }, endedAt: run.endedAt ?? Date.now() });
    this.gone.delete(run.uri);
    this.changed(run.uri);
  }

  get(uri: string): StoredRun | undefined {
    return this.runs.get(uri);
  }

  delete(uri: string): void {
    this.gone.delete(uri);
    if (this.runs.delete(uri)) this.changed(uri);
  }

  /** The document `uri` changed (changes in the order the editor made them): the steps move. */
  followEdits(uri: string, changes: readonly ContentChange[]): void {
    const steps = this.runs.get(uri)?.result.steps;
    if (!steps) return;
    let gone = this.gone.get(uri);
    for (const step of steps) {
      if (gone?.has(step.index)) continue;
      let range: StepResult['range'] | undefined = step.range;
      let actionRange: StepResult['actionRange'] | undefined = step.actionRange;
      for (const change of changes) {
        range = range && moveRange(range, change);
        actionRange = actionRange && moveRange(actionRange, change);
      }
      if (range && actionRange) {
        step.range = range;
        step.actionRange = actionRange;
      } else {
        if (!gone) this.gone.set(uri, (gone = new Set()));
        gone.add(step.index);
      }
    }
  }

  /** Step `index` of the last run of `uri`, where it is now; undefined when an edit has rewritten
   *  it since. */
  step(uri: string, index: number): StepResult | undefined {
    if (this.gone.get(uri)?.has(index)) return undefined;
    return this.runs.get(uri)?.result.steps.find((step) => step.index === index);
  }

  /** The steps of the last run of `uri` that failed or errored, where they are now; not those an
   *  edit has rewritten since. */
  failedSteps(uri: string): StepResult[] {
    const gone = this.gone.get(uri);
    return this.runs.get(uri)?.result.steps.filter((step) => step.failure !== undefined && !gone?.has(step.index)) ?? [];
  }

  onDidChange(listener: (uri: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(uri: string): void {
    for (const listener of this.listeners) listener(uri);
  }
}
