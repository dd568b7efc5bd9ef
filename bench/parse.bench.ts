// Parser benchmarks: check_corpus_ms (parse + diagnose every corpus file), parse_20k_lines_ms
// (parse a generated 20,000-line scenario) and the incremental re-parse an editor does after a
// keystroke, and a hostile deeply nested block. Each figure is the median of several runs after warm-up.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import type { Emit } from './emit.js';
import { percentile, spreadOf } from './emit.js';
import { generateScenario } from './generate.js';
import { expandPaths } from '../core/check.js';
import { IncrementalParser, parseScenario } from '../core/parser/index.js';
import { diagnose } from '../core/diagnostics/index.js';
import { distinctStepLabels } from '../core/queries.js';
import { documentSymbols } from '../server/src/symbols.js';
import { foldingRanges } from '../server/src/folding.js';

const corpus = resolve(import.meta.dirname, '../../shared/corpus');

function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** Wall and CPU time (user + system, all threads) of one run, in milliseconds. */
function timed(run: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Median wall time and median CPU time of `runs` runs after warm-up. */
function measure(run: () => void, warmups: number, runs: number): { wall: number; cpu: number } {
  for (let i = 0; i < warmups; i++) run();
  const samples = Array.from({ length: runs }, () => timed(run));
  return { wall: median(samples.map((sample) => sample.wall)), cpu: median(samples.map((sample) => sample.cpu)) };
}

function time(run: () => void, warmups: number, runs: number): number {
  return measure(run, warmups, runs).wall;
}

export default async function (emit: Emit): Promise<void> {
  const large = generateScenario(20_000);
  // The floor: saxes alone over the same blocks' text, with the events the parser listens to but
  // no model built.
  const scenario = parseScenario(large);
  const lineStarts = [0, ...[...large.matchAll(/\n/g)].map((match) => match.index + 1)];
  const blocks = scenario.steps.flatMap((step) =>
    step.block ? [large.slice(lineStarts[step.block.range.start.line], lineStarts[step.block.range.end.line + 1] - 1)] : [],
  );
  const saxesOnly = () => {
    for (const block of blocks) {
      const parser = new SaxesParser({ fragment: true });
      for (const event of ['attribute', 'opentag', 'closetag', 'text'] as const) parser.on(event, () => undefined);
      parser.on('error', () => undefined);
      parser.write(block).close();
    }
  };
  const parse = () => parseScenario(large);
  for (let i = 0; i < 10; i++) {
    parse();
    saxesOnly();
  }
  // Rounds of five parses then five saxes runs, the ratio taken in each round, so that both see
  // the same load on a busy machine. The first run after a switch pays for garbage the other left;
  // a round's median leaves it out. On a busy machine wall time counts the time other processes
  // held the CPU; CPU time does not (it does count the garbage collector's helper threads, so it
  // is an upper bound when idle).
  // Detail: how much of a parse the garbage collector takes (wall time of the collections that
  // began during a parse; helper threads not counted), noted as the rounds run.
  const parseTimes: [number, number][] = [];
  const collections: { startTime: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const parseNoting = () => {
    const start = performance.now();
    parse();
    parseTimes.push([start, performance.now()]);
  };
  const parses: { wall: number; cpu: number }[] = [];
  const floors: { wall: number; cpu: number }[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < 5; round++) {
    const roundParses = Array.from({ length: 5 }, () => timed(parseNoting));
    const roundFloors = Array.from({ length: 5 }, () => timed(saxesOnly));
    ratios.push(median(roundParses.map((run) => run.cpu)) / median(roundFloors.map((run) => run.cpu)));
    parses.push(...roundParses);
    floors.push(...roundFloors);
  }
  const figure = (name: string, samples: number[], unit: string) => emit(name, median(samples), unit, spreadOf(samples));
  figure(
    'parse_20k_lines_ms',
    parses.map((run) => run.wall),
    'ms',
  );
  figure(
    'parse_20k_lines_cpu_ms',
    parses.map((run) => run.cpu),
    'ms',
  );
  figure(
    'saxes_only_20k_lines_ms',
    floors.map((run) => run.wall),
    'ms',
  );
  figure(
    'saxes_only_20k_lines_cpu_ms',
    floors.map((run) => run.cpu),
    'ms',
  );
  // The target: parse_20k_lines_ms / saxes_only_20k_lines_ms, here in CPU time.
  figure('parse_to_saxes_ratio', ratios, 'x');
  // The observer hears of collections after the event loop has turned (a timer, not setImmediate).
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  const during = ([start, end]: [number, number]) =>
    collections.filter((entry) => entry.startTime >= start && entry.startTime < end).reduce((sum, entry) => sum + entry.duration, 0);
  // A mean: a collection comes every one or two parses, so most parses' own figure is 0 or a whole one.
  emit('parse_20k_lines_gc_ms', parseTimes.map(during).reduce((sum, ms) => sum + ms, 0) / parseTimes.length, 'ms');
  // Detail: since 9543963 the scan (core/parser/xmlScan.ts) takes no text events, while the floor
  // above keeps the five it was defined with, text among them. The same comparison against a floor
  // with the scan's four events (text off, as saxesParser.ts does it), in rounds of their own after
  // the target's, so that the stricter reading is printed beside the unchanged one.
  const saxesScanEvents = () => {
    for (const block of blocks) {
      const parser = new SaxesParser({ fragment: true });
      for (const event of ['attribute', 'opentag', 'closetag'] as const) parser.on(event, () => undefined);
      parser.off('text');
      parser.on('error', () => undefined);
      parser.write(block).close();
    }
  };
  const scanEventFloors: number[] = [];
  const scanEventRatios: number[] = [];
  for (let round = 0; round < 5; round++) {
    const roundParses = Array.from({ length: 5 }, () => timed(parse).cpu);
    const roundFloors = Array.from({ length: 5 }, () => timed(saxesScanEvents).cpu);
    scanEventRatios.push(median(roundParses) / median(roundFloors));
    scanEventFloors.push(...roundFloors);
  }
  figure('saxes_only_scan_events_20k_lines_cpu_ms', scanEventFloors, 'ms');
  figure('parse_to_saxes_scan_events_ratio', scanEventRatios, 'x');
  // Detail: the floor makes a new SaxesParser for every block; the parser reuses one (saxes resets
  // itself on close). saxes alone with one parser for all blocks, CPU time, median of 15:
  const reused = new SaxesParser({ fragment: true });
  for (const event of ['attribute', 'opentag', 'closetag', 'text'] as const) reused.on(event, () => undefined);
  reused.on('error', () => undefined);
  emit('saxes_one_parser_20k_lines_cpu_ms', measure(() => blocks.forEach((block) => reused.write(block).close()), 5, 15).cpu, 'ms');
  emit(
    'diagnose_20k_lines_ms',
    time(() => diagnose(parseScenario(large)), 3, 9),
    'ms',
  );
  // Blocks the parser finds no fault in get their XML tree on first read (core/parser/lazyBlock.ts).
  // What a reader of every tree pays (the language server's test tree and folding ranges after an
  // open, a test run): parse, then every step's stanzas read. CPU time, median of 9.
  const readEveryTree = () => {
    for (const step of parseScenario(large).steps) void step.block?.stanzas.length;
  };
  emit('parse_and_read_trees_20k_lines_cpu_ms', measure(readEveryTree, 3, 9).cpu, 'ms');
  // What the language server reads of every block when a file opens, besides the diagnostics:
  // parse, then the test items' labels, the document symbols and the folding ranges (read from the
  // scan's outlines, core/parser/glance.ts, for the blocks without faults). CPU time, median of 9.
  const openReads = () => {
    const opened = parseScenario(large);
    distinctStepLabels(opened.steps);
    documentSymbols(opened);
    foldingRanges(opened);
  };
  emit('open_reads_20k_lines_cpu_ms', measure(openReads, 3, 9).cpu, 'ms');
  // What an editor pays per keystroke: one character changed in a block in the middle, re-parsed
  // with the blocks that did not change reused.
  const middle = large.indexOf('Hello number', large.length / 2);
  const edited = `${large.slice(0, middle)}J${large.slice(middle + 1)}`;
  const parser = new IncrementalParser();
  let flip = false;
  const reparseAlternately = () => {
    flip = !flip;
    parser.parse(flip ? edited : large);
  };
  emit('reparse_20k_lines_after_edit_ms', time(reparseAlternately, 5, 21), 'ms');
  // Hostile input: 10 MB of `<a>` in one block (3.7 million unclosed elements), parsed and checked.
  const deep = `[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\nRomeo sends:\n\t${'<a>'.repeat(3.5 * 1024 * 1024)}\n`;
  emit(
    'check_10mb_unclosed_tags_ms',
    time(() => diagnose(parseScenario(deep)), 1, 5),
    'ms',
  );

  if (!existsSync(corpus)) {
    console.error(`parse.bench: no corpus at ${corpus}; check_corpus_ms not measured`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  // Cold: the first check of the whole corpus, reading included, as `scs check` does it.
  const start = performance.now();
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  for (const text of texts) diagnose(parseScenario(text));
  emit('check_corpus_cold_ms', performance.now() - start, 'ms');
  emit(
    'check_corpus_ms',
    time(() => texts.forEach((text) => diagnose(parseScenario(text))), 5, 15),
    'ms',
  );
}
