// Runs the scenarios a test run asks for, one after another, and reports each step as it ends.
// Cancelling aborts the runner at once (it closes its connections).

import * as vscode from 'vscode';
import type { RunEvent, ScenarioResult } from '../../../core/results.js';
import { parseCurrentText } from '../scenarios.js';
import { runScenario, type RunOptions } from '../../../core/runner/index.js';
import { serverConfigFor, stopOwnedServers, type ServerConfigChoice } from '../../../core/prosody/index.js';
import { toRange } from '../convert.js';
import { LastResults } from '../run/lastResults.js';
import { withPasswords } from '../../../core/passwords.js';
import { storedPasswords } from '../run/passwords.js';
import { runTarget, targetProblem, type RunTarget, type ScansionSettings } from '../run/target.js';
import { runStartLine, scenarioLine, type Log } from '../run/runLog.js';
import { openRunServer, type RunServer } from '../run/runServer.js';
import type { StatusBar } from '../statusBar.js';
import { mapResult, stanzaFailureContext, stepOutcome, transcriptLines, type ItemOutcome, type OutcomeMessage } from './resultMapping.js';
import { StepNotes, type StepNote, type StepNotesMode } from '../run/stepNotes.js';
import { waitingText } from '../../../core/runner/progress.js';
import type { ScenarioTests } from './testController.js';
import { runPlan, type RequestedItem } from './runPlan.js';
import { endContinuousRuns, runContinuously, type RunOnce } from './watchRun.js';

export interface RunnerContext {
  tests: ScenarioTests;
  results: LastResults;
  status: StatusBar;
  secrets: vscode.SecretStorage;
  /** The Prosody configuration shipped with the extension: a local Prosody adapts it unless a
   *  prosody.cfg.lua lies beside the scenarios (core/serverConfig.ts). */
  prosodyConfig: string;
  /** The settings a run of the scenario at `scope` uses: its workspace folder's `scansion.*` settings,
   *  with the status bar switcher's choice applied (targetSwitcher.ts). */
  settings(scope: vscode.Uri): ScansionSettings;
  /** The output channel: each run's target, local Prosody and outcome (runLog.ts). */
  log: Log;
  /** Called after each scenario with the JIDs it bound (for the language server's hovers). */
  onScenarioDone(uri: vscode.Uri, result: ScenarioResult): void;
  /** The status bar's switcher kept a choice: which scenarios (by URI) it sends elsewhere
   *  (targetSwitcher.ts onDidChooseTarget); a continuous run re-runs them. */
  onDidChooseTarget: vscode.Event<(scope: vscode.Uri) => boolean>;
}

/** A scenario a request covers, and how far to run it. */
interface PlannedScenario {
  item: vscode.TestItem;
  /** RunOptions.stopAfter: set when only steps of the scenario were asked for (runPlan.ts). */
  stopAfter?: number;
}

/** The scenarios a request covers: a step item runs its scenario up to and including that step,
 *  since steps depend on the ones before them; a scenario item runs whole. */
function requestedScenarios(request: vscode.TestRunRequest, tests: ScenarioTests): PlannedScenario[] {
  const excluded = new Set((request.exclude ?? []).map((item) => item.id));
  const scenarios = new Map<string, vscode.TestItem>();
  const asked: RequestedItem[] = [];
  const candidates: vscode.TestItem[] = [];
  if (request.include) candidates.push(...request.include);
  else tests.controller.items.forEach((item) => candidates.push(item));
  for (const item of candidates) {
    const scenario = tests.scenarioOf(item);
    if (!scenario || excluded.has(scenario.id)) continue;
    scenarios.set(scenario.id, scenario);
    asked.push({ scenario: scenario.id, step: tests.stepIndexOf(item) });
  }
  return [...runPlan(asked)].map(([id, stopAfter]) => ({ item: scenarios.get(id)!, stopAfter }));
}

function toTestMessage(message: OutcomeMessage, uri: vscode.Uri): vscode.TestMessage {
  const diff = message.expected !== undefined && message.actual !== undefined;
  const result = diff ? vscode.TestMessage.diff(message.text, message.expected!, message.actual!) : new vscode.TestMessage(message.text);
  result.location = new vscode.Location(uri, toRange(message.range));
  if (message.stanzaFailure) result.contextValue = stanzaFailureContext;
  return result;
}

function applyOutcome(run: vscode.TestRun, item: vscode.TestItem, outcome: ItemOutcome): void {
  const messages = outcome.messages.map((message) => toTestMessage(message, item.uri!));
  switch (outcome.status) {
    case 'passed':
      run.passed(item, outcome.durationMs);
      break;
    case 'failed':
      run.failed(item, messages, outcome.durationMs);
      break;
    case 'errored':
      run.errored(item, messages, outcome.durationMs);
      break;
    case 'skipped':
      run.skipped(item);
      break;
  }
  if (outcome.note !== undefined) run.appendOutput(`${item.label}: ${outcome.note}\r\n`, item.range && new vscode.Location(item.uri!, item.range), item);
}

