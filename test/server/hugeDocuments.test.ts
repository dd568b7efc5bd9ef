// Huge documents in the language server (issue 13, item 6): at most 1,000 diagnostics published
// per document, versions superseded by changes already queued are never analysed, and the memory
// of a large document is given back when it closes. Speed itself is a benchmark figure
// (huge_doc_keystroke_ms in bench/hugeDocument.bench.ts), not a timed test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DocumentFormattingRequest, DocumentSymbolRequest } from 'vscode-languageserver/node';
import { generateScenario } from '../../bench/generate.js';
import { LspClient } from './lspClient.js';
import { serverNodeOptions } from '../../client/src/serverProcess.js';

function residentMegabytes(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

test('a document with 1,500 errors gets 1,000 diagnostics and one saying 500 more are not listed', async () => {
  const client = await LspClient.start();
  try {
    const bad = Array.from({ length: 1500 }, (_, i) => `Nobody${i} connects`).join('\n');
    const published = await client.open('file:///many.scs', `[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n${bad}\n`);
    assert.equal(published.diagnostics.length, 1001);
    const last = published.diagnostics[1000];
    assert.equal(last.code, 'too-many-diagnostics');
    assert.match(String(last.message), /^500 more diagnostics from here on are not listed \(500 errors\)/);
    assert.equal(last.range.start.line, 1004);
  } finally {
    await client.stop();
  }
});

test('changes that arrive while the server is busy are analysed once, at the latest version', async () => {
  const client = await LspClient.start();
  const uri = 'file:///generated.scs';
  try {
    const text = generateScenario(20_000);
    await client.open(uri, text);
    const published: number[] = [];
    client.onPublished((params) => {
      if (params.uri === uri && params.version !== undefined) published.push(params.version);
    });
    // A line added at the top makes the whole file be parsed again, and the outline asks for it at
    // once: the server is busy while the five keystrokes that follow reach it.
    const top = { line: 0, character: 0 };
    client.sendChange(uri, [{ range: { start: top, end: top }, text: '# busy\n' }]);
    const outline = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    const lines = text.split('\n');
    const body = lines.findIndex((line) => line.includes('<body>')) + 1;
    const at = { line: body, character: lines[body - 1].indexOf('<body>') + 6 };
    let version = 0;
    for (let i = 0; i < 5; i++) version = client.sendChange(uri, [{ range: { start: at, end: at }, text: 'x' }]);
    await outline;
    const last = await client.nextDiagnostics(uri, version);
    assert.deepEqual(last.diagnostics, []);
    // Versions 3 to 6 were superseded before the server got to them.
    assert.deepEqual(
      published.filter((seen) => seen > 2 && seen < version),
      [],
      `published versions: ${published.join(', ')}`,
    );
    assert.equal(published.at(-1), version);
  } finally {
    await client.stop();
  }
});

test('closing a large document gives its memory back', async () => {
  // As the extension starts it (client/src/serverProcess.ts).
  const client = await LspClient.start([...serverNodeOptions]);
  const pid = client.process.pid!;
  try {
    const uri = 'file:///large.scs';
    const text = generateScenario(200_000);
    assert.ok(text.length > 1_000_000);
    const before = residentMegabytes(pid);
    await client.open(uri, text);
    // A few keystrokes, as an editor sends them.
    const at = { line: 100_000, character: 1 };
    for (let i = 0; i < 5; i++) await client.change(uri, [{ range: { start: at, end: at }, text: ' ' }]);
    // Format Document reads every block's tree, which is built when first read (folding ranges, the
    // outline and the test tree read none: core/parser/glance.ts).
    await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } });
    const open = residentMegabytes(pid);
    await client.close(uri);
    await client.nextDiagnostics(uri);
    let closed = residentMegabytes(pid);
    for (let i = 0; i < 100 && closed - before > (open - before) / 2; i++) {
      await new Promise((wait) => setTimeout(wait, 50));
      closed = residentMegabytes(pid);
    }
    const figures = `RSS ${before.toFixed(0)} MB before opening, ${open.toFixed(0)} MB open, ${closed.toFixed(0)} MB after closing`;
    // Enough to tell what comes back from noise (it was over 200 MB before the parser's steps and
    // variables held their positions as numbers).
    assert.ok(open - before > 100, `the document took memory: ${figures}`);
    // A document kept after closing would keep all of it. The fixed part V8 keeps after a collection
    // (pages it returns later, code) is now a larger share of a leaner parse: it once left 54 MB of 160.
    assert.ok(closed - before < (open - before) / 2, `most of it came back: ${figures}`);
  } finally {
    await client.stop();
  }
});
