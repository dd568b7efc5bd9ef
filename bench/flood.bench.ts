// flood_peak_rss_mb: the peak memory (resident set, MB) of `scs run` facing a server that floods
// a character with chat messages from login on, while that character waits (with the default
// 5 s timeout) for a stanza that never comes. Before the queue had a bound (issue 13) it grew by
// about 150 MB a second; now the step fails once 10,000 stanzas wait unconsumed and the flooded
// connection is closed. Linux only (VmHWM from /proc).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHostileServer } from '../test/runner/hostileServer.js';
import { runMeasured } from '../test/runner/measuredProcess.js';
import type { Emit } from './emit.js';

const scenario = `[Client] Romeo
	jid: romeo@localhost
	password: password
-----
Romeo connects

Romeo receives:
	<message type="chat"><body>never sent</body></message>
`;

export default async function (emit: Emit): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scs-bench-flood-'));
  const server = await startHostileServer('flood');
  try {
    const file = join(dir, 'flood.scs');
    writeFileSync(file, scenario);
    const run = await runMeasured(process.execPath, [
      resolve('dist/cli.js'),
      'run',
      '--server',
      `127.0.0.1:${server.port}`,
      '--timeout',
      '5',
      '--reporter',
      'json',
      file,
    ]);
    if (!/"kind":"flooded"/.test(run.stdout))
      throw new Error(`the flood did not fail the step as flooded (exit ${run.code}): ${run.stdout.slice(-500)}${run.stderr}`);
    emit('flood_peak_rss_mb', run.peakRssMb, 'MB');
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
