// The debugger's cost per step, against a real Prosody:
// - debug_step_ms: from a Next request to the `stopped` event, for a step that sends one stanza,
//   with dist/debugAdapter.js driven over stdio by Microsoft's DebugClient (median of the steps);
// - debug_step_plain_ms: the same step in a run of the same scenario that never stops, timed from
//   the end of its pause point to the start of the next (median), for comparison. (The result's
//   own durationMs is rounded to 0.1 ms, too coarse for a step that only writes to a socket.)

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { parseScenario } from '../core/parser/index.js';
import { startProsody } from '../core/prosody/index.js';
import { runScenario, type StepControl } from '../core/runner/index.js';
import { percentile, type Emit } from './emit.js';

const sends = 60;

const scenario = `# One stanza per step
[Client] Romeo
\tjid: romeo@localhost
\tpassword: password
-----
Romeo connects

${'Romeo sends:\n\t<message to="${Romeo\'s full JID}" type="chat"><body>step</body></message>\n\n'.repeat(sends)}Romeo disconnects
`;

export default async function (emit: Emit): Promise<void> {
  const server = await startProsody({ logLevel: 'warn' });
  const dir = mkdtempSync(join(tmpdir(), 'scs-debug-bench-'));
  try {
    const program = join(dir, 'steps.scs');
    writeFileSync(program, scenario);
    const debugged = await debugSteps(program, `${server.host}:${server.port}`);
    emit('debug_step_ms', percentile(debugged, 50), 'ms');
    emit('debug_step_plain_ms', percentile(await plainSteps(program, server.host, server.port), 50), 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

/** Each `sends` step's time in a run that never stops. */
async function plainSteps(program: string, host: string, port: number): Promise<number[]> {
  const times: number[] = [];
  let started = 0;
  const control: StepControl = {
    beforeStep: async () => {
      started = performance.now();
    },
    afterStep: async (step) => {
      if (step.verb.value === 'sends') times.push(performance.now() - started);
    },
  };
  const result = await runScenario(parseScenario(scenario), program, { host, port, control });
  if (result.status !== 'passed') throw new Error(`the plain run did not pass: ${result.failure?.message}`);
  return times;
}

/** Stops on entry, steps over `connects`, then times each Next over a `sends` step. */
async function debugSteps(program: string, address: string): Promise<number[]> {
  const client = new DebugClient(process.execPath, join(process.cwd(), 'dist', 'debugAdapter.js'), 'scansion');
  client.defaultTimeout = 15_000;
  await client.start();
  try {
    const entry = client.waitForEvent('stopped');
    await Promise.all([client.configurationSequence(), client.launch({ program, server: address, stopOnEntry: true })]);
    await entry;
    const connected = client.waitForEvent('stopped');
    await client.nextRequest({ threadId: 1 });
    await connected;
    const times: number[] = [];
    for (let step = 0; step < sends; step++) {
      const stopped = client.waitForEvent('stopped');
      const started = performance.now();
      await client.nextRequest({ threadId: 1 });
      await stopped;
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await client.stop();
  }
}
