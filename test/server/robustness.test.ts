// Thousands of seeded random edits of real scenarios sent to the server as didChange, with
// requests in between: every request must be answered, nothing may fail inside the server.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { generateScenario } from '../../bench/generate.js';
import { LspClient, repoRoot } from './lspClient.js';
import { requestEverything } from './requests.js';

const seed = Number(process.env.SCS_FUZZ_SEED ?? 20240611);
const editsPerFile = 150;
const requestEvery = 10;

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that make the text interesting to a Scansion parser. */
const snippets = [
  '<',
  '>',
  '/>',
  '</',
  '<message type="chat">',
  '</message>',
  '<iq',
  '"',
  "'",
  '=',
  '&',
  '&amp;',
  '&bogus;',
  '${',
  '}',
  "${Romeo's JID}",
  "'s full JID}",
  '${Nobody',
  '\n',
  '\n\n',
  '\t',
  '\t\t',
  ' ',
  ':',
  'sends:',
  'receives: nothing',
  'connects',
  'Romeo ',
  '[Client] ',
  '[',
  ']',
  '-----',
  '-- ',
  '// ',
  '# ',
  '## tag: v',
  'jid: ',
  'scansion:strict="maybe"',
  '{scansion:any}',
  'xmlns:p="urn:x"',
  '<p:q/>',
  '\r\n',
  '\r',
  '😀',
  '\u0000',
];

function corpusTexts(): Array<[string, string]> {
  const corpus = resolve(repoRoot, '../shared/corpus');
  const texts: Array<[string, string]> = [['generated.scs', generateScenario(400)]];
  if (!existsSync(corpus)) return texts;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.scs')) texts.push([entry.name, readFileSync(path, 'utf8')]);
    }
  };
  walk(corpus);
  return texts;
}

function randomEdit(next: () => number, document: TextDocument): TextDocumentContentChangeEvent {
  const length = document.getText().length;
  const at = (offset: number): Position => document.positionAt(offset);
  const offset = Math.floor(next() * (length + 1));
  const choice = next();
  if (choice < 0.3) {
    // Delete a short run, sometimes a whole stretch of lines.
    const span = next() < 0.8 ? Math.ceil(next() * 8) : Math.ceil(next() * 300);
    return { range: { start: at(offset), end: at(Math.min(length, offset + span)) }, text: '' };
  }
  if (choice < 0.75) {
    const snippet = snippets[Math.floor(next() * snippets.length)];
    return { range: { start: at(offset), end: at(offset) }, text: snippet };
  }
  if (choice < 0.77) {
    return { range: { start: at(offset), end: at(length) }, text: '' };
  }
  // Random UTF-16 code units: control characters, lone surrogates, anything.
  const units = Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * 0x10000));
  return { range: { start: at(offset), end: at(offset) }, text: String.fromCharCode(...units) };
}

test('random edits of real scenarios never break the server', { timeout: 120_000 }, async () => {
  const client = await LspClient.start();
  const next = random(seed);
  let edits = 0;
  let requests = 0;
  try {
    for (const [name, original] of corpusTexts()) {
      const uri = `file:///fuzz/${name}`;
      const mirror = TextDocument.create(uri, 'scansion', 1, original);
      await client.open(uri, original);
      let version = 1;
      for (let i = 1; i <= editsPerFile; i++) {
        const change = randomEdit(next, mirror);
        version = client.sendChange(uri, [change]);
        TextDocument.update(mirror, [change], version);
        edits++;
        if (i % requestEvery === 0) {
          // Mostly real positions, sometimes past the end of the line or the file (stale editors).
          const position =
            next() < 0.85
              ? mirror.positionAt(Math.floor(next() * (mirror.getText().length + 1)))
              : { line: Math.floor(next() * (mirror.lineCount + 5)), character: Math.floor(next() * 200) };
          requests += await requestEverything(client, uri, position);
        }
      }
      // The server is alive and up to date: it publishes for the last version it was sent.
      const last = await client.nextDiagnostics(uri, version);
      // And what it reports after all those edits is what a fresh open of the same text reports.
      const fresh = await client.open(`${uri}.fresh`, mirror.getText());
      assert.deepEqual(last.diagnostics, fresh.diagnostics, `${name}: edited and fresh diagnostics differ (seed ${seed})`);
      await client.close(uri);
      await client.close(`${uri}.fresh`);
    }
    assert.ok(edits >= 1000, `only ${edits} edits`);
    assert.equal(client.exit, undefined, 'the server exited');
    assert.deepEqual(client.errors, [], `the server logged internal errors (seed ${seed})`);
  } finally {
    await client.stop();
  }
  console.log(`robustness: ${edits} edits, ${requests} requests, seed ${seed}`);
});
