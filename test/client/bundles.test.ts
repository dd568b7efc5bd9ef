// What the extension host reads, and when. Loading the extension's entry point (dist/client.cjs)
// forks the language server before anything else is read: that bundle holds the entry point, the
// server launcher and the code cache's loader only. It then loads dist/extension.cjs, the language
// client and what needs the client itself (nothing of the Test Explorer, the parser, the debugger or
// the runs), and starts the client; activate() then loads dist/features.cjs (the Test Explorer, the
// status bar, commands, the debugger's providers), which holds no language client or JSON-RPC
// library. Neither holds the runner, the local Prosody launcher, the recorder, the stanza diff panel
// or the debug adapter: those are in dist/onDemand.js, loaded on first use
// (client/src/onDemand.ts), and dist/debugAdapter.js, a process of its own. Read from the bundles'
// source maps, which name every source esbuild put in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../../dist');

function sources(bundle: string): string[] {
  return (JSON.parse(readFileSync(resolve(dist, `${bundle}.map`), 'utf8')) as { sources: string[] }).sources;
}

const onFirstUse = [
  /\/core\/runner\//,
  /\/core\/prosody\//,
  /\/core\/recorder\//,
  /node_modules\/@xmpp\//,
  /node_modules\/selfsigned\//,
  /\/client\/src\/testing\/testRun\.ts$/,
  /\/client\/src\/diff\/diffPanel\.ts$/,
];

/** The debug adapter (DAP): dist/debugAdapter.js, which VS Code runs as a process of its own. */
const debugAdapter = [/\/debugger\//, /node_modules\/@vscode\/debugadapter\//, /node_modules\/@vscode\/debugprotocol\//];

test('the entry point holds only itself, the server launcher and the code cache: the server is forked before anything else is read', () => {
  assert.deepEqual(
    sources('client.cjs')
      .map((source) => source.replace(/^(\.\.\/)+/, ''))
      .sort(),
    ['client/src/main.ts', 'client/src/serverProcess.ts', 'core/codeCache.ts'],
  );
});

test("the extension's modules share one namespace of VS Code's API instead of a copy each", () => {
  for (const bundle of ['extension.cjs', 'features.cjs', 'onDemand.js']) {
    const text = readFileSync(resolve(dist, bundle), 'utf8');
    // esbuild's copy of an external module for one importing module (esbuild.mjs oneVscodeNamespace).
    assert.doesNotMatch(text, /__toESM\(require\("vscode"\)/, bundle);
    assert.equal(text.match(/__reExport\(\w+, require\("vscode"\)\)/g)?.length, 1, bundle);
  }
});

/** What activate() sets up, and the parser the extension's Test Explorer and actions use. */
const atActivate = [
  /\/core\/parser\//,
  /\/client\/src\/testing\//,
  /\/client\/src\/debug\//,
  /\/client\/src\/diff\//,
  /\/client\/src\/record\//,
  /\/client\/src\/features\.ts$/,
];

/** The language client and the JSON-RPC library under it. */
const languageClient = [/node_modules\/vscode-languageclient\//, /node_modules\/vscode-jsonrpc\//, /\/client\/src\/languageClient\.ts$/];

function assertNone(bundle: string, patterns: RegExp[]): void {
  const held = sources(bundle);
  for (const pattern of patterns) {
    assert.deepEqual(
      held.filter((source) => pattern.test(source)),
      [],
      `${pattern} in dist/${bundle}`,
    );
  }
}

test('the bundle read as the extension loads holds the language client, and none of what activate() sets up or what loads on first use', () => {
  const atLoad = sources('extension.cjs');
  assert.ok(atLoad.some((source) => source.endsWith('client/src/extension.ts')));
  for (const pattern of languageClient)
    assert.ok(
      atLoad.some((source) => pattern.test(source)),
      `${pattern} in dist/extension.cjs`,
    );
  assertNone('extension.cjs', [...atActivate, ...onFirstUse, ...debugAdapter]);
});

test('the bundle activate() reads holds what it sets up, and no language client nor what loads on first use', () => {
  const features = sources('features.cjs');
  for (const pattern of atActivate)
    assert.ok(
      features.some((source) => pattern.test(source)),
      `${pattern} in dist/features.cjs`,
    );
  assertNone('features.cjs', [...languageClient, ...onFirstUse, ...debugAdapter]);
});

test('the on-demand bundle holds the runner, the Prosody launcher, the recorder and the diff panel', () => {
  const onDemand = sources('onDemand.js');
  for (const pattern of onFirstUse)
    assert.ok(
      onDemand.some((source) => pattern.test(source)),
      `${pattern} in dist/onDemand.js`,
    );
});

test('the debug adapter is bundled apart', () => {
  const adapter = sources('debugAdapter.js');
  for (const pattern of debugAdapter.slice(0, 2))
    assert.ok(
      adapter.some((source) => pattern.test(source)),
      `${pattern} in dist/debugAdapter.js`,
    );
});
