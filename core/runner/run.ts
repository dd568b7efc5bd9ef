// Runs a parsed scenario against a server, step by step, stopping at the first failure (or after
// the step RunOptions.stopAfter names). A scenario that core/gate.ts refuses is not run: the result
// is `errored` with every step skipped. Every skipped step says why in its `skipReason`.

import { Element } from 'ltx';
import type { Scenario, Step } from '../model.js';
import { skippedStep, type Failure, type RunEvent, type ScenarioResult, type StepResult } from '../results.js';
import { formatAddress } from '../address.js';
import { notRunResult, runGate } from '../gate.js';
import type { LiveSession } from './control.js';
import { RunFailure, type FailureFacts } from './errors.js';
import { runOptions, type RunOptions } from './options.js';
import { Session } from './session.js';
import { runStep } from './steps.js';

/**
 * Runs `scenario` (parseScenario()'s result; `file` only names it in events and the result) with
 * `options` (defaults: core/runner/options.ts; times in milliseconds), one XMPP connection per
 * character, reporting progress through `onEvent` (scenarioStart, then per step stepStart, the
 * transcript entries and stepEnd, then scenarioEnd), synchronously as it happens.
 * A scenario with an error (core/gate.ts: the diagnostics `scs check` prints) is refused: no
 * connection is opened, and the result (core/gate.ts notRunResult) is `errored`, every step
 * skipped, with a `not-run` failure at the first error. Otherwise the steps run in order until one
 * does not pass (or the step `options.stopAfter` names); the rest are skipped with their reason.
 * Every connection is closed before it resolves, whatever happened.
 * Never rejects for anything the scenario or the server does: a failure is in the result (its
 * `failure`, at the step's 0-based range; `failed` for a scenario that was wrong, `errored` for one
 * that could not run), and an aborted `signal` ends the running step as `cancelled`. Only an
 * exception thrown by `onEvent` or a StepControl escapes. The rules: README, section 'What "runs
 * exactly as Scansion does" means here'.
 */
export async function runScenario(
  scenario: Scenario,
  file: string,
  options: Partial<RunOptions> = {},
  onEvent: (event: RunEvent) => void = () => {},
  signal?: AbortSignal,
): Promise<ScenarioResult> {
  const settings = runOptions(options);
  const title = scenario.metadata.title?.value;
  onEvent({ event: 'scenarioStart', file, title, stepCount: scenario.steps.length });
  // A file with an error is never run (core/gate.ts): no connection is opened.
  const refusal = runGate(scenario);
  if (refusal) {
    const result = notRunResult(file, scenario, refusal);
    onEvent({ event: 'scenarioEnd', file, result });
    return result;
  }

  const session = new Session(scenario, file, settings, onEvent, signal);
  const steps: StepResult[] = [];
  const { control } = settings;
  const live = control ? liveSession(session) : undefined;
  let failure: Failure | undefined;
  /** Why the steps from here on do not run, once the run has stopped. */
  let stopped: string | undefined;
  try {
    for (const step of scenario.steps) {
      if (stopped) {
        steps.push(skippedStep(step, stopped));
        continue;
      }
      if (live) await control?.beforeStep?.(step, live);
      const result = await runOne(session, step);
      steps.push(result);
      failure = result.failure;
      if (live) await control?.afterStep?.(step, result, live);
      if (result.failure) stopped = `not run: ${stopCause(step, result.failure)}`;
      else if (step.index === settings.stopAfter) stopped = `not run: the run stopped after ${stepName(step)}`;
    }
  } finally {
    session.currentStep = undefined;
    await session.closeAll();
  }

  const status = !failure ? 'passed' : steps.some((step) => step.status === 'failed') ? 'failed' : 'errored';
  const result: ScenarioResult = {
    file,
    title,
    status,
    durationMs: Math.round(session.elapsedMs),
    steps,
    failure,
    transcript: session.transcript,
    boundJids: session.boundJids,
    server: settings.locate ? [...session.located].join(', ') || undefined : formatAddress(settings),
  };
  const last = settings.stopAfter === undefined || failure ? undefined : scenario.steps[settings.stopAfter];
  if (last && last.index < scenario.steps.length - 1) result.stoppedAfter = { index: last.index, line: last.actionRange.start.line + 1 };
  onEvent({ event: 'scenarioEnd', file, result });
  return result;
}

