// What VS Code's activate() sets up (main.ts loads this bundle, dist/features.cjs, then), once the
// language client has started (extension.ts startLanguageClient, dist/extension.cjs): the Test
// Explorer (its items of open documents come from the language server's parse), the run profiles,
// the stanza diff panel, the quick fix, the status bar, the commands and the debugger (debug/).
// Editing works in Restricted Mode; running and debugging (which connect to servers and start
// Prosody) need a trusted workspace. This bundle holds no language client.

import * as vscode from 'vscode';
import { fromRange } from './convert.js';
import { AcceptReceivedFix, FailureCodeLenses, acceptCommand, acceptReceived, showDiffCommand, stepToAccept } from './diff/failureActions.js';
import type { DiffPanel } from './diff/diffPanel.js';
import type { Started } from './extension.js';
import type { RunResultParams } from '../../shared/protocol.js';
import { clearPassword, setPassword } from './passwordCommands.js';
import { LastResults } from './run/lastResults.js';
import { registerRecording } from './record/recordCommands.js';
import { migrateTimeoutSetting } from './run/settingsMigration.js';
import { copyFailureAsMarkdown, copyFailureCommand, copyRunCommand, copyRunCommandLine } from './run/shareCommands.js';
import { runTarget, targetProblem } from './run/target.js';
import { RunTargets } from './run/targetSwitcher.js';
import { selectTargetCommand } from './statusText.js';
import { StatusBar } from './statusBar.js';
import { ScenarioTests } from './testing/testController.js';
import { onDemand, onDemandLoaded } from './onDemand.js';
import { stanzaFailureContext } from './testing/resultMapping.js';
import { debugSessionResult, debugTests } from './testing/debugProfile.js';
import { debugScenario, debugType, ScansionAdapterFactory, ScansionConfigurationProvider } from './debug/configuration.js';
import { variableHoverProvider } from './debug/evaluatable.js';
import { DebugCodeLenses, debugScenarioCommand, insertReceivedCommand, insertReceivedStanza } from './debug/insertStep.js';
import { DebugSessions } from './debug/sessions.js';

const selector: vscode.DocumentSelector = { language: 'scansion' };

/** "Scansion: Restart Language Server" (the output logs the restart: run/runLog.ts LanguageServerLog). */
export const restartLanguageServerCommand = 'scansion.restartLanguageServer';

/** The Test Explorer, the status bar, the run profiles, commands, code lenses, the debugger's
 *  providers and the recorder's commands. */
