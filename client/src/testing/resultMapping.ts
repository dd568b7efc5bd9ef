// Maps a run's results (core/results.ts) to plain per-item outcomes and transcript lines, which
// testRun.ts applies to a vscode.TestRun. Free of `vscode` so it is tested without an editor.

import type { Range } from '../../../core/model.js';
import type { Failure, ScenarioResult, StepResult, TranscriptEntry } from '../../../core/results.js';

/** The context value of a failure message that has a stanza diff (package.json menus). */
export const stanzaFailureContext = 'scansion.stanzaFailure';

export type OutcomeStatus = 'passed' | 'failed' | 'errored' | 'skipped';

export interface OutcomeMessage {
  /** The runner's one-line reason, with details below it for plain messages. */
  text: string;
  /** Set together with `actual`: the message is shown as a diff. */
  expected?: string;
  actual?: string;
  /** Where the message shows: the failing step's action line. */
  range: Range;
  /** The failure has an expected and a received stanza (Show Stanza Diff, Accept). */
  stanzaFailure?: true;
}

export interface ItemOutcome {
  /** The step's index; undefined for the scenario itself. */
  stepIndex?: number;
  status: OutcomeStatus;
  durationMs?: number;
  messages: OutcomeMessage[];
  /** One line for the run's output, linked to the item: why a skipped step did not run
   *  (StepResult.skipReason), or that the scenario ran only up to a chosen step. The Testing API
   *  takes no message for a skipped or passed item, so the output says it. */
  note?: string;
}

export interface TranscriptLine {
  text: string;
  /** The step that was running, to link the line to. */
  range?: Range;
}

/** Text of the second message of a failure with both stanzas: the diff that VS Code's peek shows. */
export const stanzaDiffText = 'Expected stanza (left) and the stanza received (right)';

/** The test messages for a failure at `range`. The first is the reason, then its detail lines, as
 *  in every reporter: VS Code shows the first line of a step's first message inline on the step,
 *  so the reason is what the author reads there. When both stanzas are known, a second message
 *  carries them as a diff for the peek (VS Code would show a diff message inline as a shortened
 *  `actual != expected`). */
export function failureMessages(failure: Failure, range: Range): OutcomeMessage[] {
  const reason = [failure.message, ...(failure.details ?? [])].join('\n');
  if (failure.expected !== undefined && failure.actual !== undefined) {
    return [
      { text: reason, range, stanzaFailure: true },
      { text: stanzaDiffText, expected: failure.expected, actual: failure.actual, range, stanzaFailure: true },
    ];
  }
  const expected = failure.expected !== undefined ? `\n\nExpected:\n${failure.expected}` : '';
  return [{ text: reason + expected, range }];
}

/** One step's outcome (also used as steps end during a run). */
export function stepOutcome(step: StepResult): ItemOutcome {
  const outcome: ItemOutcome = { stepIndex: step.index, status: step.status, messages: [] };
  if (step.status !== 'skipped') outcome.durationMs = step.durationMs;
  if (step.failure) outcome.messages.push(...failureMessages(step.failure, step.actionRange));
  if (step.skipReason !== undefined) outcome.note = step.skipReason;
  return outcome;
}

/** The scenario's own outcome. Its failure is shown on the failing step; the scenario carries a
 *  message only when no step does (a file with errors is not run at all). */
export function scenarioOutcome(result: ScenarioResult): ItemOutcome {
  const outcome: ItemOutcome = { status: result.status, durationMs: result.durationMs, messages: [] };
  const onAStep = result.steps.some((step) => step.failure !== undefined);
  if (result.failure && !onAStep) outcome.messages.push(...failureMessages(result.failure, result.failure.range));
  if (result.stoppedAfter) {
    const notRun = result.steps.filter((step) => step.status === 'skipped').length;
    outcome.note = `ran up to step ${result.stoppedAfter.index + 1} (line ${result.stoppedAfter.line}); ${notRun} later step${notRun === 1 ? ' was' : 's were'} not run`;
  }
  return outcome;
}

/** Every item's outcome: the steps in order, then the scenario. */
export function mapResult(result: ScenarioResult): ItemOutcome[] {
  return [...result.steps.map((step) => stepOutcome(step)), scenarioOutcome(result)];
}

const arrows: Record<TranscriptEntry['direction'], string> = {
  sent: 'sent',
  received: 'received',
  'passed-over': 'passed over',
  event: '',
};

/** A transcript entry as output lines: a header line, then the stanza indented under it. */
export function transcriptLines(entry: TranscriptEntry, stepRanges: ReadonlyMap<number, Range> = new Map()): TranscriptLine[] {
  const time = `${(entry.timeMs / 1000).toFixed(3)}s`;
  const range = entry.stepIndex === undefined ? undefined : stepRanges.get(entry.stepIndex);
  const withRange = (text: string): TranscriptLine => (range ? { text, range } : { text });
  if (entry.direction === 'event') return [withRange(`${time} ${entry.character}: ${entry.text}`)];
  return [withRange(`${time} ${entry.character} ${arrows[entry.direction]}:`), ...entry.text.split('\n').map((line) => ({ text: `    ${line}` }))];
}