async function runOne(session: Session, step: Step): Promise<StepResult> {
  session.currentStep = step.index;
  session.onStepStart(step.index, step.actionRange);
  const started = performance.now();
  let failure: Failure | undefined;
  let status: StepResult['status'] = 'passed';
  try {
    await execute(session, step);
  } catch (error) {
    failure = { ...describe(error), range: step.actionRange };
    status = failureStatus(error);
  }
  const result: StepResult = {
    index: step.index,
    actionRange: step.actionRange,
    range: step.range,
    status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
  if (failure) result.failure = failure;
  session.onStepEnd(result);
  return result;
}

/** Runs one step as the engine does: after making sure the server handled what others sent. */
async function execute(session: Session, step: Step): Promise<void> {
  if (session.signal?.aborted) throw new RunFailure('cancelled', 'cancelled');
  const senders = sendersToSync(session, step);
  if (senders.length > 0) await syncWith(session, senders);
  await runStep(session, step);
}

/** The session as a step controller sees it (control.ts). */
function liveSession(session: Session): LiveSession {
  return {
    characters: () => session.characters(),
    captures: session.captures,
    transcript: session.transcript,
    variable: (character, form) => session.variable(character, form),
    takePending: (character) => session.takePending(character),
    async runStep(step) {
      try {
        await execute(session, step);
        return undefined;
      } catch (error) {
        return describe(error);
      }
    },
  };
}

/** Before a step of one character, the server must have handled what others sent. A `receives`
 *  needs no wait: it waits for its stanza anyway and changes nothing on the server. */
function sendersToSync(session: Session, step: Step): string[] {
  if (!session.options.sync || (step.verb.value === 'receives' && !step.nothing)) return [];
  const senders: string[] = [];
  for (const sender of session.unsynced) if (sender !== step.character.value) senders.push(sender);
  return senders;
}

/** Waits until the server has handled what each of `senders` sent. */
async function syncWith(session: Session, senders: string[]): Promise<void> {
  for (const sender of senders) {
    session.unsynced.delete(sender);
    const actor = session.actor(sender);
    if (!actor.connection) continue;
    const ping = new Element('iq', { type: 'get', id: session.nextSyncId(), to: actor.settings.domain }).c('ping', { xmlns: 'urn:xmpp:ping' }).root();
    // Any reply, even an error, proves the server read everything the sender sent before it.
    try {
      await actor.connection.request(ping, session.options.timeoutMs, session.signal);
    } catch (error) {
      if (!(error instanceof RunFailure) || error.kind === 'cancelled') throw error;
      throw new RunFailure(error.kind, `waiting for the server to handle what ${sender} sent: ${error.message}`);
    }
  }
}

function describe(error: unknown): FailureFacts {
  if (error instanceof RunFailure) return { ...error.facts };
  return { kind: 'internal', message: `internal error: ${(error as Error)?.message ?? String(error)}` };
}

/** `failed` for a scenario that was wrong, `errored` for one that could not run (RunFailure.failed). */
function failureStatus(error: unknown): StepResult['status'] {
  return error instanceof RunFailure && error.failed ? 'failed' : 'errored';
}

/** `step 3 (line 12)`: a step as skip reasons name it (1-based number and action line). */
function stepName(step: Step): string {
  return `step ${step.index + 1} (line ${step.actionRange.start.line + 1})`;
}

/** Why a failed step stopped the run, as the steps after it say. */
function stopCause(step: Step, failure: Failure): string {
  if (failure.kind === 'cancelled') return `the run was cancelled during ${stepName(step)}`;
  return `${stepName(step)} did not pass`;
}
