// A 100,000-step document (575,000 lines, 17 MB) in the language server, over stdio as an editor
// sees it (issue 13, item 6): one character typed in a stanza to its diagnostics, and the
// server's memory with the document open and after closing it. The server runs with the Node
// options the extension starts it with (client/src/serverProcess.ts).
import { LspClient } from '../test/server/lspClient.js';
import { serverNodeOptions } from '../client/src/serverProcess.js';
import { percentile, type Emit } from './emit.js';
import { generateScenario } from './generate.js';
import { residentMegabytes, typeInBody } from './languageServer.js';

const steps = 100_000;
const keystrokes = 20;

/** Lines of a generated scenario with exactly `count` steps: a header, 4 steps per 23-line round,
 *  and two closing steps (bench/generate.ts); 2 connects and 2 disconnects besides the rounds. */
function linesFor(count: number): number {
  return 19 + ((count - 4) / 4) * 23 + 2;
}

export default async function (emit: Emit): Promise<void> {
  const text = generateScenario(linesFor(steps));
  const lines = text.split('\n');
  const client = await LspClient.start([...serverNodeOptions]);
  const uri = 'file:///bench/generated-100k-steps.scs';
  const pid = client.process.pid!;
  try {
    const opened = performance.now();
    await client.open(uri, text);
    emit('huge_doc_open_ms', performance.now() - opened, 'ms');

    const times = await typeInBody(client, uri, lines, keystrokes);
    emit('huge_doc_keystroke_ms', percentile(times, 50), 'ms');
    emit('huge_doc_keystroke_p95_ms', percentile(times, 95), 'ms');
    emit('huge_doc_rss_open_mb', residentMegabytes(pid), 'MB');

    await client.close(uri);
    await client.nextDiagnostics(uri);
    // The collection after the close runs on the server's next turn.
    await new Promise((wait) => setTimeout(wait, 1000));
    emit('huge_doc_rss_after_close_mb', residentMegabytes(pid), 'MB');
  } finally {
    await client.stop();
  }
}
