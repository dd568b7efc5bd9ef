// The one result type of a scenario run. The engine produces it; the CLI reporters and the
// VS Code test controller consume it unchanged. Every place in it is a 0-based Range of the source,
// as in the parser's model; reporters that show line numbers add 1 at the edge (lineNumber()).

import type { Range, Step } from './model.js';

export type StepStatus = 'passed' | 'failed' | 'errored' | 'skipped';
export type ScenarioStatus = 'passed' | 'failed' | 'errored';

/** The result of a step that was not run, with why (StepResult.skipReason): the scenario was refused,
 *  or the run stopped before it. */
export function skippedStep(step: Step, skipReason: string): StepResult {
  return { index: step.index, actionRange: step.actionRange, range: step.range, status: 'skipped', durationMs: 0, skipReason };
}

export interface StepResult {
  /** Index into Scenario.steps. */
  index: number;
  /** The action line's range (0-based, as in the parser's model). */
  actionRange: Range;
  /** The action line and its block. */
  range: Range;
  status: StepStatus;
  durationMs: number;
  /** Set when the step did not pass. */
  failure?: Failure;
  /** For a skipped step: why it did not run, one line of plain text, e.g.
   *  `not run: the run stopped after step 3 (line 12)`. */
  skipReason?: string;
}

export interface Failure {
  /** Where it failed: the failing step's action line; for `not-run`, the file's first error. */
  range: Range;
  /** One line that names the difference, e.g.
   *  `presence/x[muc#user]/item@affiliation: expected "member", got "none"`. */
  message: string;
  /** The expected stanza, variables resolved, pretty-printed (for `receives`). */
  expected?: string;
  /** The received stanza (or the closest one), pretty-printed with stable attribute order. */
  actual?: string;
  kind: FailureKind;
  /** More lines that say why, in the order to show them, each one line of plain text. Reporters,
   *  the Test Explorer message and the diff panel show them under `message` exactly as they are,
   *  so every consumer tells the same story. Built by the runner from the fields below. */
  details?: string[];
  /** For a `receives` step: every stanza in the character's queue when the step failed (what
   *  arrived during the wait, or before it, and no step took), in arrival order; of a queue longer
   *  than 100, its first and last 50. */
  arrived?: ArrivedStanza[];
  /** Replies with `type="error"` to stanzas this character sent, among those in `arrived` and those
   *  passed over earlier (SCANSION.md section 3, "Say why"). */
  errorReplies?: ErrorReply[];
  /** The awaited stanza had already arrived, and an earlier step passed it over. */
  passedOver?: PassedOverStanza;
}

/**
 * What kind of failure it is, for presentation and for the exit code (a `failed` or an `errored`
 * step, core/runner/run.ts):
 * - `mismatch`: a stanza with the element name and `id` of the awaited one arrived and differs
 *   (failed at once, SCANSION.md section 3);
 * - `timeout`: the awaited stanza did not arrive in time; `unexpected-stanza`: `receives: nothing`
 *   found one waiting; `flooded`: the character's queue overflowed (RunOptions.maxQueue);
 * - `connection`, `auth`, `stream-error`: the network, the login, or the server closing the stream;
 * - `variable`: a `${...}` the run cannot fill in (a character not connected yet);
 * - `cancelled`: the run was aborted;
 * - `not-run`: the file has errors: refused by the gate before anything ran (core/gate.ts), or a
 *   character the runner cannot use (a `jid` without `@`, a `connect_port` that is no port) at the
 *   first step that needs it;
 * - `internal`: a fault of this tool, never of the scenario.
 */
export type FailureKind =
  'mismatch' | 'timeout' | 'unexpected-stanza' | 'flooded' | 'connection' | 'auth' | 'stream-error' | 'variable' | 'cancelled' | 'not-run' | 'internal';

/** The 1-based line number a reporter shows for a 0-based range of the result. */
export function lineNumber(range: Range): number {
  return range.start.line + 1;
}

export interface ArrivedStanza {
  /** Milliseconds since the scenario started. */
  timeMs: number;
  /** The stanza on one line (long content elided). */
  stanza: string;
  /** The one closest to the expected stanza: `actual` shows it in full. */
  closest?: boolean;
  /** The action line of a later step of the same group that this stanza was given to. */
  takenBy?: Range;
}

export interface ErrorReply {
  /** The `id` the character sent and the error reply carries. */
  id: string;
  /** The action line of the `sends` step that sent it. */
  range: Range;
  /** The defined condition (RFC 6120 8.3.3), e.g. `service-unavailable`; `undefined-condition` when none. */
  condition: string;
  /** The error's `<text/>`, when the server gave one. */
  text?: string;
  /** Milliseconds since the scenario started. */
  timeMs: number;
}

export interface PassedOverStanza {
  /** The action line of the step that passed it over. */
  range: Range;
  /** When it arrived, in milliseconds since the scenario started. */
  timeMs: number;
  /** The stanza on one line. */
  stanza: string;
}

export type TranscriptDirection = 'sent' | 'received' | 'passed-over' | 'event';

export interface TranscriptEntry {
  /** Milliseconds since the scenario started. */
  timeMs: number;
  character: string;
  direction: TranscriptDirection;
  /** Pretty-printed stanza, or a short text for events (connected, disconnected, errors). */
  text: string;
  /** For a stanza, its start tag in brief (`<message type=groupchat to=…>`, core/xml/pretty.ts
   *  briefStanza): what one-line summaries of a step show. */
  brief?: string;
  /** The step that was running when this happened. */
  stepIndex?: number;
}

export interface ScenarioResult {
  file: string;
  title?: string;
  status: ScenarioStatus;
  durationMs: number;
  steps: StepResult[];
  /** The first failure, also found on its step. */
  failure?: Failure;
  /** Set when the run stopped after a chosen step (RunOptions.stopAfter) and later steps exist:
   *  that step's index and the 1-based line of its action. */
  stoppedAfter?: { index: number; line: number };
  transcript: TranscriptEntry[];
  /** Full JIDs bound at `connects`, by character name (for hovers and "Accept received stanza"). */
  boundJids: Record<string, string>;
  /** The server address characters without `connect_host`/`connect_port` used ("host:port"); when
   *  servers were located from the JIDs (RunOptions.locate), those reached, comma-separated. */
  server?: string;
}

/** Where a waiting `receives` step stands. `waitingText` (core/runner/progress.ts) words it. */
export interface WaitProgress {
  /** The character whose queue the step reads. */
  character: string;
  /** The stanza the step still waits for, in brief (`<message type=chat from=…>`). */
  awaiting: string;
  /** Stanzas in the character's queue that no step of its receive group takes: the step passes
   *  them over if what it waits for comes after them. */
  passedOver: number;
  /** Why those do not match, each reason once, at most three, in arrival order
   *  (`message/body differs`, `a <presence>`). */
  differences: string[];
  /** Milliseconds left before the step times out. */
  remainingMs: number;
}

/** Events a run emits as it goes; reporters and the editor listen to them. */
export type RunEvent =
  | { event: 'scenarioStart'; file: string; title?: string; stepCount: number }
  | { event: 'stepStart'; file: string; index: number; actionRange: Range }
  | { event: 'stepEnd'; file: string; step: StepResult }
  | { event: 'transcript'; file: string; entry: TranscriptEntry }
  /** A `receives` step is still waiting: sent a second into the wait, then every second
   *  (core/runner/steps.ts). Progress for a watching editor; not part of the result. */
  | { event: 'waiting'; file: string; index: number; actionRange: Range; wait: WaitProgress }
  | { event: 'scenarioEnd'; file: string; result: ScenarioResult };
