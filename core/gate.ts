// The one gate for "may this scenario run". `scs run`, the runner's API (runScenario), the Test
// Explorer and the debugger all ask it, so a file with an error is never run anywhere and every
// one of them shows the same first error.
//
// The rule: a scenario may run when the diagnostics `scs check` prints for it (diagnose(): the
// parser's syntax diagnostics plus the semantic checks) hold no error, and it has a step. Other
// warnings, information and hints never stop a run: a file that Scansion itself runs gets at most
// a warning from us (core/diagnostics/codes.ts keeps errors for what Scansion cannot run either).
// A file without steps (the `no-steps` warning) would pass having checked nothing: it is reported
// as not run instead, never as a pass (core/diagnostics/noSteps.ts).

import type { Diagnostic, Range, Scenario } from './model.js';
import { skippedStep, type Failure, type ScenarioResult } from './results.js';
import { countSeverities, diagnose } from './diagnostics/index.js';

/** Why a scenario may not run. */
export interface Refusal {
  /** Every error, in the order given (diagnose() sorts by position); with none, the `no-steps`
   *  warning. Never empty. */
  problems: Diagnostic[];
  /** The first one's range (0-based, as in the model). */
  range: Range;
  /** One line with the count and the first error, the same wherever it is shown:
   *  `not run: 2 errors in the file, the first at line 4: unknown verb "sendz"`; for a file
   *  without steps, `not run: the file has no steps, so it would check nothing`. */
  message: string;
}

/** The refusal's message for a scenario without steps. */
const noStepsMessage = 'not run: the file has no steps, so it would check nothing';

/** Decides whether `scenario` (parseScenario()'s result) may run: undefined when it may, else the
 *  Refusal (every error, or the no-steps warning; the first one's range; one message). Runs diagnose(), so it costs what
 *  `scs check` costs for the file; pure and synchronous, and never throws for any parsed text. */
export function runGate(scenario: Scenario): Refusal | undefined {
  return refusalFrom(diagnose(scenario));
}

/** The same decision from diagnostics already computed (undefined: may run). Never throws. `diagnostics` must be diagnose()'s output
 *  for the file (as core/check.ts gives it), or diagnostics that stand for a file that could not be
 *  read at all: parser diagnostics alone would let semantic errors through. */
export function refusalFrom(diagnostics: readonly Diagnostic[]): Refusal | undefined {
  // A capped list (diagnose() lists 1,000) ends with one that counts the rest, with the worst
  // severity among them: an error when any error was left out.
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length === 0) {
    const noSteps = diagnostics.find((diagnostic) => diagnostic.code === 'no-steps');
    return noSteps && { problems: [noSteps], range: noSteps.range, message: noStepsMessage };
  }
  const [first] = errors;
  const { range } = first;
  const line = range.start.line + 1;
  const total = countSeverities(diagnostics).error;
  const count = total === 1 ? '1 error' : `${total} errors`;
  const which = total === 1 ? 'at' : 'the first at';
  return { problems: errors, range, message: `not run: ${count} in the file, ${which} line ${line}: ${first.message}` };
}

/** The failure a refused scenario reports: kind `not-run`, at the first error (or the no-steps warning). */
export function refusalFailure(refusal: Refusal): Failure {
  return { kind: 'not-run', range: refusal.range, message: refusal.message };
}

/** The result of a scenario the gate refused, the same from runScenario and `scs run`: `errored`
 *  in no time, every step `skipped`, the refusal as its failure, nothing sent or bound. `scenario`
 *  is undefined for a file that could not be read (it has no steps then). */
export function notRunResult(file: string, scenario: Scenario | undefined, refusal: Refusal): ScenarioResult {
  return {
    file,
    title: scenario?.metadata.title?.value,
    status: 'errored',
    durationMs: 0,
    steps: (scenario?.steps ?? []).map((step) => skippedStep(step, refusal.message)),
    failure: refusalFailure(refusal),
    transcript: [],
    boundJids: {},
  };
}
