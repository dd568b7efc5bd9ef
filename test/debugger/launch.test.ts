// debugger/launch.ts: launch arguments checked and turned into run options, as `scs run` turns its
// flags into them (timeout and quietPeriod in seconds, sync as --no-sync).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchProblem, runOptionsOf } from '../../debugger/launch.js';

test('quietPeriod and sync reach the run options; out of the arguments, the engine keeps its defaults', () => {
  const program = '/w/a.scs';
  assert.deepEqual(runOptionsOf({ program, server: 'xmpp.example:5223', timeout: 2.5, quietPeriod: 1, sync: false }, undefined), {
    tlsInsecure: false,
    ordered: false,
    host: 'xmpp.example',
    port: 5223,
    timeoutMs: 2500,
    quietMs: 1000,
    sync: false,
  });
  const plain = runOptionsOf({ program }, undefined);
  assert.equal('quietMs' in plain || 'sync' in plain, false);
  assert.equal(launchProblem({ program, quietPeriod: 0.5, sync: true }), undefined);
  assert.match(launchProblem({ program, quietPeriod: 0 }) ?? '', /"quietPeriod" must be a number of seconds above 0/);
  assert.match(launchProblem({ program, sync: 'no' as unknown as boolean }) ?? '', /"sync" must be true or false/);
});
