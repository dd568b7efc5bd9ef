// A run that accepts as it goes (`scs run --update-snapshots`, Playwright's name): a scenario that
// fails at a `receives` step where a stanza arrived gets that step's expectation changed by the
// smallest edit that passes (core/accept.ts), and runs again from the start, until it passes or
// fails in a way no expectation can fix (nothing arrived, a connection failed, a send step).

import { acceptEdits, applyTextEdits } from './accept.js';
import type { Scenario } from './model.js';
import { parseScenario } from './parser/index.js';
import type { RunEvent, ScenarioResult } from './results.js';
import { runScenario, type RunOptions } from './runner/index.js';

export interface SnapshotRun {
  /** The last run's result: the one to report. */
  result: ScenarioResult;
  /** The scenario's text after every accepted step (the original when none was). */
  text: string;
  /** 1-based lines of the `receives` steps whose expectation changed, in the order accepted. */
  acceptedLines: number[];
}

/** Runs `scenario` (parsed from its file's text) with runScenario(), accepting failing receives
 *  (acceptEdits) and running again from the start. `onEvent` hears the events of the last run only,
 *  with the scenario it ran, after it ended; earlier runs are not reported. Each step is accepted
 *  at most once, so the loop ends: a stanza that still fails after its step was accepted ends the
 *  run as failed. An aborted `signal` ends the loop with the run it cut short. Rejects only as
 *  runScenario does (an `onEvent` that throws); writing the text to the file is the caller's.
 *  README, `scs run --update-snapshots`. */
export async function runUpdatingSnapshots(
  scenario: Scenario,
  file: string,
  options: Partial<RunOptions>,
  onEvent: (event: RunEvent, ran: Scenario) => void = () => {},
  signal?: AbortSignal,
): Promise<SnapshotRun> {
  let current = scenario;
  const acceptedSteps = new Set<number>();
  const acceptedLines: number[] = [];
  for (;;) {
    const events: RunEvent[] = [];
    const result = await runScenario(current, file, options, (event) => events.push(event), signal);
    const failed = result.steps.find((step) => step.failure !== undefined);
    const received = failed?.failure?.actual;
    const edits =
      failed && received !== undefined && !acceptedSteps.has(failed.index) ? acceptEdits(current, failed.index, received, result.boundJids) : undefined;
    if (result.status === 'passed' || signal?.aborted || !failed || !edits || edits.length === 0) {
      for (const event of events) onEvent(event, current);
      return { result, text: current.text, acceptedLines };
    }
    acceptedSteps.add(failed.index);
    acceptedLines.push(failed.actionRange.start.line + 1);
    current = parseScenario(applyTextEdits(current.text, edits));
  }
}