function itemFor(tests: ScenarioTests, scenarioItem: vscode.TestItem, outcome: ItemOutcome): vscode.TestItem | undefined {
  return outcome.stepIndex === undefined ? scenarioItem : tests.stepItem(scenarioItem, outcome.stepIndex);
}

/** Reports a whole result at once (a debug session's): the scenario, and its steps unless the file
 *  no longer has the steps that ran (steps were inserted while debugging). */
export function reportResult(tests: ScenarioTests, run: vscode.TestRun, scenarioItem: vscode.TestItem, result: ScenarioResult): void {
  const sameSteps = scenarioItem.children.size === result.steps.length;
  for (const outcome of mapResult(result)) {
    if (!sameSteps && outcome.stepIndex !== undefined) continue;
    const target = itemFor(tests, scenarioItem, outcome);
    if (target) applyOutcome(run, target, outcome);
  }
}

/** Runs in progress: what aborts each, and its end. */
const activeRuns = new Map<AbortController, Promise<void>>();

/** Aborts every run in progress (closing its connections) and stops every local Prosody this
 *  extension host started, removing their folders: for deactivation (the window closes). */
export async function stopAllRuns(): Promise<void> {
  const ends = [...activeRuns];
  for (const [abort] of ends) abort.abort();
  await Promise.all([endContinuousRuns(), stopOwnedServers(), ...ends.map(([, end]) => end)]);
}

/** A run profile's handler. A continuous request (the watch toggle) watches for saves until its
 *  token is cancelled (watchRun.ts), running each change as a request of its own. */
export async function runTests(context: RunnerContext, request: vscode.TestRunRequest, token: vscode.CancellationToken, forceLocal: boolean): Promise<void> {
  if (request.continuous) {
    const again: RunOnce = (changed, changedToken) => runTests(context, changed, changedToken, forceLocal);
    const onError = (error: unknown) => context.log.error(`Continuous run: ${(error as Error)?.message ?? String(error)}`);
    return runContinuously(context.tests, request, token, again, onError, context.onDidChooseTarget);
  }
  const abort = new AbortController();
  const end = runAndReport(context, request, token, forceLocal, abort);
  activeRuns.set(abort, end);
  try {
    await end;
  } finally {
    activeRuns.delete(abort);
  }
}

async function runAndReport(
  context: RunnerContext,
  request: vscode.TestRunRequest,
  token: vscode.CancellationToken,
  forceLocal: boolean,
  abort: AbortController,
): Promise<void> {
  const run = context.tests.controller.createTestRun(request);
  const planned = requestedScenarios(request, context.tests);
  const scenarios = planned.map((entry) => entry.item);
  if (!vscode.workspace.isTrusted) {
    const message = new vscode.TestMessage('Running scenarios connects to servers and starts Prosody: trust this workspace first (Restricted Mode).');
    for (const item of scenarios) run.errored(item, message);
    run.end();
    return;
  }
  for (const item of scenarios) {
    run.enqueued(item);
    item.children.forEach((child) => run.enqueued(child));
  }

  const cancelled = token.onCancellationRequested(() => abort.abort());
  let failed = false;
  try {
    for (const group of bySettings(context, planned, forceLocal)) {
      if (!(await runGroup(context, run, group, scenarios.length, forceLocal, abort.signal))) failed = true;
    }
    if (!failed) context.status.setRunState({ kind: 'idle' });
  } finally {
    cancelled.dispose();
    run.end();
  }
}

/** Scenarios that run with the same settings (the same server and options). */
interface SettingsGroup {
  settings: ScansionSettings;
  /** The configuration a local Prosody for the group adapts. */
  prosodyConfig: ServerConfigChoice;
  planned: PlannedScenario[];
}

/** The planned scenarios grouped by the settings of their workspace folders, in the order planned:
 *  a request over several folders runs each folder's scenarios against that folder's server. On a
 *  local Prosody, scenarios beside different prosody.cfg.lua files also run in separate groups, each
 *  on a server adapting its own (`scs run` refuses such a mix instead: it has --server-config). */
function bySettings(context: RunnerContext, planned: PlannedScenario[], forceLocal: boolean): SettingsGroup[] {
  const groups = new Map<string, SettingsGroup>();
  for (const entry of planned) {
    const settings = context.settings(entry.item.uri!);
    const prosodyConfig = serverConfigFor([entry.item.uri!.fsPath], undefined, () => context.prosodyConfig);
    const local = runTarget(settings, forceLocal).kind === 'local';
    const key = JSON.stringify([settings, local ? prosodyConfig.file : '']);
    const group = groups.get(key);
    if (group) group.planned.push(entry);
    else groups.set(key, { settings, prosodyConfig, planned: [entry] });
  }
  return [...groups.values()];
}