export async function activate(context: vscode.ExtensionContext, languageClient: Started): Promise<void> {
  const { output, starting } = languageClient;
  const tests = new ScenarioTests();
  languageClient.receiveTestTrees((params) => tests.applyServerTree(params));
  const status = new StatusBar();
  status.setLanguageServerState(languageClient.serverState());
  context.subscriptions.push(
    output,
    tests,
    ...languageClient.disposables,
    languageClient.onDidChangeServerState((state) => status.setLanguageServerState(state)),
  );
  const results = new LastResults();
  const lenses = new FailureCodeLenses(results);
  context.subscriptions.push(status, lenses);
  // The stanza diff panel is made (and its module loaded) when first shown.
  let panel: DiffPanel | undefined;
  const diffPanel = (): DiffPanel => {
    if (!panel) context.subscriptions.push((panel = new (onDemand().DiffPanel)(results)));
    return panel;
  };

  void migrateTimeoutSetting((message) => output.info(message));
  const targets = new RunTargets(context.workspaceState, output);
  context.subscriptions.push(targets);
  const showTarget = () => {
    const settings = targets.shownSettings();
    status.setTarget(runTarget(settings, false), settings.tls, targets.choice().kind !== 'settings', targetProblem(settings, false));
  };
  showTarget();

  const runner = {
    tests,
    results,
    status,
    secrets: context.secrets,
    prosodyConfig: context.asAbsolutePath('scenarios/prosody.cfg.lua'),
    settings: (scope: vscode.Uri) => targets.settings(scope),
    log: output,
    onScenarioDone: (uri: vscode.Uri, result: { boundJids: Record<string, string> }) => {
      const params: RunResultParams = { uri: uri.toString(), boundJids: result.boundJids };
      languageClient.sendRunResult(params);
    },
    onDidChooseTarget: targets.onDidChooseTarget,
  };
  // The default profile also runs continuously (re-run on save: testing/watchRun.ts). Only that one,
  // so that "Start Continuous Run" starts at once instead of asking which profile to use.
  tests.controller.createRunProfile(
    'Run',
    vscode.TestRunProfileKind.Run,
    (request, token) => onDemand().runTests(runner, request, token, false),
    true,
    undefined,
    true,
  );
  tests.controller.createRunProfile(
    'Run against local Prosody',
    vscode.TestRunProfileKind.Run,
    (request, token) => onDemand().runTests(runner, request, token, true),
    false,
  );
  tests.controller.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, (request, token) => debugTests(tests, request, token), true);
  // The code lenses and the quick fix of failed steps move with the edits made since the run.
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((event) =>
      results.followEdits(
        event.document.uri.toString(),
        event.contentChanges.map((change) => ({ range: fromRange(change.range), text: change.text })),
      ),
    ),
  );

  const sessions = new DebugSessions({
    boundJids: (uri, boundJids) => runner.onScenarioDone(uri, { boundJids }),
    result: (session, uri, { result }) => {
      debugSessionResult(session, result);
      runner.onScenarioDone(uri, result);
      // Kept for the failure lenses and the diff panel while the file still has the steps that ran
      // (steps inserted while debugging make the result's ranges wrong).
      if (tests.scenarioItem(uri)?.children.size === result.steps.length) results.set({ uri: uri.toString(), result });
    },
  });
  const debugLenses = new DebugCodeLenses(sessions);
  context.subscriptions.push(
    sessions,
    debugLenses,
    vscode.debug.registerDebugConfigurationProvider(debugType, new ScansionConfigurationProvider(context.secrets, (scope) => targets.settings(scope), output)),
    vscode.debug.registerDebugAdapterDescriptorFactory(debugType, new ScansionAdapterFactory(context.asAbsolutePath('dist/debugAdapter.js'))),
    vscode.languages.registerEvaluatableExpressionProvider(selector, variableHoverProvider),
    vscode.languages.registerCodeLensProvider(selector, debugLenses),
    vscode.commands.registerCommand(debugScenarioCommand, (uri: unknown) => debugScenario(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(insertReceivedCommand, (uri: unknown, character: unknown) => insertReceivedStanza(sessions, uri, character)),
  );

  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerCodeActionsProvider(selector, new AcceptReceivedFix(results), { providedCodeActionKinds: AcceptReceivedFix.kinds }),
    vscode.commands.registerCommand(showDiffCommand, (...args: unknown[]) => showDiff(diffPanel, tests, results, args)),
    vscode.commands.registerCommand(acceptCommand, (...args: unknown[]) => {
      const target = stepToAccept(results, args);
      if (target) return acceptReceived(results, target.uri, target.stepIndex);
      void vscode.window.showInformationMessage('Scansion: no failed receives step to accept; run a scenario first.');
      return false;
    }),
    vscode.commands.registerCommand(copyRunCommand, (...args: unknown[]) => copyRunCommandLine(targets, args)),
    vscode.commands.registerCommand(copyFailureCommand, (...args: unknown[]) => copyFailureAsMarkdown(targets, results, args)),
    vscode.commands.registerCommand('scansion.setPassword', () => setPassword(context)),
    vscode.commands.registerCommand('scansion.clearPassword', () => clearPassword(context)),
    vscode.commands.registerCommand('scansion.showOutput', () => output.show()),
    vscode.commands.registerCommand(selectTargetCommand, () => targets.pick()),
    vscode.commands.registerCommand(restartLanguageServerCommand, async () => {
      output.info('Language server: restart asked for (Scansion: Restart Language Server).');
      await languageClient.restart();
    }),
    targets.onDidChange(() => showTarget()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => showTarget()),
  );
  registerRecording(context, output, (scope) => targets.settings(scope));

  try {
    await starting;
    status.setLanguageServerState('running');
  } catch (error) {
    status.setLanguageServerState(`failed to start: ${(error as Error).message}`);
    output.error(`The language server did not start: ${(error as Error).message}`);
  }
  // The workspace's scenarios fill the Test Explorer once the server runs (opening the Testing view
  // asks for them sooner, through the controller's resolveHandler).
  void tests.discoverAll();
}

/** "Show Stanza Diff": from a code lens (uri, step), from a failure message in the test peek
 *  ({ test, message }), or from the palette (the failed step of the active editor). */
async function showDiff(diffPanel: () => DiffPanel, tests: ScenarioTests, results: LastResults, args: unknown[]): Promise<void> {
  const [first, second] = args;
  if (first instanceof vscode.Uri && typeof second === 'number') {
    await diffPanel().show(first, second);
    return;
  }
  const fromPeek = first as { test?: vscode.TestItem; message?: vscode.TestMessage } | undefined;
  if (fromPeek?.test && fromPeek.message?.contextValue === stanzaFailureContext) {
    const uri = tests.scenarioOf(fromPeek.test)?.uri;
    const step = tests.stepIndexOf(fromPeek.test) ?? (uri && results.failedSteps(uri.toString())[0]?.index);
    if (uri && step !== undefined && (await diffPanel().show(uri, step))) return;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const failed = results.failedSteps(editor.document.uri.toString());
    const line = editor.selection.active.line;
    const step = failed.find((s) => s.range.start.line <= line && line <= s.range.end.line) ?? failed[0];
    if (step && (await diffPanel().show(editor.document.uri, step.index))) return;
  }
  void vscode.window.showInformationMessage('Scansion: no failed step to show; run a scenario first.');
}

/** The window closes or the extension is turned off: runs are aborted and local Prosody servers
 *  stopped (their folders removed), before the language client goes (extension.ts deactivate). */
export async function deactivate(): Promise<void> {
  if (onDemandLoaded()) await onDemand().stopAllRuns();
}
