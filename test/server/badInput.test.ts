// Files that are not scenarios, or barely: the server answers with diagnostics (or none) and
// keeps answering requests; it never crashes or hangs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateScenario } from '../../bench/generate.js';
import { LspClient } from './lspClient.js';
import { requestEverything } from './requests.js';

/** Seeded bytes, decoded as an editor decodes a binary file it was asked to open. */
function binaryText(size: number): string {
  const bytes = Buffer.alloc(size);
  let state = 12345;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes.toString('utf8');
}

function tenMegabyteScenario(): string {
  let lines = 20_000;
  let text = generateScenario(lines);
  while (text.length < 10 * 1024 * 1024) {
    lines = Math.ceil(lines * ((10.5 * 1024 * 1024) / text.length));
    text = generateScenario(lines);
  }
  return text;
}

const header = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n-----\nRomeo connects\nRomeo sends:\n\t';

const inputs: Array<[string, () => string]> = [
  ['an empty file', () => ''],
  ['a file of only a header', () => '[Client] Romeo'],
  ['a binary file', () => binaryText(256 * 1024)],
  ['a 10 MB scenario', tenMegabyteScenario],
  ['a 10 MB line inside a block', () => `${header}<message>${'x'.repeat(10 * 1024 * 1024)}</message>\n`],
  ['10 MB of unclosed tags', () => `${header}${'<a>'.repeat(3.5 * 1024 * 1024)}\n`],
];

describe('bad input', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.equal(client.exit, undefined, 'the server exited');
    assert.deepEqual(client.errors, [], 'the server logged internal errors');
    await client.stop();
  });

  for (const [index, [name, make]] of inputs.entries()) {
    test(`${name}: diagnostics or nothing, then every request answered`, { timeout: 60_000 }, async () => {
      const uri = `file:///bad/${index}.scs`;
      const text = make();
      const published = await client.open(uri, text);
      assert.ok(Array.isArray(published.diagnostics));
      const document = TextDocument.create(uri, 'scansion', 1, text);
      for (const offset of [0, Math.floor(text.length / 2), text.length]) {
        await requestEverything(client, uri, document.positionAt(offset));
      }
      // Still listening: an edit at the start gets fresh diagnostics.
      const changed = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
      assert.equal(changed.version, 2);
      await client.close(uri);
    });
  }
});
