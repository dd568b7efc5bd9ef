// An editor's successive parses must not keep old versions of the text alive (issue 12, item 2):
// the live heap after thousands of edits is what one version needs, whatever came before.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IncrementalParser } from '../../core/parser/index.js';
import { IncrementalDiagnostics } from '../../core/diagnostics/index.js';
import { generateScenario } from '../../bench/generate.js';
import { random } from './lineEdits.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function liveMegabytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

test('300 line edits in the blocks of a 20,000-line file leave the live heap as it was', () => {
  const original = generateScenario(20_000);
  const lines = original.split('\n');
  const blockLines = lines.flatMap((line, index) => (line.startsWith('\t\t<body>') ? [index] : []));
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  diagnostics.update(parser.parse(original));
  const before = liveMegabytes();
  const next = random(41);
  let spliced = 0;
  for (let i = 0; i < 150; i++) {
    // Enter then Backspace in the middle of a body line somewhere in the file: two new versions of
    // the whole text, and one block parsed again from each.
    const line = blockLines[Math.floor(next() * blockLines.length)];
    const at = starts[line] + 8;
    for (const text of [`${original.slice(0, at)}\n\t\t${original.slice(at)}`, `${original.slice(0, at)}${original.slice(at)}`]) {
      diagnostics.update(parser.parse(text), parser.lastEdit);
      if (parser.lastEdit?.stepIndex !== undefined) spliced++;
    }
  }
  const grown = liveMegabytes() - before;
  assert.ok(spliced > 250, `${spliced} of 300 edits parsed one block again`);
  // One version of a 20,000-line text is 0.6 MB; when each block parsed again kept its version
  // alive, the heap grew by about 160 MB over 600 edits here.
  assert.ok(grown < 8, `the live heap grew by ${grown.toFixed(1)} MB`);
});
