// What a test run request asks of each scenario, free of `vscode`: a scenario item runs whole; a
// step item runs its scenario up to and including that step (issue 8: a step's run action), since
// a step depends on the ones before it. Several steps of one scenario run it up to the last of them.

/** One item a request includes: its scenario's id and, for a step item, the step's index
 *  (core/model.ts `Step.index`). */
export interface RequestedItem {
  scenario: string;
  step?: number;
}

/** For each scenario asked for, in the order first asked: the index of the step to stop after
 *  (RunOptions.stopAfter), or undefined to run it whole (the scenario item itself was asked for). */
export function runPlan(items: Iterable<RequestedItem>): Map<string, number | undefined> {
  const plan = new Map<string, number | undefined>();
  const whole = new Set<string>();
  for (const { scenario, step } of items) {
    if (step === undefined) whole.add(scenario);
    const known = plan.get(scenario);
    plan.set(scenario, whole.has(scenario) || step === undefined ? undefined : Math.max(known ?? step, step));
  }
  return plan;
}
