// The extension's test runs without an editor: a stand-in for the parts of the `vscode` API that
// client/src/testing/testRun.ts, watchRun.ts, testController.ts and run/targetSwitcher.ts use, with
// real files, per-folder `scansion.*` settings, workspace events the test fires, and test runs that
// record what they were told. The modules are bundled as the extension has them (withVscode.ts);
// the runs go to a real Prosody.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScansionSettings, TargetChoice } from '../../client/src/run/target.js';
import type { TestTreeParams } from '../../shared/protocol.js';
import { loadWithVscode } from './withVscode.js';

export class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(value: string): Uri {
    const [, scheme, path] = /^(\w+):\/\/(.*)$/.exec(value)!;
    return new Uri(scheme!, path!);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export interface Item {
  id: string;
  label: string;
  uri: Uri;
  children: Collection;
  canResolveChildren: boolean;
  range?: unknown;
  sortText?: string;
  description?: string;
  error?: string;
  tags: unknown[];
}

/** A TestItemCollection. */
export class Collection {
  readonly items = new Map<string, Item>();
  get size(): number {
    return this.items.size;
  }
  add(item: Item): void {
    this.items.set(item.id, item);
  }
  delete(id: string): void {
    this.items.delete(id);
  }
  get(id: string): Item | undefined {
    return this.items.get(id);
  }
  replace(items: Item[]): void {
    this.items.clear();
    for (const item of items) this.add(item);
  }
  forEach(callback: (item: Item) => void): void {
    for (const item of [...this.items.values()]) callback(item);
  }
}

type Listener = (value: unknown) => void;

class Emitter {
  private readonly listeners = new Set<Listener>();
  readonly event = (listener: Listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value?: unknown): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  get listening(): number {
    return this.listeners.size;
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class CancellationTokenSource {
  private readonly cancelled = new Emitter();
  readonly token = {
    isCancellationRequested: false,
    onCancellationRequested: this.cancelled.event,
  };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this.cancelled.fire();
  }
  dispose(): void {
    this.cancelled.dispose();
  }
}

export class TestRunRequest {
  constructor(
    readonly include?: Item[],
    readonly exclude?: Item[],
    readonly profile?: unknown,
    readonly continuous?: boolean,
  ) {}
}

class TestMessage {
  expectedOutput?: string;
  actualOutput?: string;
  location?: unknown;
  contextValue?: string;
  constructor(readonly message: string) {}
  static diff(message: string, expected: string, actual: string): TestMessage {
    return Object.assign(new TestMessage(message), { expectedOutput: expected, actualOutput: actual });
  }
}

/** What a test run was told, in order: `[call, item label]` (`appendOutput` lines as `[output, text]`). */
export interface RecordedRun {
  request: TestRunRequest;
  calls: Array<[string, string]>;
  /** The messages of each `failed` and `errored` call, in order: `[item label, texts]`. */
  messages: Array<[string, string[]]>;
  ended: boolean;
  /** Resolves when the run ends. */
  end: Promise<void>;
}

export type FolderSettings = Record<string, unknown>;

/**
 * The `vscode` module as far as the runs use it. `folders` maps a workspace folder's path to its
 * `scansion.*` settings (keys without the `scansion.` prefix), and '' to the window's (what is read
 * without a scope, or for a file in no folder); `files` are the scenario paths the workspace scan finds.
 */
export function fakeVscode(folders: Record<string, FolderSettings>, files: string[]) {
  const items = new Collection();
  const runs: RecordedRun[] = [];
  const runStarted = new Emitter();
  const saved = new Emitter();
  const configurationChanged = new Emitter();
  const watchers: Array<{ changed: Emitter }> = [];
  const activeEditorChanged = new Emitter();
  const controller = {
    items,
    resolveHandler: undefined as undefined | ((item?: Item) => Promise<void>),
    refreshHandler: undefined as unknown,
    createTestItem: (id: string, label: string, uri: Uri): Item => ({ id, label, uri, children: new Collection(), canResolveChildren: false, tags: [] }),
    createTestRun(request: TestRunRequest) {
      let ended!: () => void;
      const recorded: RecordedRun = { request, calls: [], messages: [], ended: false, end: new Promise<void>((resolve) => (ended = resolve)) };
      runs.push(recorded);
      const call = (name: string) => (item: Item) => recorded.calls.push([name, item.label]);
      const failure = (name: string) => (item: Item, messages: TestMessage | TestMessage[]) => {
        recorded.calls.push([name, item.label]);
        recorded.messages.push([item.label, [messages].flat().map((message) => message.message)]);
      };
      const run = {
        enqueued: call('enqueued'),
        started: call('started'),
        passed: call('passed'),
        failed: failure('failed'),
        errored: failure('errored'),
        skipped: call('skipped'),
        appendOutput: (text: string) => recorded.calls.push(['output', text]),
        end: () => {
          recorded.ended = true;
          ended();
        },
      };
      runStarted.fire(recorded);
      return run;
    },
    dispose: () => {},
  };
  /** The folder that holds `uri`, the longest path first (a folder inside another is its own). */
  const folderOf = (uri: Uri | undefined): string | undefined =>
    uri === undefined
      ? undefined
      : Object.keys(folders)
          .sort((a, b) => b.length - a.length)
          .find((folder) => uri.path.startsWith(`${folder}/`));
  /** Whether a change of the `scansion.*` settings `keys` affects `section`: the setting itself or a
   *  section above it (`scansion.server` for `server.port`), as VS Code answers. */
  const affects = (section: string, keys: string[]) => keys.some((key) => `scansion.${key}` === section || `scansion.${key}`.startsWith(`${section}.`));
  const vscode = {
    Uri,
    Range: class {
      constructor(...positions: number[]) {
        Object.assign(this, { positions });
      }
    },
    Location: class {
      constructor(
        readonly uri: Uri,
        readonly range: unknown,
      ) {}
    },
    TestTag: class {
      constructor(readonly id: string) {}
    },
    EventEmitter: Emitter,
    CancellationTokenSource,
    TestRunRequest,
    TestMessage,
    tests: { createTestController: () => controller },
    window: {
      activeTextEditor: undefined as undefined | { document: { uri: Uri; languageId: string } },
      onDidChangeActiveTextEditor: activeEditorChanged.event,
    },
    workspace: {
      isTrusted: true,
      textDocuments: [] as Array<{ uri: Uri; getText(): string }>,
      findFiles: async () => files.map((path) => Uri.file(path)),
      asRelativePath: (uri: Uri) => uri.path,
      fs: { readFile: async (uri: Uri) => readFileSync(uri.path) },
      createFileSystemWatcher: () => {
        const changed = new Emitter();
        watchers.push({ changed });
        return { onDidCreate: new Emitter().event, onDidChange: changed.event, onDidDelete: new Emitter().event, dispose: () => {} };
      },
      onDidCloseTextDocument: new Emitter().event,
      onDidChangeWorkspaceFolders: new Emitter().event,
      onDidSaveTextDocument: saved.event,
      onDidChangeConfiguration: configurationChanged.event,
      /** Settings as VS Code resolves them for a resource: its folder's (a folder that sets none
       *  falls back to the defaults here); with no scope, the window's. */
      getConfiguration: (section: string, scope?: Uri) => {
        const get = (key: string) => (section === 'scansion' ? folders[folderOf(scope) ?? '']?.[key] : undefined);
        return { get, inspect: (key: string) => ({ workspaceFolderValue: get(key) }) };
      },
      getWorkspaceFolder: (uri: Uri) => {
        const folder = folderOf(uri);
        return folder === undefined ? undefined : { uri: Uri.file(folder), name: folder.slice(folder.lastIndexOf('/') + 1), index: 0 };
      },
    },
  };
  return {
    vscode,
    controller,
    runs,
    /** Resolves with the next test run created. */
    nextRun: () => new Promise<RecordedRun>((resolve) => runStarted.event((run) => resolve(run as RecordedRun))),
    /** VS Code saved the document of `path`. */
    save: (path: string) => saved.fire({ uri: Uri.file(path) }),
    /** The settings `keys` (without `scansion.`) changed, for every folder. */
    changeSettings: (...keys: string[]) => configurationChanged.fire({ affectsConfiguration: (section: string) => affects(section, keys) }),
    /** The settings `keys` changed in the folder `folder` only (its .vscode/settings.json): as VS Code
     *  does, the event affects a resource (the scope) only when it lies in that folder. */
    changeFolderSettings: (folder: string, ...keys: string[]) =>
      configurationChanged.fire({
        affectsConfiguration: (section: string, scope?: Uri) => affects(section, keys) && (scope === undefined || folderOf(scope) === folder),
      }),
    /** An editor showing `path` (a scenario unless `languageId` says otherwise) becomes the active one. */
    activate: (path: string, languageId = 'scansion') => {
      vscode.window.activeTextEditor = { document: { uri: Uri.file(path), languageId } };
      activeEditorChanged.fire(vscode.window.activeTextEditor);
    },
    /** How many save listeners are attached (a continuous run that ended leaves none). */
    saveListeners: () => saved.listening,
  };
}

/** The modules a run needs, loaded against `vscode` (one bundle, so they share their module state). */
export interface ClientModules {
  ScenarioTests: new () => {
    controller: { items: Collection; resolveHandler?: (item?: Item) => Promise<void> };
    scenarioItem(uri: Uri): Item | undefined;
    applyServerTree(params: TestTreeParams): void;
  };
  runTests(context: unknown, request: TestRunRequest, token: CancellationTokenSource['token'], forceLocal: boolean): Promise<void>;
  RunTargets: new (
    state: unknown,
    log: unknown,
  ) => {
    settings(scope?: Uri): ScansionSettings;
    shownSettings(): ScansionSettings;
    choose(choice: TargetChoice): Promise<void>;
    onDidChange(listener: () => void): unknown;
    onDidChooseTarget(listener: (concerns: (scope: Uri) => boolean) => void): unknown;
    dispose(): void;
  };
  CancellationTokenSource: typeof CancellationTokenSource;
}

export async function loadClient(vscode: ReturnType<typeof fakeVscode>['vscode']): Promise<ClientModules> {
  const modules = await loadWithVscode<Omit<ClientModules, 'CancellationTokenSource'>>(join('test/client/runHarnessEntry.ts'), vscode);
  return { ...modules, CancellationTokenSource };
}

/** What testRun.ts's runTests is given (RunnerContext): the settings through `targets` (a RunTargets,
 *  as the extension has it), results and status bar ignored, no stored passwords. */
export function runnerContext(
  tests: InstanceType<ClientModules['ScenarioTests']>,
  targets: InstanceType<ClientModules['RunTargets']>,
  log: ReturnType<typeof memoryLog>,
) {
  return {
    tests,
    results: { set: () => {} },
    status: { setRunState: () => {} },
    secrets: { get: async () => undefined },
    prosodyConfig: '',
    settings: (scope?: Uri) => targets.settings(scope),
    log,
    onScenarioDone: () => {},
    onDidChooseTarget: targets.onDidChooseTarget,
  };
}

/** A log that keeps its lines (the output channel's `info`, `warn`, `error`). */
export function memoryLog(): { lines: string[]; info(text: string): void; warn(text: string): void; error(text: string): void } {
  const lines: string[] = [];
  return {
    lines,
    info: (text) => lines.push(`info ${text}`),
    warn: (text) => lines.push(`warn ${text}`),
    error: (text) => lines.push(`error ${text}`),
  };
}
