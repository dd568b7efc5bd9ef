// Language server figures on a generated 20,000-line scenario, measured over stdio as an editor
// sees them: the server's memory with the file open, one-character edit to diagnostics (and a
// line break added or removed at random lines), and completion latency.
import { CompletionRequest, type Position } from 'vscode-languageserver/node';
import { LspClient } from '../test/server/lspClient.js';
import { percentile, spreadOf, type Emit } from './emit.js';
import { generateScenario } from './generate.js';
import { cpuMilliseconds, residentMegabytes, typeInBody } from './languageServer.js';

const edits = 200;
const completions = 200;
const lineEdits = 100;

export default async function (emit: Emit): Promise<void> {
  const text = generateScenario(20_000);
  const lines = text.split('\n');
  const client = await LspClient.start();
  const uri = 'file:///bench/generated-20k.scs';
  try {
    await client.open(uri, text);
    emit('server_rss_mb', residentMegabytes(client.process.pid!), 'MB');

    // Type and delete one character in turn, in a body text in the middle of the file.
    const cpuBefore = cpuMilliseconds(client.process.pid!);
    const editTimes = await typeInBody(client, uri, lines, edits);
    emit('edit_to_diagnostics_p95_ms', percentile(editTimes, 95), 'ms');
    // The median says what a typical keystroke costs when other processes share the machine.
    emit('edit_to_diagnostics_median_ms', percentile(editTimes, 50), 'ms');
    // The server's own CPU time per edit (all its threads, the garbage collector's included): what
    // an edit costs whatever else runs on the machine. /proc counts in 10 ms ticks, hence the mean.
    emit('edit_server_cpu_mean_ms', (cpuMilliseconds(client.process.pid!) - cpuBefore) / edits, 'ms');

    // Enter at the end of a random line, then Backspace: every line below moves, so these cost
    // more. The lines are drawn from the whole file (blocks, action lines, comments, blank lines).
    const lineEditTimes: number[] = [];
    let seed = 12;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lineCpuBefore = cpuMilliseconds(client.process.pid!);
    for (let i = 0; i < lineEdits; i++) {
      const line = 20 + Math.floor(random() * (lines.length - 40));
      const end: Position = { line, character: lines[line].length };
      for (const change of [
        { range: { start: end, end }, text: '\n' },
        { range: { start: end, end: { line: line + 1, character: 0 } }, text: '' },
      ]) {
        const started = performance.now();
        const published = await client.change(uri, [change]);
        lineEditTimes.push(performance.now() - started);
        if (published.diagnostics.length !== 0) throw new Error(`line edit ${i} produced diagnostics`);
      }
    }
    emit('line_edit_server_cpu_mean_ms', (cpuMilliseconds(client.process.pid!) - lineCpuBefore) / (2 * lineEdits), 'ms');
    emit('line_edit_to_diagnostics_median_ms', percentile(lineEditTimes, 50), 'ms');
    emit('line_edit_to_diagnostics_p95_ms', percentile(lineEditTimes, 95), 'ms');

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
    emit('completion_p95_ms', percentile(completionTimes, 95), 'ms', spreadOf(completionTimes));
    emit('completion_median_ms', percentile(completionTimes, 50), 'ms');
    // After an editing session the heap holds garbage not yet collected, so this is higher.
    emit('server_rss_after_edits_mb', residentMegabytes(client.process.pid!), 'MB');
  } finally {
    await client.stop();
  }
}
