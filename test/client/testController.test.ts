// The Test Explorer's items (client/src/testing/testController.ts) resolve lazily: the workspace
// scan reads no file, a file's steps appear when it is resolved (or opened, from the language
// server's tree), and an open document's items come from the server alone. Run against an
// in-memory stand-in for the parts of the `vscode` API the controller uses, with real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { scenarioTree } from '../../core/testTree.js';
import type { TestTreeParams } from '../../shared/protocol.js';
import { loadWithVscode } from './withVscode.js';
import { Collection, Uri, type Item } from './runHarness.js';

type Listener = (value: unknown) => void;
function emitter(): { event: (listener: Listener) => { dispose(): void }; fire: (value: unknown) => void } {
  const listeners = new Set<Listener>();
  return {
    event: (listener) => (listeners.add(listener), { dispose: () => listeners.delete(listener) }),
    fire: (value) => listeners.forEach((listener) => listener(value)),
  };
}

/** The `vscode` module as far as the controller uses it; `reads` lists the files it read. */
function fakeVscode(root: string, files: string[]) {
  const closed = emitter();
  const items = new Collection();
  const reads: string[] = [];
  const textDocuments: Array<{ uri: Uri }> = [];
  const controller = {
    items,
    resolveHandler: undefined as undefined | ((item?: Item) => Promise<void>),
    refreshHandler: undefined as unknown,
    createTestItem: (id: string, label: string, uri: Uri): Item => ({ id, label, uri, children: new Collection(), canResolveChildren: false, tags: [] }),
    dispose: () => {},
  };
  const vscode = {
    Uri,
    Range: class {
      constructor(...positions: number[]) {
        Object.assign(this, { positions });
      }
    },
    TestTag: class {
      constructor(readonly id: string) {}
    },
    tests: { createTestController: () => controller },
    workspace: {
      textDocuments,
      findFiles: async () => files.map((name) => Uri.file(join(root, name))),
      asRelativePath: (uri: Uri) => uri.path.slice(root.length + 1),
      fs: {
        readFile: async (uri: Uri) => {
          reads.push(uri.path.slice(root.length + 1));
          return readFileSync(uri.path);
        },
      },
      createFileSystemWatcher: () => ({ onDidCreate: emitter().event, onDidChange: emitter().event, onDidDelete: emitter().event, dispose: () => {} }),
      onDidCloseTextDocument: closed.event,
      onDidChangeWorkspaceFolders: emitter().event,
    },
  };
  return { vscode, controller, reads, textDocuments, close: (uri: Uri) => closed.fire({ uri }) };
}

interface Tests {
  controller: { items: Collection; resolveHandler?: (item?: Item) => Promise<void> };
  scenarioItem(uri: Uri): Item | undefined;
  scenarioOf(item: Item): Item | undefined;
  stepIndexOf(item: Item): number | undefined;
  stepItem(scenario: Item, index: number): Item | undefined;
  applyServerTree(params: TestTreeParams): void;
  showParsed(item: Item, scenario: unknown): void;
}

/** The controller as the extension's bundle has it, against `vscode`. */
async function loadController(vscode: unknown): Promise<new () => Tests> {
  return (await loadWithVscode<{ ScenarioTests: new () => Tests }>('client/src/testing/testController.ts', vscode)).ScenarioTests;
}

const greeting = '# Greeting\n[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\nRomeo sends:\n\t<presence/>\nRomeo disconnects\n';
const other = '[Client] Juliet\n\tjid: juliet@localhost\n-----\nJuliet connects\n';

