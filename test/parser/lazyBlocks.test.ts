// Blocks that the scan (core/parser/xmlScan.ts) reads have their tree built only when first read
// (core/parser/lazyBlock.ts). Such a block must be exactly what the XML parser makes of it in its
// file: the same stanzas at the same places, no diagnostics, nothing left open, and the outline the
// checks read must be the one its tree gives; so must what an editor reads of every block when a
// file opens (core/parser/glance.ts: stanza names, the first stanza's type/to/from, the elements on
// several lines), read from a glance at its text (core/parser/xmlGlance.ts). Checked on every block of the corpus and of thousands of
// random edits of it, fresh and moved by an IncrementalParser; and checking a file must build no tree.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expandPaths } from '../../core/check.js';
import { IncrementalParser, parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import { LineIndex } from '../../core/parser/lines.js';
import { LazyBlock } from '../../core/parser/lazyBlock.js';
import { outlineOf } from '../../core/parser/outline.js';
import { firstStanzaAttribute, forEachMultiLineElement, stanzaNames } from '../../core/parser/glance.js';
import { holdsMovedStanzas } from '../../core/parser/moved.js';
import { StepBlock } from '../../core/parser/steps.js';
import { BlockXmlParser } from '../../core/parser/xml.js';
import type { Block, Diagnostic, Scenario } from '../../core/model.js';
import { generateScenario } from '../../bench/generate.js';
import { mutate, random } from './mutations.js';
import { plainScenario } from './plain.js';
import { random as lineRandom, randomLineEdit } from './lineEdits.js';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');
const xml = new BlockXmlParser();

/** What an editor reads of `block` when a file opens (glance.ts), as one value. */
function glanceOf(block: Block) {
  const multiLine: number[] = [];
  forEachMultiLineElement(block, (first, last) => multiLine.push(first, last));
  const attributes = (['type', 'to', 'from'] as const).map((name) => firstStanzaAttribute(block, name));
  return { names: stanzaNames(block), attributes, multiLine };
}

/** The lazy blocks of `scenario` (parsed from `text`), each compared with the XML parser's reading
 *  of it in the file. Returns how many blocks were lazy and how many were parsed at once. */
function compareLazyBlocks(text: string, scenario: Scenario, where: string): { lazy: number; eager: number } {
  const lines = new LineIndex(text);
  const counts = { lazy: 0, eager: 0 };
  for (const step of scenario.steps) {
    const block = step.block;
    if (!(block instanceof StepBlock)) continue;
    if (!(block.parsed instanceof LazyBlock)) {
      counts.eager++;
      continue;
    }
    counts.lazy++;
    const lazy = block.parsed;
    // (A block that goes on at column 0 has its tree read by the parser: scenario.ts reportContinuation.)
    const builtBefore = lazy.built;
    const glance = glanceOf(block);
    assert.notEqual(lazy.glance, undefined, `${where}, block at line ${block.firstLine + 1}: the glance failed`);
    assert.equal(lazy.built, builtBefore, `${where}, block at line ${block.firstLine + 1}: glance built the tree`);
    const start = lines.starts[block.firstLine];
    const diagnostics: Diagnostic[] = [];
    const stanzas = xml.parse(text.slice(start, lines.ends[block.lastLine]), lines, start, block.firstLine, diagnostics);
    const at = `${where}, block at line ${block.firstLine + 1}`;
    assert.deepEqual(diagnostics, [], `${at}: the scan read a block the parser reports on`);
    assert.equal(xml.openDepth, 0, at);
    assert.equal(xml.endsInTag, false, at);
    assert.deepEqual(lazy.stanzas, stanzas, `${at}: the tree built when read differs from the parser's`);
    assert.deepEqual(lazy.outline, outlineOf(stanzas), `${at}: outline`);
    assert.deepEqual(glance, glanceOf({ range: block.range, stanzas }), `${at}: names, attributes, elements on several lines`);
  }
  return counts;
}

test('every block the scan reads is what the XML parser makes of it: corpus files and random edits', async (t) => {
  if (!existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  assert.ok(files.length > 0);
  const total = { lazy: 0, eager: 0 };
  for (const [index, file] of files.entries()) {
    const original = await readFile(file, 'utf8');
    const next = random(1000 + index);
    let text = original;
    for (let i = 0; i < 40; i++) {
      const counts = compareLazyBlocks(text, parseScenario(text), `${file}, edit ${i}`);
      total.lazy += counts.lazy;
      total.eager += counts.eager;
      text = next() < 0.1 ? original : mutate(text, next);
    }
  }
  // Most blocks are read by the scan; the edits make many that are not.
  assert.ok(total.lazy > total.eager, `${total.lazy} blocks read by the scan, ${total.eager} parsed at once`);
  assert.ok(total.eager > 100, `${total.eager} blocks parsed at once`);
});

test('the scan reads texts from the source: variables in document order, text outside the stanzas left to the parser', () => {
  const head = '[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo sends:\n';
  const lazy = [
    // Text variables before and after a tag with an attribute variable, a self-closing tag between.
    "\t<message to=\"${Romeo's JID}\">${Romeo's full JID} and <x a='${b}'/>${Romeo's JID}\n\t\t<body>${c} &amp; ${Romeo's JID}</body>\n\t</message>",
    // Two stanzas with blank lines and tabs between them; a variable split over two texts is none.
    '\t<presence/>\n\n\t\t<iq id="${x"><query>}</query>\n\t</iq>\n\t',
  ];
  const eager = ['\tstray <presence/>', '\t<presence/> stray', '\t<presence/>\n\t&amp;\n\t<presence/>', '\t<presence/>\n\t]]>'];
  for (const block of [...lazy, ...eager]) {
    const text = `${head}${block}\n`;
    const counts = compareLazyBlocks(text, parseScenario(text), JSON.stringify(block));
    assert.deepEqual(counts, lazy.includes(block) ? { lazy: 1, eager: 0 } : { lazy: 0, eager: 1 }, JSON.stringify(block));
  }
});

test('checking a file builds no tree, and its diagnostics are those of the trees', () => {
  const text = generateScenario(2_000).replace('<body>Hello number 7 ', '<body>${Tybalt} number 7 ');
  const scenario = parseScenario(text);
  const blocks = scenario.steps.flatMap((step) => (step.block instanceof StepBlock && step.block.parsed instanceof LazyBlock ? [step.block.parsed] : []));
  assert.ok(blocks.length > 300, `${blocks.length} lazy blocks`);
  const diagnostics = diagnose(scenario);
  assert.ok(diagnostics.some((item) => item.code === 'variable-literal'));
  assert.equal(blocks.filter((block) => block.built).length, 0, 'trees built by diagnose()');
  // Read every tree: the checks on the trees give the same diagnostics.
  // Read every tree (plain blocks, whose outline the checks take from their trees): the same diagnostics.
  assert.deepEqual(diagnose(plainScenario(scenario)), diagnostics);
  assert.equal(blocks.filter((block) => !block.built).length, 0);
});

test('what an editor reads at open of a block that moved is what a fresh parse gives, and builds no tree', async (t) => {
  if (!existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  let moved = 0;
  for (const [index, file] of files.slice(0, 40).entries()) {
    const original = await readFile(file, 'utf8');
    const parser = new IncrementalParser();
    const next = lineRandom(7 + index);
    let text = original;
    for (let i = 0; i < 25; i++) {
      const scenario = parser.parse(text);
      const fresh = parseScenario(text);
      assert.equal(scenario.steps.length, fresh.steps.length);
      for (const [at, step] of scenario.steps.entries()) {
        const block = step.block;
        if (block === undefined) continue;
        const expected = fresh.steps[at].block!;
        const where = `${file}, edit ${i}, block at line ${expected.range.start.line + 1}`;
        const unbuilt = unbuiltLazy(block);
        if (unbuilt && holdsMovedStanzas(block)) moved++;
        assert.deepEqual(glanceOf(block), glanceOf({ range: expected.range, stanzas: expected.stanzas }), where);
        if (unbuilt) assert.equal(unbuilt.built, false, `${where}: glance built the tree`);
      }
      text = randomLineEdit(text, next);
    }
  }
  assert.ok(moved > 100, `${moved} moved blocks without their tree`);
});

/** The scanned block behind `block` (a step's block, maybe moved), when its tree is not built yet. */
function unbuiltLazy(block: Block): LazyBlock | undefined {
  const source = holdsMovedStanzas(block) ? (block.movedStanzas as unknown as { source: unknown }).source : block;
  const parsed = source instanceof StepBlock ? source.parsed : source;
  return parsed instanceof LazyBlock && !parsed.built ? parsed : undefined;
}