/** Runs one group against its server (started first when it is a local Prosody, stopped after).
 *  Resolves to false when the server could not be opened (its scenarios are then errored). */
async function runGroup(
  context: RunnerContext,
  run: vscode.TestRun,
  { settings, prosodyConfig, planned }: SettingsGroup,
  total: number,
  forceLocal: boolean,
  signal: AbortSignal,
): Promise<boolean> {
  const target: RunTarget = runTarget(settings, forceLocal);
  context.log.info(runStartLine(planned.length, target, settings));
  let server: RunServer | undefined;
  try {
    const problem = targetProblem(settings, forceLocal);
    if (problem) throw new Error(problem);
    if (target.kind === 'local') context.status.setRunState({ kind: 'starting-prosody' });
    server = await openRunServer(target, prosodyConfig, context.log);
    if (server.local) run.appendOutput(`Started a local Prosody on ${server.host}:${server.port}\r\n`);
    context.status.setRunState({ kind: 'running', scenarios: total });
    const options: Partial<RunOptions> = {
      host: server.host,
      port: server.port,
      timeoutMs: settings.timeoutMs,
      quietMs: settings.quietMs,
      sync: settings.sync,
      tlsInsecure: settings.tls === 'insecure',
      ordered: settings.ordered,
    };
    for (const { item, stopAfter } of planned) {
      if (signal.aborted) {
        run.skipped(item);
        continue;
      }
      try {
        await runOne(context, run, item, { ...options, stopAfter }, settings.stepNotes, target.kind === 'remote', signal);
      } catch (error) {
        // One scenario that cannot run (deleted meanwhile, unreadable) does not stop the others.
        const message = `Could not run: ${(error as Error)?.message ?? String(error)}`;
        context.log.error(`${item.label}: ${message}`);
        run.errored(item, new vscode.TestMessage(message));
      }
    }
    return true;
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    context.status.setRunState({ kind: 'error', message });
    context.log.error(`Run: could not run: ${message}`);
    for (const { item } of planned) run.errored(item, new vscode.TestMessage(`Could not run: ${message}`));
    return false;
  } finally {
    await server?.close();
  }
}

async function runOne(
  context: RunnerContext,
  run: vscode.TestRun,
  item: vscode.TestItem,
  options: Partial<RunOptions>,
  stepNotes: StepNotesMode,
  realServer: boolean,
  signal: AbortSignal,
): Promise<void> {
  const uri = item.uri!;
  const parsed = await parseCurrentText(uri);
  context.tests.showParsed(item, parsed);
  const scenario = realServer ? withPasswords(parsed, await storedPasswords(parsed, (key) => context.secrets.get(key))) : parsed;
  const notes = new StepNotes(stepNotes, scenario.steps);
  const appendNote = (note: StepNote) => run.appendOutput(`${note.text}\r\n`, new vscode.Location(uri, toRange(note.range)), item);
  run.started(item);
  const onEvent = (event: RunEvent) => {
    switch (event.event) {
      case 'stepStart': {
        const step = context.tests.stepItem(item, event.index);
        if (step) run.started(step);
        break;
      }
      case 'stepEnd': {
        const outcome = stepOutcome(event.step);
        const step = itemFor(context.tests, item, outcome);
        if (step) applyOutcome(run, step, outcome);
        const note = notes.stepEnded(event.step);
        if (note) appendNote(note);
        break;
      }
      case 'transcript':
        // Not located: VS Code would show each line after its step; the notes do that, one line each.
        notes.transcript(event.entry);
        for (const line of transcriptLines(event.entry)) run.appendOutput(`${line.text}\r\n`, undefined, item);
        break;
      case 'waiting':
        run.appendOutput(`${waitingText(event.wait)}\r\n`, undefined, item);
        break;
      default:
        break;
    }
  };
  const result = await runScenario(scenario, uri.fsPath, options, onEvent, signal);
  const failedNotes = notes.scenarioEnded(result);
  if (failedNotes.length > 0) run.appendOutput('One line per step (shown after each step in the editor):\r\n', undefined, item);
  for (const note of failedNotes) appendNote(note);
  // Steps were reported as they ended; skipped steps (after a failure, or after the step the run
  // stopped at) and the scenario come last.
  const outcomes = mapResult(result);
  for (const outcome of outcomes) {
    if (outcome.status !== 'skipped' && outcome.stepIndex !== undefined) continue;
    const target = itemFor(context.tests, item, outcome);
    if (target) applyOutcome(run, target, outcome);
  }
  context.results.set({ uri: uri.toString(), result });
  context.log[result.status === 'passed' ? 'info' : 'warn'](scenarioLine(result));
  context.onScenarioDone(uri, result);
}
