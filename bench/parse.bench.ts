// Parser benchmarks: check_corpus_ms (parse + diagnose every corpus file), parse_20k_lines_ms
// (parse a generated 20,000-line scenario) and the incremental re-parse an editor does after a
// keystroke, and a hostile deeply nested block. Each figure is the median of several runs after warm-up.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import type { Emit } from './emit.js';
import { percentile } from './emit.js';
import { generateScenario } from './generate.js';
import { expandPaths } from '../core/check.js';
import { IncrementalParser, parseScenario } from '../core/parser/index.js';
import { diagnose } from '../core/diagnostics/index.js';

const corpus = resolve(import.meta.dirname, '../../shared/corpus');

function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** Median wall time and median CPU time (user + system, all threads) of `runs` runs after warm-up. */
function measure(run: () => void, warmups: number, runs: number): { wall: number; cpu: number } {
  for (let i = 0; i < warmups; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

function time(run: () => void, warmups: number, runs: number): number {
  return measure(run, warmups, runs).wall;
}

export default async function (emit: Emit): Promise<void> {
  const large = generateScenario(20_000);
  const parse = measure(() => parseScenario(large), 10, 15);
  emit('parse_20k_lines_ms', parse.wall, 'ms');
  // On a busy machine wall time counts the time other processes held the CPU; CPU time does not
  // (it does count the garbage collector's helper threads, so it is an upper bound when idle).
  emit('parse_20k_lines_cpu_ms', parse.cpu, 'ms');
  // The floor: saxes alone over the same blocks' text, with the events the parser listens to but
  // no model built. Measured in the same run, so the ratio holds on a busy machine.
  const scenario = parseScenario(large);
  const lineStarts = [0, ...[...large.matchAll(/\n/g)].map((match) => match.index + 1)];
  const blocks = scenario.steps.flatMap((step) =>
    step.block ? [large.slice(lineStarts[step.block.range.start.line], lineStarts[step.block.range.end.line + 1] - 1)] : [],
  );
  const saxesOnly = measure(
    () => {
      for (const block of blocks) {
        const parser = new SaxesParser({ fragment: true });
        for (const event of ['attribute', 'opentag', 'closetag', 'text'] as const) parser.on(event, () => undefined);
        parser.on('error', () => undefined);
        parser.write(block).close();
      }
    },
    10,
    15,
  );
  emit('saxes_only_20k_lines_ms', saxesOnly.wall, 'ms');
  emit('saxes_only_20k_lines_cpu_ms', saxesOnly.cpu, 'ms');
  emit('parse_to_saxes_ratio', parse.cpu / saxesOnly.cpu, 'x');
  emit(
    'diagnose_20k_lines_ms',
    time(() => diagnose(parseScenario(large)), 3, 9),
    'ms',
  );
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
