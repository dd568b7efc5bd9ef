// Pause points between steps, for a debugger: the one engine runs a scenario, and a controller may
// hold it before and after each step, look at the live session and act in it. A run without a
// controller runs exactly as before.

import type { Element } from 'ltx';
import type { Step, VariableForm } from '../model.js';
import type { StepResult, TranscriptEntry } from '../results.js';
import type { FailureFacts } from './errors.js';

/** One queued or passed-over stanza of a character. */
export interface LiveStanza {
  stanza: Element;
  /** Milliseconds since the scenario started, when it arrived. */
  timeMs: number;
}

/** What a character holds right now. */
export interface LiveCharacter {
  name: string;
  /** Why the character cannot run (no or an invalid `jid`); its other fields are then empty. */
  error?: string;
  /** From the `jid` property. */
  bareJid?: string;
  /** Bound at the last `connects` (kept after `disconnects`). */
  fullJid?: string;
  connected: boolean;
  /** Stanzas received that no step has consumed yet, oldest first. */
  pending: readonly LiveStanza[];
}

/** Read access to a running scenario, and the few actions a debugger takes in it. */
export interface LiveSession {
  /** Every defined character, in definition order. */
  characters(): LiveCharacter[];
  /** `{scansion:capture:NAME}` values so far, by NAME. */
  readonly captures: ReadonlyMap<string, string>;
  /** Everything sent, received, passed over and every event so far, in time order. */
  readonly transcript: readonly TranscriptEntry[];
  /** The value of `${NAME's JID}` or `${NAME's full JID}`; throws an Error naming why it has none
   *  (no such character, not connected yet), as a step using it would fail (SCANSION.md section 2). */
  variable(character: string, form: VariableForm): string;
  /** Runs a step that is not part of the scenario (a debugger's console) exactly as the engine runs
   *  a scenario's step: it sends, waits, matches and records in the transcript. Resolves with the
   *  failure when it did not pass; never rejects. */
  runStep(step: Step): Promise<FailureFacts | undefined>;
  /** Removes the oldest pending stanza of `character` and records it in the transcript as
   *  received, as a `receives` step consuming it would; undefined when its queue is empty. */
  takePending(character: string): LiveStanza | undefined;
}

/**
 * Awaited by the engine around each step (the run waits while a promise is pending). Both run
 * only while the scenario is still running: after a failure (or the step RunOptions.stopAfter names)
 * the remaining steps are skipped with no call. A rejection ends the run at once: every connection
 * is closed and `runScenario` rejects with that error. To stop a held run, abort its signal and
 * then settle the pending promise.
 */
export interface StepControl {
  /** Before `step` starts (before the sync with other characters and its step start event). */
  beforeStep?(step: Step, live: LiveSession): Promise<void>;
  /** After `step` ended, with its result (failed or not), before the next step or the end. */
  afterStep?(step: Step, result: StepResult, live: LiveSession): Promise<void>;
}
