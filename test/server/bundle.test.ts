// What the language server's start reads (issue 12, item 3): dist/server.js is the small loader
// (server/src/start.ts with core/codeCache.ts) and nothing else; dist/serverMain.js wraps each CommonJS library for ES
// imports once (esbuild's __toESM copies every export of the library, 321 for
// vscode-languageserver/node; server/src/lsp.ts is its one importer of values). Read from the
// built bundles and their source maps.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const dist = resolve(import.meta.dirname, '../../dist');

test('dist/server.js is the loader alone', () => {
  const { sources } = JSON.parse(readFileSync(resolve(dist, 'server.js.map'), 'utf8')) as { sources: string[] };
  assert.deepEqual(
    sources.map((source) => source.replace(/^(\.\.\/)+/, '')),
    ['server/src/start.ts', 'core/codeCache.ts'],
  );
});

test('the server bundle wraps each CommonJS library for ES imports once', () => {
  const bundle = readFileSync(resolve(dist, 'serverMain.js'), 'utf8');
  const wrapped = [...bundle.matchAll(/__toESM\((require_\w+)\(\)/g)].map((match) => match[1]!);
  assert.ok(wrapped.length > 0, 'no wrapped library: has esbuild renamed its helper?');
  assert.deepEqual(
    wrapped.filter((name, index) => wrapped.indexOf(name) !== index),
    [],
  );
});