test('lazy items: the scan reads no file; a resolved file shows its steps; an open one shows the server tree', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scansion-tests-'));
  try {
    writeFileSync(join(dir, 'greeting.scs'), greeting);
    writeFileSync(join(dir, 'other.scs'), other);
    const fake = fakeVscode(dir, ['greeting.scs', 'other.scs']);
    const ScenarioTests = await loadController(fake.vscode);
    const tests = new ScenarioTests();
    await fake.controller.resolveHandler!();

    // The scan: one unresolved item per file, named by the file, nothing read or parsed.
    const greetingItem = tests.scenarioItem(Uri.file(join(dir, 'greeting.scs')))!;
    const otherItem = tests.scenarioItem(Uri.file(join(dir, 'other.scs')))!;
    for (const item of [greetingItem, otherItem]) {
      assert.equal(item.canResolveChildren, true);
      assert.equal(item.children.size, 0);
    }
    assert.equal(greetingItem.label, 'greeting.scs');
    assert.deepEqual(fake.reads, []);

    // Resolved (expanded in the Test Explorer): read, parsed, and its steps are there.
    await fake.controller.resolveHandler!(greetingItem);
    assert.deepEqual(fake.reads, ['greeting.scs']);
    assert.equal(greetingItem.canResolveChildren, false);
    assert.equal(greetingItem.label, 'Greeting');
    const steps = [...greetingItem.children.items.values()];
    assert.deepEqual(
      steps.map((step) => step.label),
      ['Romeo connects', 'Romeo sends <presence>', 'Romeo disconnects'],
    );
    assert.deepEqual(
      steps.map((step) => step.sortText),
      ['0', '1', '2'],
    );
    // What an item stands for comes from the controller, not from its id.
    assert.equal(tests.scenarioOf(steps[1]!), greetingItem);
    assert.equal(tests.stepIndexOf(steps[1]!), 1);
    assert.equal(tests.stepIndexOf(greetingItem), undefined);
    assert.equal(tests.scenarioOf(greetingItem), greetingItem);
    assert.equal(tests.stepItem(greetingItem, 2), steps[2]);

    // An open document is not read: its tree comes from the language server.
    const otherUri = Uri.file(join(dir, 'other.scs'));
    fake.textDocuments.push({ uri: otherUri });
    await fake.controller.resolveHandler!(otherItem);
    assert.deepEqual(fake.reads, ['greeting.scs']);
    assert.equal(otherItem.children.size, 0);
    const edited = `${other}Juliet disconnects\n`;
    tests.applyServerTree({ uri: otherUri.toString(), version: 3, tree: scenarioTree(parseScenario(edited))! });
    assert.deepEqual(
      [...otherItem.children.items.values()].map((step) => step.label),
      ['Juliet connects', 'Juliet disconnects'],
    );
    // A late tree of an older version, and trees of documents no editor has open, change nothing.
    tests.applyServerTree({ uri: otherUri.toString(), version: 2, tree: scenarioTree(parseScenario(other))! });
    tests.applyServerTree({ uri: greetingItem.uri.toString(), version: 9, tree: null });
    assert.equal(otherItem.children.size, 2);
    assert.equal(greetingItem.children.size, 3);
    assert.deepEqual(fake.reads, ['greeting.scs']);

    // Closed without saving: the items follow the saved file again.
    fake.textDocuments.length = 0;
    fake.close(otherUri);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(fake.reads, ['greeting.scs', 'other.scs']);
    assert.equal(otherItem.children.size, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run shows the steps of an unresolved file from the parse it made, not over the server tree', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scansion-tests-'));
  try {
    writeFileSync(join(dir, 'greeting.scs'), greeting);
    const fake = fakeVscode(dir, ['greeting.scs']);
    const tests = new (await loadController(fake.vscode))();
    await fake.controller.resolveHandler!();
    const uri = Uri.file(join(dir, 'greeting.scs'));
    const item = tests.scenarioItem(uri)!;
    tests.showParsed(item, parseScenario(greeting));
    assert.equal(item.children.size, 3);
    assert.deepEqual(fake.reads, []);
    fake.textDocuments.push({ uri });
    tests.applyServerTree({ uri: uri.toString(), version: 1, tree: scenarioTree(parseScenario(other))! });
    tests.showParsed(item, parseScenario(greeting));
    assert.equal(item.children.size, 1, 'the server tree of the open document stays');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
