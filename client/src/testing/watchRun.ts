// A continuous run in VS Code (TestRunProfile.supportsContinuousRun, the Test Explorer's watch
// toggle): until its token is cancelled, each save of a scenario the request covers starts a test run
// of that scenario (a step item: up to that step, as a plain run does), and a change of where or how
// runs go re-runs every scenario it covers that the change concerns: a change of the `scansion.*`
// run settings (the server, the timeouts) for the scenarios whose folder's settings it changes (a
// folder's .vscode/settings.json: that folder's only), a target chosen in the status bar for those
// it sends to another server or TLS mode. When and what runs is continuous.ts's; this file feeds it
// VS Code's events.

import * as vscode from 'vscode';
import { ContinuousRun } from './continuous.js';
import { isScenarioUri, type ScenarioTests } from './testController.js';
import { openDocument } from '../workspaceText.js';

/** Runs one request to its end (testRun.ts), cancelled by `token`. */
export type RunOnce = (request: vscode.TestRunRequest, token: vscode.CancellationToken) => Promise<void>;

/** The settings a run reads (run/target.ts): a change re-runs the scenarios covered that it affects. */
const runSettings = ['server', 'tls', 'localServer', 'timeout', 'quietPeriod', 'sync', 'ordered'];

/** Live continuous runs, ended at deactivation. */
const live = new Set<ContinuousRun>();

/** Ends every continuous run: no run starts any more, and those in progress are aborted. */
export async function endContinuousRuns(): Promise<void> {
  await Promise.all([...live].map((continuous) => continuous.dispose()));
}

/** Watches until `token` is cancelled, then aborts the run in progress and stops watching.
 *  Resolves when the last run has ended; errors of a run go to `onError`. `targetChosen` fires
 *  when the status bar's switcher keeps a choice, with which scenarios (by URI) it concerns. */
export async function runContinuously(
  tests: ScenarioTests,
  request: vscode.TestRunRequest,
  token: vscode.CancellationToken,
  runOnce: RunOnce,
  onError: (error: unknown) => void,
  targetChosen: vscode.Event<(scope: vscode.Uri) => boolean>,
): Promise<void> {
  const excluded = new Set((request.exclude ?? []).map((item) => item.id));
  /** The items a save of `uri` re-runs: the request's own (the scenario, or its steps), or the
   *  scenario's item when the request named none (everything). */
  const itemsFor = (uri: string): vscode.TestItem[] => {
    if (!request.include) {
      const item = tests.scenarioItem(vscode.Uri.parse(uri));
      return item && !excluded.has(item.id) ? [item] : [];
    }
    return request.include.filter((item) => tests.scenarioOf(item)?.uri?.toString() === uri);
  };
  const covered = (): string[] => {
    const uris = new Set<string>();
    if (request.include) for (const item of request.include) uris.add(tests.scenarioOf(item)?.uri?.toString() ?? '');
    else tests.controller.items.forEach((item) => uris.add(item.uri?.toString() ?? ''));
    uris.delete('');
    return [...uris].filter((uri) => itemsFor(uri).length > 0);
  };

  const continuous = new ContinuousRun({
    covers: (uri) => itemsFor(uri).length > 0,
    all: covered,
    async run(uris, signal) {
      const include = uris.flatMap(itemsFor);
      if (include.length === 0) return;
      const cancel = new vscode.CancellationTokenSource();
      const aborted = () => cancel.cancel();
      signal.addEventListener('abort', aborted);
      try {
        await runOnce(new vscode.TestRunRequest(include, request.exclude, request.profile, false), cancel.token);
      } finally {
        signal.removeEventListener('abort', aborted);
        cancel.dispose();
      }
    },
    onError,
  });
  live.add(continuous);

  const saved = (uri: vscode.Uri) => {
    if (uri.scheme === 'file' && isScenarioUri(uri)) continuous.saved(uri.toString());
  };
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.scs', true, false, true);
  const listeners = [
    watcher,
    token.onCancellationRequested(() => stop()),
    vscode.workspace.onDidSaveTextDocument((document) => saved(document.uri)),
    // Changed on disk by something else (git, another editor); an open document is saved through VS Code.
    watcher.onDidChange((uri) => {
      if (!openDocument(uri)) saved(uri);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // With a scope, VS Code says whether the value that resource reads changed (its folder's settings).
      const affects = (scope?: vscode.Uri) => runSettings.some((key) => event.affectsConfiguration(`scansion.${key}`, scope));
      if (affects()) continuous.settingsChanged((uri) => affects(vscode.Uri.parse(uri)));
    }),
    targetChosen((concerns) => continuous.settingsChanged((uri) => concerns(vscode.Uri.parse(uri)))),
  ];
  if (token.isCancellationRequested) stop();
  try {
    await stopped;
  } finally {
    for (const listener of listeners) listener.dispose();
    await continuous.dispose();
    live.delete(continuous);
  }
}
