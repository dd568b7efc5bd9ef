// The Testing API side: every `.scs` file in the workspace is a test item with a child per step.
// Items resolve lazily, as in VS Code's test-provider sample: the workspace scan only lists the
// files, and a file's steps appear when it is opened (the language server publishes the tree of
// every open document, shared/protocol.ts `scansion/testTree`), resolved (expanded in the Test
// Explorer) or run. Only files no editor has open are parsed here (scenarios.ts), and again when
// they change on disk once resolved.
//
// What an item stands for is kept in a WeakMap beside it; item ids are written by itemId() alone
// and never read back.

import * as vscode from 'vscode';
import type { Scenario } from '../../../core/model.js';
import { scenarioTree, type ScenarioTree } from '../../../core/testTree.js';
import type { TestTreeParams } from '../../../shared/protocol.js';
import { toRange } from '../convert.js';
import { parseSavedFile } from '../scenarios.js';
import { openDocument } from '../workspaceText.js';

const pattern = '**/*.scs';
const excluded = '**/node_modules/**';

export function isScenarioUri(uri: vscode.Uri): boolean {
  return uri.path.endsWith('.scs');
}

interface ScenarioData {
  kind: 'scenario';
  uri: vscode.Uri;
  /** Where the steps came from: the language server's parse of the open document (at `version`),
   *  or the saved file's. Undefined while the item is unresolved. */
  source?: 'server' | 'file';
  version?: number;
}

interface StepData {
  kind: 'step';
  scenario: vscode.TestItem;
  /** The step's index in the scenario (core/model.ts `Step.index`). */
  index: number;
}

/** The one writer of test item ids. They are stable across reloads, since VS Code keeps the
 *  results history by id: the file's URI for a scenario, and the step's index after it for a step. */
