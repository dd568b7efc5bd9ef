// The grey notes VS Code shows after a step's line: one line per step that says what it did
// (`sent <message type=groupchat to=…> (20 ms)`), written as test output located at the step.
// By default they appear only after a run that failed (setting `scansion.stepNotes`). Free of
// `vscode`: testRun.ts appends what this returns.

import type { Range, Step } from '../../../core/model.js';
import type { ScenarioResult, StepResult, TranscriptEntry } from '../../../core/results.js';
import { formatSeconds } from '../../../core/seconds.js';

/** `scansion.stepNotes`: after every run, only after a run that did not pass, or never. */
export type StepNotesMode = 'always' | 'failedRuns' | 'never';

export interface StepNote {
  text: string;
  /** The step's action line. */
  range: Range;
}

/** What a step did, on one line, with its duration; undefined for a step that failed (its reason
 *  shows there) or did not run. `entries` are the transcript entries of the step. */
export function stepNote(step: Step, result: StepResult, entries: readonly TranscriptEntry[]): string | undefined {
  if (result.status !== 'passed') return undefined;
  const parts: string[] = [];
  const stanzas = (direction: TranscriptEntry['direction']) => entries.filter((entry) => entry.direction === direction && entry.brief !== undefined);
  const sent = stanzas('sent');
  const received = stanzas('received');
  const passedOver = stanzas('passed-over');
  if (sent.length > 0) parts.push(`sent ${listed(sent)}`);
  if (received.length > 0) parts.push(`received ${listed(received)}`);
  if (passedOver.length > 0) parts.push(`${passedOver.length} passed over`);
  for (const entry of entries) if (entry.direction === 'event') parts.push(entry.text);
  if (parts.length === 0) parts.push(step.verb.value === 'receives' && step.nothing ? 'nothing arrived' : step.verb.value);
  return `${parts.join(', ')} (${duration(result.durationMs)})`;
}

function listed(entries: readonly TranscriptEntry[]): string {
  return entries.length === 1 ? entries[0]!.brief! : `${entries[0]!.brief!} and ${entries.length - 1} more`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : formatSeconds(ms, { decimals: 1, keepZeros: true });
}

/** Gathers a scenario's transcript by step during a run and gives the notes when the mode says:
 *  each as its step ends (`always`), or all at the end of a run that did not pass (`failedRuns`). */
export class StepNotes {
  private readonly entries = new Map<number, TranscriptEntry[]>();
  private readonly notes: StepNote[] = [];

  constructor(
    private readonly mode: StepNotesMode,
    private readonly steps: readonly Step[],
  ) {}

  transcript(entry: TranscriptEntry): void {
    if (this.mode === 'never' || entry.stepIndex === undefined) return;
    let list = this.entries.get(entry.stepIndex);
    if (!list) this.entries.set(entry.stepIndex, (list = []));
    list.push(entry);
  }

  /** The note to show now, in `always` mode. */
  stepEnded(result: StepResult): StepNote | undefined {
    const step = this.steps[result.index];
    if (this.mode === 'never' || !step) return undefined;
    const text = stepNote(step, result, this.entries.get(result.index) ?? []);
    if (text === undefined) return undefined;
    const note = { text, range: result.actionRange };
    if (this.mode === 'always') return note;
    this.notes.push(note);
    return undefined;
  }

  /** The notes to show now, in `failedRuns` mode when the run did not pass. */
  scenarioEnded(result: ScenarioResult): StepNote[] {
    return this.mode === 'failedRuns' && result.status !== 'passed' ? this.notes : [];
  }
}
