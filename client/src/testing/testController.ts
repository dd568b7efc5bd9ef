// The Testing API side: every `.scs` file in the workspace is a test item with a child per step,
// kept current as files are created, edited, renamed and deleted.

import * as vscode from 'vscode';
import { parseScenario } from '../../../core/parser/index.js';
import { toRange } from '../convert.js';
import { openDocument, savedText } from '../workspaceText.js';
import { scenarioTree, type ScenarioNode } from './testTree.js';

const pattern = '**/*.scs';
const excluded = '**/node_modules/**';

export function isScenarioUri(uri: vscode.Uri): boolean {
  return uri.path.endsWith('.scs');
}

export class ScenarioTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('scansion', 'Scansion scenarios');
  private readonly disposables: vscode.Disposable[] = [this.controller];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor() {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discoverAll();
    };
    this.controller.refreshHandler = async () => this.discoverAll();

    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.updateFromFile(uri)),
      watcher.onDidChange((uri) => {
        if (!openDocument(uri)) void this.updateFromFile(uri);
      }),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.updateFromDocument(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleUpdate(event.document)),
      // Closing an editor with unsaved changes: the items follow the file again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === 'file' && isScenarioUri(document.uri)) void this.updateFromFile(document.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.discoverAll()),
    );
    for (const document of vscode.workspace.textDocuments) this.updateFromDocument(document);
  }

  /** The scenario item of a file, if known. */
  scenarioItem(uri: vscode.Uri): vscode.TestItem | undefined {
    return this.controller.items.get(uri.toString());
  }

  async discoverAll(): Promise<void> {
    const files = await vscode.workspace.findFiles(pattern, excluded);
    const found = new Set(files.map((uri) => uri.toString()));
    this.controller.items.forEach((item) => {
      if (!found.has(item.id) && !(item.uri && openDocument(item.uri))) this.controller.items.delete(item.id);
    });
    await Promise.all(files.filter((uri) => !openDocument(uri)).map((uri) => this.updateFromFile(uri)));
  }

  private async updateFromFile(uri: vscode.Uri): Promise<void> {
    try {
      this.update(uri, await savedText(uri));
    } catch {
      this.remove(uri); // gone between the event and the read
    }
  }

  private updateFromDocument(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || (document.languageId !== 'scansion' && !isScenarioUri(document.uri))) return;
    this.update(document.uri, document.getText());
  }

  /** Typing re-parses after a short pause, not on every key. */
  private scheduleUpdate(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.updateFromDocument(document);
      }, 250),
    );
  }

  private update(uri: vscode.Uri, text: string): void {
    const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const tree = scenarioTree(parseScenario(text), uri.toString(), fileName);
    if (tree) this.apply(uri, tree);
    else this.remove(uri);
  }

  private apply(uri: vscode.Uri, tree: ScenarioNode): void {
    let item = this.controller.items.get(tree.id);
    if (!item) {
      item = this.controller.createTestItem(tree.id, tree.label, uri);
      this.controller.items.add(item);
    }
    item.label = tree.label;
    item.range = toRange(tree.range);
    item.description = vscode.workspace.asRelativePath(uri, false);
    item.error = tree.error;
    item.tags = tree.tags.map((tag) => new vscode.TestTag(tag));
    item.children.replace(
      tree.steps.map((step) => {
        const child = this.controller.createTestItem(step.id, step.label, uri);
        child.range = toRange(step.range);
        child.sortText = step.sortText;
        child.description = step.description;
        return child;
      }),
    );
  }

  private remove(uri: vscode.Uri): void {
    this.controller.items.delete(uri.toString());
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
