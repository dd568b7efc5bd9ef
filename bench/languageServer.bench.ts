// Language server figures on a generated 20,000-line scenario, measured over stdio as an editor
// sees them: the server's memory with the file open, one-character edit to diagnostics (in a body
// text; in action, comment and definition lines at random, and in the characters' names; and a line
// break added or removed at random lines), and completion latency. Each is the median of `runs` runs (a fresh server each),
// printed with the spread between runs. Besides wall-clock times, which a loaded machine
// stretches, the same edits' CPU time is measured in this process on the server's own pipeline
// (its text document, incremental parser and diagnostics) with process.cpuUsage(), and the
// server's memory after 6,000 edits. The server runs with the Node
// options the extension starts it with (client/src/serverProcess.ts); the memory after the edits is
// also measured in a bare `node` process, without them.
import { loadavg } from 'node:os';
import { CompletionRequest, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../test/server/lspClient.js';
import { serverNodeOptions } from '../client/src/serverProcess.js';
import { IncrementalParser } from '../core/parser/index.js';
import { IncrementalDiagnostics } from '../core/diagnostics/index.js';
import { percentile, spreadOf, type Emit } from './emit.js';
import { generateScenario } from './generate.js';
import { cpuMilliseconds, residentMegabytes, typeInBody } from './languageServer.js';

const runs = 5;
const edits = 200;
const completions = 200;
const lineEdits = 100;
/** Characters typed (and deleted again) per kind of line: action, comment, definition. */
const lineTyping = 100;
/** Edits before server_rss_after_edits_mb: one-character edits and line edits, half each. */
const longSession = 6000;

const uri = 'file:///bench/generated-20k.scs';

export default async function (emit: Emit): Promise<void> {
  const text = generateScenario(20_000);
  const lines = text.split('\n');
  emit('load_average_1m_at_start', loadavg()[0], '');
  const figures = new Map<string, { runs: number[]; unit: string }>();
  const record = (name: string, value: number, unit: string) => {
    const entry = figures.get(name) ?? { runs: [], unit };
    entry.runs.push(value);
    figures.set(name, entry);
  };
  for (let run = 0; run < runs; run++) await serverRun(text, lines, record);
  for (let run = 0; run < runs; run++) inProcessRun(text, lines, record);
  for (const [name, { runs: values, unit }] of figures) emit(name, percentile(values, 50), unit, spreadOf(values));

  // Memory after a long session, no collection forced: the server as the extension starts it
  // (whose --expose-gc only collects when a large document closes), and as a bare node process.
  for (const [name, options] of [
    ['server_rss_after_edits_mb', serverNodeOptions],
    ['server_rss_after_edits_bare_node_mb', []],
  ] as const) {
    const client = await LspClient.start([...options]);
    try {
      await client.open(uri, text);
      const lineEditsEach = longSession / 4;
      for (let i = 0; i < lineEditsEach; i++) {
        await typeInBody(client, uri, lines, 2);
        for (const change of lineEdit(lines, i)) await client.change(uri, [change]);
      }
      emit(name, residentMegabytes(client.process.pid!), 'MB');
    } finally {
      await client.stop();
    }
  }
  emit('load_average_1m_at_end', loadavg()[0], '');
}

/** Enter at the end of the `i`-th random line, then Backspace: every line below moves. The lines
 *  are drawn from the whole file (blocks, action lines, comments, blank lines). */
function lineEdit(lines: readonly string[], i: number): TextDocumentContentChangeEvent[] {
  let seed = 12 + i;
  for (let k = 0; k < 3; k++) seed = (seed * 1103515245 + 12345) % 2147483648;
  const line = 20 + Math.floor((seed / 2147483648) * (lines.length - 40));
  const end: Position = { line, character: lines[line].length };
  return [
    { range: { start: end, end }, text: '\n' },
    { range: { start: end, end: { line: line + 1, character: 0 } }, text: '' },
  ];
}

/** The kinds of line typed into, by the figure's prefix: the steps' action lines, comment lines
 *  below the definitions (each heads the step below it), the definitions' header and property
 *  lines, and the characters' names alone (typed at a column of the name in a header: every
 *  keystroke changes a name, which every action line is read by). Lines are 0-based; the columns
 *  typed at are those from `firstColumn` (0 when not given) to the end of the line. */
const typedLineKinds: [string, (line: string, index: number) => boolean, ((line: string) => number)?][] = [
  ['action_line', (line, index) => index > 20 && /^[^\s#[].* (connects|disconnects|sends:|receives:)$/.test(line)],
  ['comment_line', (line, index) => index > 20 && line.startsWith('#')],
  ['definition_line', (line, index) => index < 20 && (line.startsWith('[') || line.startsWith('\t'))],
  ['character_name', (line, index) => index < 20 && line.startsWith('[Client] '), (line) => line.indexOf(']') + 2],
];

/** `count` pairs of changes: one character typed at a random column (from `firstColumn` on) of a
 *  random line that `isKind` picks, then deleted again. */
function typingInLines(
  lines: readonly string[],
  isKind: (line: string, index: number) => boolean,
  count: number,
  firstColumn: (line: string) => number = () => 0,
): TextDocumentContentChangeEvent[] {
  const candidates = lines.flatMap((line, index) => (isKind(line, index) ? [index] : []));
  let seed = 5;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const changes: TextDocumentContentChangeEvent[] = [];
  for (let i = 0; i < count; i++) {
    const line = candidates[Math.floor(next() * candidates.length)];
    const first = firstColumn(lines[line]);
    const at: Position = { line, character: first + Math.floor(next() * (lines[line].length - first + 1)) };
    changes.push({ range: { start: at, end: at }, text: 'x' }, { range: { start: at, end: { line, character: at.character + 1 } }, text: '' });
  }
  return changes;
}

async function serverRun(text: string, lines: readonly string[], record: (name: string, value: number, unit: string) => void): Promise<void> {
  const client = await LspClient.start([...serverNodeOptions]);
  const pid = client.process.pid!;
  try {
    await client.open(uri, text);
    record('server_rss_mb', residentMegabytes(pid), 'MB');

    // Type and delete one character in turn, in a body text in the middle of the file.
    const cpuBefore = cpuMilliseconds(pid);
    const editTimes = await typeInBody(client, uri, lines, edits);
    record('edit_to_diagnostics_p95_ms', percentile(editTimes, 95), 'ms');
    // The median says what a typical keystroke costs when other processes share the machine.
    record('edit_to_diagnostics_median_ms', percentile(editTimes, 50), 'ms');
    // The server's own CPU time per edit (all its threads, the garbage collector's included): what
    // an edit costs whatever else runs on the machine. /proc counts in 10 ms ticks, hence the mean.
    record('edit_server_cpu_mean_ms', (cpuMilliseconds(pid) - cpuBefore) / edits, 'ms');

    const lineEditTimes: number[] = [];
    const lineCpuBefore = cpuMilliseconds(pid);
    for (let i = 0; i < lineEdits; i++) {
      for (const change of lineEdit(lines, i)) {
        const started = performance.now();
        const published = await client.change(uri, [change]);
        lineEditTimes.push(performance.now() - started);
        if (published.diagnostics.length !== 0) throw new Error(`line edit ${i} produced diagnostics`);
      }
    }
    record('line_edit_server_cpu_mean_ms', (cpuMilliseconds(pid) - lineCpuBefore) / (2 * lineEdits), 'ms');
    record('line_edit_to_diagnostics_median_ms', percentile(lineEditTimes, 50), 'ms');
    record('line_edit_to_diagnostics_p95_ms', percentile(lineEditTimes, 95), 'ms');

    // One character typed at a random column of a random action, comment or definition line, then
    // deleted again (the document is then valid once more: no diagnostics).
    for (const [kind, isKind, firstColumn] of typedLineKinds) {
      const times: number[] = [];
      const cpuBefore = cpuMilliseconds(pid);
      for (const [i, change] of typingInLines(lines, isKind, lineTyping, firstColumn).entries()) {
        const started = performance.now();
        const published = await client.change(uri, [change]);
        times.push(performance.now() - started);
        if (i % 2 === 1 && published.diagnostics.length !== 0) throw new Error(`${kind} edit ${i} left diagnostics`);
      }
      record(`${kind}_edit_server_cpu_mean_ms`, (cpuMilliseconds(pid) - cpuBefore) / (2 * lineTyping), 'ms');
      record(`${kind}_edit_to_diagnostics_median_ms`, percentile(times, 50), 'ms');
      record(`${kind}_edit_to_diagnostics_p95_ms`, percentile(times, 95), 'ms');
    }

    // Completion at the start of an action line, inside a block after `${`, and after `<`:
    // positions across the file, on the unchanged document.
    const actionLine = lines.findIndex((line, index) => index > lines.length / 2 && line === 'Romeo sends:');
    const positions: Position[] = [
      { line: actionLine, character: 3 },
      { line: actionLine + 1, character: lines[actionLine + 1].indexOf('${') + 2 },
      { line: actionLine + 1, character: 2 },
    ];
    const completionTimes: number[] = [];
    for (let i = 0; i < completions; i++) {
      const started = performance.now();
      const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positions[i % positions.length] });
      completionTimes.push(performance.now() - started);
      if (!Array.isArray(result) || result.length === 0) throw new Error(`completion ${i} gave nothing`);
    }
    record('completion_p95_ms', percentile(completionTimes, 95), 'ms');
    record('completion_median_ms', percentile(completionTimes, 50), 'ms');
  } finally {
    await client.stop();
  }
}

/** The same edits on the server's pipeline in this process, each edit's CPU time from
 *  process.cpuUsage() (microseconds, this process's threads: the garbage collector's included). */
function inProcessRun(text: string, lines: readonly string[], record: (name: string, value: number, unit: string) => void): void {
  const document = TextDocument.create(uri, 'scansion', 1, text);
  const parser = new IncrementalParser();
  const diagnostics = new IncrementalDiagnostics();
  diagnostics.update(parser.parse(document.getText()));
  /** The CPU time of one change to diagnostics; `valid`: it must leave no diagnostics. */
  const cpu = (changes: TextDocumentContentChangeEvent[], valid = true): number => {
    const before = process.cpuUsage();
    TextDocument.update(document, changes, document.version + 1);
    const found = diagnostics.update(parser.parse(document.getText()), parser.lastEdit);
    if (valid && found.length !== 0) throw new Error('an edit produced diagnostics');
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const bodyLine = lines.findIndex((line, index) => index > lines.length / 2 && line.includes('<body>'));
  const at: Position = { line: bodyLine, character: lines[bodyLine].indexOf('<body>') + 6 };
  const editCpu: number[] = [];
  for (let i = 0; i < edits; i++)
    editCpu.push(
      cpu([
        i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
      ]),
    );
  record('edit_cpu_p95_ms', percentile(editCpu, 95), 'ms');
  const lineCpu: number[] = [];
  for (let i = 0; i < lineEdits; i++) for (const change of lineEdit(lines, i)) lineCpu.push(cpu([change]));
  record('line_edit_cpu_median_ms', percentile(lineCpu, 50), 'ms');
  record('line_edit_cpu_p95_ms', percentile(lineCpu, 95), 'ms');
  for (const [kind, isKind, firstColumn] of typedLineKinds) {
    const typingCpu = typingInLines(lines, isKind, lineTyping, firstColumn).map((change) => cpu([change], false));
    record(`${kind}_edit_cpu_median_ms`, percentile(typingCpu, 50), 'ms');
    record(`${kind}_edit_cpu_p95_ms`, percentile(typingCpu, 95), 'ms');
  }
}