function itemId(uri: vscode.Uri, stepIndex?: number): string {
  return stepIndex === undefined ? uri.toString() : `${uri.toString()}#step-${stepIndex}`;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class ScenarioTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('scansion', 'Scansion scenarios');
  private readonly data = new WeakMap<vscode.TestItem, ScenarioData | StepData>();
  private readonly disposables: vscode.Disposable[] = [this.controller];

  constructor() {
    this.controller.resolveHandler = async (item) => {
      if (item) await this.resolve(item);
      else await this.discoverAll();
    };
    this.controller.refreshHandler = async () => this.discoverAll();

    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.listed(uri)),
      watcher.onDidChange((uri) => {
        const item = this.scenarioItem(uri);
        if (item && this.scenarioData(item)?.source === 'file' && !openDocument(uri)) void this.readFile(uri);
      }),
      watcher.onDidDelete((uri) => this.remove(uri)),
      // Closing an editor (with unsaved changes, perhaps): the items follow the saved file again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === 'file' && isScenarioUri(document.uri)) void this.readFile(document.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.discoverAll()),
    );
  }

  /** The scenario item of a file, if known. */
  scenarioItem(uri: vscode.Uri): vscode.TestItem | undefined {
    return this.controller.items.get(itemId(uri));
  }

  /** The scenario item an item belongs to (itself for a scenario). */
  scenarioOf(item: vscode.TestItem): vscode.TestItem | undefined {
    const data = this.data.get(item);
    return data?.kind === 'step' ? data.scenario : data ? item : undefined;
  }

  /** The step index of a step item; undefined for a scenario item. */
  stepIndexOf(item: vscode.TestItem): number | undefined {
    const data = this.data.get(item);
    return data?.kind === 'step' ? data.index : undefined;
  }

  /** The item of step `index` of a scenario item. */
  stepItem(scenario: vscode.TestItem, index: number): vscode.TestItem | undefined {
    return scenario.uri && scenario.children.get(itemId(scenario.uri, index));
  }

  /** Lists the workspace's scenario files as unresolved items (reading none of them) and drops
   *  the items of files that are gone. */
  async discoverAll(): Promise<void> {
    const files = await vscode.workspace.findFiles(pattern, excluded);
    const found = new Set(files.map((uri) => itemId(uri)));
    this.controller.items.forEach((item) => {
      if (!found.has(item.id) && !(item.uri && openDocument(item.uri))) this.controller.items.delete(item.id);
    });
    for (const uri of files) this.listed(uri);
  }

  /** The tree the language server published for an open document. Trees of documents closed
   *  meanwhile, or older than the one shown, are dropped; the Test Explorer shows `file:` scenarios
   *  only. */
  applyServerTree(params: TestTreeParams): void {
    const uri = vscode.Uri.parse(params.uri);
    if (uri.scheme !== 'file' || !openDocument(uri)) return;
    const shown = this.scenarioItem(uri);
    const data = shown && this.scenarioData(shown);
    if (data?.source === 'server' && data.version !== undefined && data.version > params.version) return;
    this.apply(uri, params.tree ?? undefined, { kind: 'scenario', uri, source: 'server', version: params.version });
  }

  /** A run parsed the scenario anyway: its steps appear now unless the language server's tree
   *  already shows them. */
  showParsed(item: vscode.TestItem, scenario: Scenario): void {
    const data = this.scenarioData(item);
    if (!data || data.source === 'server') return;
    this.apply(data.uri, scenarioTree(scenario), { kind: 'scenario', uri: data.uri, source: 'file' });
  }

  /** Fills an unresolved item: from the saved file, unless an editor has it open (its tree then
   *  comes from the language server). */
  private async resolve(item: vscode.TestItem): Promise<void> {
    const data = this.scenarioData(item);
    if (!data || data.source !== undefined || openDocument(data.uri)) return;
    await this.readFile(data.uri);
  }

  private async readFile(uri: vscode.Uri): Promise<void> {
    let scenario: Scenario;
    try {
      scenario = await parseSavedFile(uri);
    } catch {
      this.remove(uri); // gone between the event and the read
      return;
    }
    // Opened while it was read: the language server's tree wins.
    if (openDocument(uri)) return;
    this.apply(uri, scenarioTree(scenario), { kind: 'scenario', uri, source: 'file' });
  }

  /** An unresolved item for a file, unless it has one already. */
  private listed(uri: vscode.Uri): void {
    if (this.scenarioItem(uri)) return;
    const item = this.controller.createTestItem(itemId(uri), fileName(uri), uri);
    item.description = vscode.workspace.asRelativePath(uri, false);
    item.canResolveChildren = true;
    this.data.set(item, { kind: 'scenario', uri });
    this.controller.items.add(item);
  }

  private apply(uri: vscode.Uri, tree: ScenarioTree | undefined, data: ScenarioData): void {
    if (!tree) {
      this.remove(uri);
      return;
    }
    let item = this.scenarioItem(uri);
    if (!item) {
      item = this.controller.createTestItem(itemId(uri), fileName(uri), uri);
      this.controller.items.add(item);
    }
    this.data.set(item, data);
    const scenario = item;
    item.label = tree.title ?? fileName(uri);
    item.range = toRange(tree.range);
    item.description = vscode.workspace.asRelativePath(uri, false);
    item.error = tree.error;
    item.tags = tree.tags.map((tag) => new vscode.TestTag(tag));
    item.canResolveChildren = false;
    const width = String(Math.max(tree.steps.length - 1, 0)).length;
    item.children.replace(
      tree.steps.map((step) => {
        const child = this.controller.createTestItem(itemId(uri, step.index), step.label, uri);
        this.data.set(child, { kind: 'step', scenario, index: step.index });
        child.range = toRange(step.range);
        // Steps in file order, not by label.
        child.sortText = String(step.index).padStart(width, '0');
        child.description = step.description;
        return child;
      }),
    );
  }

  private scenarioData(item: vscode.TestItem): ScenarioData | undefined {
    const data = this.data.get(item);
    return data?.kind === 'scenario' ? data : undefined;
  }

  private remove(uri: vscode.Uri): void {
    this.controller.items.delete(itemId(uri));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
