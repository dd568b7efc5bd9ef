// The extension's manifest and static contributions: files exist and parse, commands match the
// code, language defaults and indentation rules behave, and the bundled entry point loads, forking
// the language server before it reads the rest of the extension.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { EventEmitter } from 'node:events';
import { basename, join, resolve } from 'node:path';
import { serverNodeOptions } from '../../client/src/serverProcess.js';
import { loadWithVscode, loadWithVscodeKept } from './withVscode.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

function readJson(path: string): any {
  return JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

test('the manifest targets VS Code 1.100 and activates on scansion files', () => {
  assert.equal(manifest.engines.vscode, '^1.100.0');
  assert.deepEqual(manifest.activationEvents, ['onLanguage:scansion', 'workspaceContains:**/*.scs', 'onDebugResolve:scansion']);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.equal(manifest.main, './dist/client.cjs');
});

test('every contributed file exists, parses, and is kept in the .vsix', () => {
  const paths = [
    ...contributes.languages.map((l: { configuration: string }) => l.configuration),
    ...contributes.grammars.map((g: { path: string }) => g.path),
  ].map((path: string) => path.replace(/^\.\//, ''));
  const kept = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
  for (const path of paths) {
    assert.ok(existsSync(join(repoRoot, path)), path);
    readJson(path);
    assert.ok(kept.includes(path), `${path} is not kept by .vscodeignore`);
  }
  assert.equal(readJson('syntaxes/scansion.tmLanguage.json').scopeName, contributes.grammars[0].scopeName);
});

test('contributed commands and registered commands are the same set', () => {
  const contributed = new Set(contributes.commands.map((c: { command: string }) => c.command));
  const code = sourceFiles(join(repoRoot, 'client/src'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const registered = new Set<string>();
  for (const match of code.matchAll(/registerCommand\(\s*('([^']+)'|(\w+))/g)) {
    if (match[2]) registered.add(match[2]);
    else registered.add(new RegExp(`export const ${match[3]} = '([^']+)'`).exec(code)?.[1] ?? match[3]);
  }
  assert.deepEqual([...registered].sort(), [...contributed].sort());
});

test('every setting has a description and a default', () => {
  const properties = contributes.configuration.properties as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(properties).sort(), [
    'scansion.accept.preview',
    'scansion.autoClosingTags',
    'scansion.localServer',
    'scansion.ordered',
    'scansion.quietPeriod',
    'scansion.server.host',
    'scansion.server.port',
    'scansion.stepNotes',
    'scansion.sync',
    'scansion.timeout',
    'scansion.tls',
  ]);
  for (const [key, property] of Object.entries(properties)) {
    assert.ok(property.description || property.markdownDescription, key);
    assert.ok('default' in property, key);
  }
});

test('snippets come from the language server alone (offered where they fit), and the language defaults suit .scs files', () => {
  assert.equal(contributes.snippets, undefined, 'a snippets file would be offered everywhere, and twice beside the server’s');
  const defaults = contributes.configurationDefaults['[scansion]'];
  assert.equal(defaults['editor.wordBasedSuggestions'], 'off');
  assert.equal(defaults['editor.insertSpaces'], false, 'Prosody’s scenarios indent with tabs');
  assert.equal(defaults['editor.suggest.snippetsPreventQuickSuggestions'], false, 'placeholders still complete');
});

test('indentation rules indent after action lines, headers and open tags, and outdent closing tags', () => {
  const rules = readJson('language-configuration.json').indentationRules;
  const increase = new RegExp(rules.increaseIndentPattern);
  const decrease = new RegExp(rules.decreaseIndentPattern);
  for (const line of [
    'Romeo sends:',
    "Juliet's phone receives:",
    'Romeo sends',
    '[Client] Romeo',
    '\t<message to="a">',
    '\t\t<query xmlns="jabber:iq:roster">',
  ]) {
    assert.ok(increase.test(line), line);
  }
  for (const line of ['Romeo connects', 'Romeo receives: nothing', '\t<presence/>', '\t<body>Hi</body>', '\t<x xmlns="a"/>', '# comment']) {
    assert.ok(!increase.test(line), line);
  }
  assert.ok(decrease.test('\t</message>'));
  assert.ok(!decrease.test('\t<message>'));
});

test('the bundles past the entry point load and export what the entry point calls', async () => {
  // A stand-in `vscode` module: every API name from @types/vscode, each an inert object.
  const types = readFileSync(join(repoRoot, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = new Set([...types.matchAll(/^\s*export (?:class|namespace|enum|function|const|let) (\w+)/gm)].map((m) => m[1]));
  const inert = (): any =>
    new Proxy(function () {}, { get: (_t, key) => (key === 'then' ? undefined : inert()), construct: () => inert(), apply: () => inert() });
  const stub = Object.fromEntries([...names].map((name) => [name, inert()]));
  const extension = await loadWithVscode<Record<string, unknown>>('client/src/extension.ts', stub);
  for (const name of ['startLanguageClient', 'deactivate']) assert.equal(typeof extension[name], 'function', name);
  assert.ok(extension.firstStart instanceof Promise);
  const features = await loadWithVscode<Record<string, unknown>>('client/src/features.ts', stub);
  for (const name of ['activate', 'deactivate']) assert.equal(typeof features[name], 'function', name);
});

/** Loads the entry point (client/src/main.ts) with stand-ins: Node's fork, and an extension.cjs
 *  and a features.cjs that record their load and export what `extension` and `features` make
 *  (given the events so far and the forked stand-in server). Resolves to what happened, in order,
 *  the entry point and the server. */
async function loadEntryPoint(
  extension: (events: string[], server: unknown) => Record<string, unknown>,
  features: (events: string[]) => Record<string, unknown> = () => ({}),
) {
  const events: string[] = [];
  const server = Object.assign(new EventEmitter(), { exitCode: null, signalCode: null, kill: () => true });
  const childProcess = {
    fork(module: string, args: string[], options: { execArgv: string[] }) {
      events.push(`fork ${basename(module)} ${args.join(' ')} (${options.execArgv.join(' ')})`);
      return server;
    },
  };
  const stub = new Proxy({}, { get: () => undefined });
  const { exports: entry, dispose } = await loadWithVscodeKept<{ activate(context: unknown): Promise<void>; deactivate(): Promise<void> }>(
    'client/src/main.ts',
    stub,
    {
      'node:child_process': () => childProcess,
      'extension-stand-in': () => {
        events.push('load extension.cjs');
        return extension(events, server);
      },
      'features-stand-in': () => {
        events.push('load features.cjs');
        return features(events);
      },
    },
    // The entry point reads both bundles and runs them through the code cache (core/codeCache.ts);
    // what they require still goes through Node's require.
    { 'extension.cjs': "module.exports = require('extension-stand-in');\n", 'features.cjs': "module.exports = require('features-stand-in');\n" },
  );
  return { events, entry, server, dispose };
}

test('loading the entry point forks the language server first, then loads and starts the language client; the rest loads at activate()', async () => {
  const started = { startedBy: 'startLanguageClient' };
  const { events, entry, server, dispose } = await loadEntryPoint(
    (events, forked) => ({
      startLanguageClient(servers: { take(): unknown }) {
        events.push('start the language client');
        assert.equal(servers.take(), forked);
        return started;
      },
      firstStart: new Promise(() => {}),
      deactivate: async () => events.push('stop the language client'),
    }),
    (events) => ({
      activate: async (context: unknown, given: unknown) => events.push(`activate ${String(context)} ${given === started}`),
      deactivate: async () => events.push('stop runs'),
    }),
  );
  assert.deepEqual(events, [
    `fork server.js --node-ipc --clientProcessId=${process.pid} (${serverNodeOptions.join(' ')})`,
    'load extension.cjs',
    'start the language client',
  ]);
  try {
    await entry.activate('context');
    await entry.deactivate();
  } finally {
    dispose();
  }
  server.emit('exit', 0, null);
  assert.deepEqual(events.slice(3), ['load features.cjs', 'activate context true', 'stop runs', 'stop the language client']);
});

test('the entry point runs extension.cjs from the code cache, written after the first language client started', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'scansion-entry-cache-'));
  const setting = process.env.SCANSION_CODE_CACHE_DIR;
  process.env.SCANSION_CODE_CACHE_DIR = directory;
  try {
    let started!: () => void;
    const firstStart = new Promise<void>((resolve) => (started = resolve));
    const extension = (events: string[]) => ({
      startLanguageClient: () => events.push('start the language client'),
      firstStart,
    });
    const cached = () => readdirSync(directory).filter((name) => name.endsWith('.bin'));
    const first = await loadEntryPoint(extension);
    assert.deepEqual(first.events.slice(1), ['load extension.cjs', 'start the language client']);
    // Nothing before the language client started; then 2 s (main.ts); the wait allows for a loaded machine.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.deepEqual(cached(), []);
    started();
    const deadline = Date.now() + 60_000;
    while (cached().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const [file, ...others] = cached();
    assert.match(file ?? '', /^extension-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
    assert.deepEqual(others, []);
    const written = statSync(join(directory, file!));
    // A second start runs from it: V8 took it, so it is not written again.
    const second = await loadEntryPoint(extension);
    assert.deepEqual(second.events.slice(1), ['load extension.cjs', 'start the language client']);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.deepEqual(cached(), [file]);
    assert.equal(statSync(join(directory, file!)).mtimeMs, written.mtimeMs);
    for (const { entry } of [first, second]) await entry.deactivate().catch(() => undefined);
    // The later first: each restores what was there when it loaded.
    second.dispose();
    first.dispose();
  } finally {
    if (setting === undefined) delete process.env.SCANSION_CODE_CACHE_DIR;
    else process.env.SCANSION_CODE_CACHE_DIR = setting;
    rmSync(directory, { recursive: true, force: true });
  }
});

test('the debugger: type scansion, its adapter kept in the .vsix, launch arguments described, breakpoints in scenarios', () => {
  const [debuggerContribution] = contributes.debuggers;
  assert.equal(debuggerContribution.type, 'scansion');
  const program = debuggerContribution.program.replace(/^\.\//, '');
  const kept = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
  assert.ok(kept.includes(program), `${program} is not kept by .vscodeignore`);
  assert.deepEqual(Object.keys(debuggerContribution.configurationAttributes.launch.properties).sort(), [
    'localServer',
    'ordered',
    'program',
    'prosodyConfig',
    'quietPeriod',
    'server',
    'stopOnEntry',
    'sync',
    'timeout',
    'tlsInsecure',
  ]);
  assert.equal(debuggerContribution.initialConfigurations[0].program, '${file}');
  assert.deepEqual(contributes.breakpoints, [{ language: 'scansion' }]);
});

test('settings read in a sensible order: where runs go, then how long they wait, then editing', () => {
  const properties = contributes.configuration.properties as Record<string, { order?: number }>;
  const byOrder = Object.entries(properties)
    .sort((a, b) => (a[1].order ?? 99) - (b[1].order ?? 99))
    .map(([key]) => key);
  assert.deepEqual(byOrder.slice(0, 7), [
    'scansion.server.host',
    'scansion.server.port',
    'scansion.tls',
    'scansion.localServer',
    'scansion.timeout',
    'scansion.quietPeriod',
    'scansion.sync',
  ]);
  assert.ok(
    Object.values(properties).every((property) => typeof property.order === 'number'),
    'every setting has its place',
  );
});
