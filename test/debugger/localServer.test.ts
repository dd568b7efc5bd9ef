// A debug session with `localServer: true` started by any DAP client (Microsoft's DebugClient on
// dist/debugAdapter.js, not the extension, which passes a prosodyConfig of its own): the adapter
// adapts the prosody.cfg.lua beside the program, as `scs run --local-server` does
// (core/serverConfig.ts), against a real Prosody.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { character } from '../runner/support.js';
import { corpusConfig, corpusDir, corpusPresent } from '../corpus-run/corpus.js';
import { scenarioFolder, startClient } from './support.js';

const folder = scenarioFolder();
after(() => folder.remove());

/** Launches `args` through configurationDone; resolves with the launch's answer or its error. */
async function launch(args: Record<string, unknown>): Promise<{ client: Awaited<ReturnType<typeof startClient>>; outcome: Promise<unknown> }> {
  const client = await startClient();
  const outcome = Promise.all([client.waitForEvent('initialized').then(() => client.configurationDoneRequest()), client.launch(args)]);
  return { client, outcome };
}

test('a configuration beside the program that Prosody refuses fails the launch, naming it', async () => {
  const program = folder.write('alone.scs', `${character('Romeo', 'romeo')}-----\nRomeo connects\n\nRomeo disconnects\n`);
  const config = folder.write('prosody.cfg.lua', 'VirtualHost "localhost"\nthis is not lua (\n');
  const { client, outcome } = await launch({ program, localServer: true });
  try {
    await assert.rejects(outcome, (error: Error) => error.message.startsWith('could not start a local Prosody: ') && error.message.includes(config));
  } finally {
    await client.stop();
  }
});

test(
  'the corpus scenario that needs its own configuration passes with localServer alone, and the console names it',
  { skip: corpusPresent ? false : `no corpus at ${corpusDir}` },
  async () => {
    const { client, outcome } = await launch({ program: join(corpusDir, 'extdisco.scs'), localServer: true, timeout: 5 });
    try {
      const output: string[] = [];
      client.on('output', (event: DebugProtocol.OutputEvent) => output.push(event.body.output));
      const exited = client.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
      await outcome;
      assert.equal((await exited).body.exitCode, 0, output.join(''));
      assert.ok(output.join('').includes(`, adapting ${corpusConfig} (beside the scenarios)\n`), output.join(''));
    } finally {
      await client.stop();
    }
  },
);
