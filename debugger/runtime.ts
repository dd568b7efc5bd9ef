// Runs one scenario through the engine (core/runner) and holds it between steps as a debugger
// asks: stop on entry, after Next, on Pause, at breakpoints, and after a failed step or one that
// passed stanzas over. Knows nothing of the Debug Adapter Protocol (session.ts speaks it).

import type { Scenario, Step } from '../core/model.js';
import type { Failure, ScenarioResult, StepResult, TranscriptEntry } from '../core/results.js';
import { runScenario, type LiveSession, type RunOptions, type StepControl } from '../core/runner/index.js';
import type { StepBreakpoints } from './breakpoints.js';
import { condition, logMessage } from './expressions.js';

export type StopReason = 'entry' | 'step' | 'pause' | 'breakpoint' | 'failure' | 'passed-over';

export interface Stop {
  reason: StopReason;
  /** The engine's step: about to run, or (failure, passed-over) just run. */
  step: Step;
  live: LiveSession;
  breakpointId?: number;
  /** Set when reason is 'failure'. */
  failure?: Failure;
  /** Set when reason is 'passed-over': the stanzas that step passed over. */
  passedOver?: TranscriptEntry[];
}

/** Which failures stop the run (the adapter's exception filters). */
export interface StopFilters {
  failedStep: boolean;
  passedOver: boolean;
}

export interface RuntimeEvents {
  stopped(stop: Stop): void;
  /** Resumed after a stop. */
  running(): void;
  /** A logpoint's message, or why a breakpoint condition could not be evaluated. */
  log(text: string, step: Step): void;
}

type Mode = 'run' | 'step' | 'pause';

export class ScenarioRuntime {
  private mode: Mode;
  private resume: (() => void) | undefined;
  private current: Stop | undefined;
  private readonly abort = new AbortController();
  private stopAtLineOnce: number | undefined;
  private entry: boolean;
  private passedOverBefore = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly file: string,
    private readonly options: Partial<RunOptions>,
    private readonly breakpoints: StepBreakpoints,
    private readonly filters: () => StopFilters,
    private readonly events: RuntimeEvents,
    start: { stopOnEntry: boolean; stopBeforeStep?: number },
  ) {
    this.mode = 'run';
    this.entry = start.stopOnEntry;
    this.stopAtLineOnce = start.stopBeforeStep;
  }

  /** Runs the scenario to its end (or until stopped); resolves with its result, never rejects
   *  with a scenario failure. */
  run(): Promise<ScenarioResult> {
    const control: StepControl = {
      beforeStep: (step, live) => this.beforeStep(step, live),
      afterStep: (step, result, live) => this.afterStep(step, result, live),
    };
    return runScenario(this.scenario, this.file, { ...this.options, control }, () => {}, this.abort.signal);
  }

  /** Where the run stands, while stopped. */
  get stopped(): Stop | undefined {
    return this.current;
  }

  continue(): void {
    this.mode = 'run';
    this.release();
  }

  /** Runs one step and stops before the next. */
  next(): void {
    this.mode = 'step';
    this.release();
  }

  /** Stops before the next step (at once when already stopped). */
  pause(): void {
    if (!this.current) this.mode = 'pause';
  }

  /** Ends the run at once: every connection is closed without waiting for the server. */
  stop(): void {
    this.abort.abort();
    this.release();
  }

  private release(): void {
    const resume = this.resume;
    this.resume = undefined;
    this.current = undefined;
    if (resume) {
      this.events.running();
      resume();
    }
  }

  private async beforeStep(step: Step, live: LiveSession): Promise<void> {
    this.passedOverBefore = countPassedOver(live);
    if (this.abort.signal.aborted) return;
    const reason = this.stopReason(step, live);
    if (reason) await this.hold({ ...reason, step, live });
  }

  private stopReason(step: Step, live: LiveSession): Pick<Stop, 'reason' | 'breakpointId'> | undefined {
    const onceHere = this.stopAtLineOnce === step.index;
    if (onceHere) this.stopAtLineOnce = undefined;
    const breakpoint = this.breakpoints.at(step);
    if (breakpoint && this.breakpointHolds(breakpoint.condition, step, live) && this.breakpoints.hit(breakpoint)) {
      if (breakpoint.logMessage === undefined) return { reason: 'breakpoint', breakpointId: breakpoint.id };
      this.events.log(logMessage(breakpoint.logMessage, live), step);
    }
    if (onceHere) return { reason: 'breakpoint' };
    if (this.entry) {
      this.entry = false;
      return { reason: 'entry' };
    }
    if (this.mode === 'step') return { reason: 'step' };
    if (this.mode === 'pause') return { reason: 'pause' };
    return undefined;
  }

  private breakpointHolds(expression: string | undefined, step: Step, live: LiveSession): boolean {
    if (expression === undefined) return true;
    try {
      return condition(expression, live);
    } catch (error) {
      // A condition that cannot be evaluated stops there, saying why.
      this.events.log(`breakpoint condition "${expression}": ${(error as Error).message}`, step);
      return true;
    }
  }

  private async afterStep(step: Step, result: StepResult, live: LiveSession): Promise<void> {
    if (this.abort.signal.aborted) return;
    const filters = this.filters();
    if (result.failure) {
      if (filters.failedStep && result.failure.kind !== 'cancelled') await this.hold({ reason: 'failure', step, live, failure: result.failure });
      return;
    }
    if (!filters.passedOver) return;
    const passedOver = live.transcript.filter((entry) => entry.direction === 'passed-over');
    if (passedOver.length > this.passedOverBefore) {
      await this.hold({ reason: 'passed-over', step, live, passedOver: passedOver.filter((entry) => entry.stepIndex === step.index) });
    }
  }

  private hold(stop: Stop): Promise<void> {
    this.mode = 'run';
    this.current = stop;
    return new Promise<void>((resolve) => {
      this.resume = resolve;
      this.events.stopped(stop);
    });
  }
}

function countPassedOver(live: LiveSession): number {
  return live.transcript.reduce((count, entry) => count + (entry.direction === 'passed-over' ? 1 : 0), 0);
}
