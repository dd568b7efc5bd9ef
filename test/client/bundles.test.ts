// The extension activates without reading the runner, the local Prosody launcher, the recorder or
// the stanza diff panel: dist/client.js (what VS Code loads at activation) holds none of their
// sources, and dist/onDemand.js (loaded on first use, client/src/onDemand.ts) holds them. Read
// from the bundles' source maps, which name every source esbuild put in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../../dist');

function sources(bundle: string): string[] {
  return (JSON.parse(readFileSync(resolve(dist, `${bundle}.js.map`), 'utf8')) as { sources: string[] }).sources;
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

test('the bundle read at activation holds none of what loads on first use', () => {
  const atActivation = sources('client');
  assert.ok(atActivation.some((source) => source.endsWith('client/src/extension.ts')));
  for (const pattern of onFirstUse) {
    assert.deepEqual(
      atActivation.filter((source) => pattern.test(source)),
      [],
      `${pattern} in dist/client.js`,
    );
  }
});

test('the on-demand bundle holds the runner, the Prosody launcher, the recorder and the diff panel', () => {
  const onDemand = sources('onDemand');
  for (const pattern of onFirstUse)
    assert.ok(
      onDemand.some((source) => pattern.test(source)),
      `${pattern} in dist/onDemand.js`,
    );
});
