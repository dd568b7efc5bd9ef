// The Test Explorer's Debug profile: the gutter's debug action on a scenario debugs it (stopping at
// breakpoints), on a step stops before that step. The session's result (shared/protocol.ts
// `scansion/result`) is reported on the scenario's items when the run ends.

import * as vscode from 'vscode';
import type { ScenarioResult } from '../../../core/results.js';
import { debugScenario } from '../debug/configuration.js';
import { onDemand } from '../onDemand.js';
import type { ScenarioTests } from './testController.js';

/** Results of the sessions the profile started, by session id. */
const waiting = new Map<string, (result: ScenarioResult) => void>();

/** Called with each session's result (from the session tracker). */
export function debugSessionResult(session: vscode.DebugSession, result: ScenarioResult): void {
  waiting.get(session.id)?.(result);
}

export async function debugTests(tests: ScenarioTests, request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
  const [chosen] = request.include ?? [];
  const scenarioItem = chosen && tests.scenarioOf(chosen);
  const run = tests.controller.createTestRun(request);
  if (!scenarioItem?.uri) {
    run.end();
    void vscode.window.showInformationMessage('Scansion: choose one scenario or step to debug.');
    return;
  }
  // A step's debug action stops before that step (its first line, 1-based).
  const step = tests.stepIndexOf(chosen!) === undefined ? undefined : chosen;
  const stopAtLine = step?.range ? step.range.start.line + 1 : undefined;
  run.started(scenarioItem);
  const started = new Promise<vscode.DebugSession | undefined>((resolve) => {
    const listener = vscode.debug.onDidStartDebugSession((session) => {
      if (session.type !== 'scansion' || session.configuration.program !== scenarioItem.uri!.fsPath) return;
      listener.dispose();
      resolve(session);
    });
    token.onCancellationRequested(() => {
      listener.dispose();
      resolve(undefined);
    });
  });
  if (!(await debugScenario(scenarioItem.uri, stopAtLine, { testRun: run }))) {
    run.skipped(scenarioItem);
    run.end();
    return;
  }
  const session = await started;
  if (!session) {
    run.end();
    return;
  }
  const result = await new Promise<ScenarioResult | undefined>((resolve) => {
    waiting.set(session.id, resolve);
    const ended = vscode.debug.onDidTerminateDebugSession((gone) => {
      if (gone.id !== session.id) return;
      ended.dispose();
      // The result event comes before the end; give it a moment to arrive.
      setTimeout(() => resolve(undefined), 500);
    });
    token.onCancellationRequested(() => void vscode.debug.stopDebugging(session));
  });
  waiting.delete(session.id);
  if (result) onDemand().reportResult(tests, run, scenarioItem, result);
  else run.skipped(scenarioItem);
  run.end();
}
