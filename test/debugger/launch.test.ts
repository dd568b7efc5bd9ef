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

test('a timeout or quiet period longer than a timer can hold is refused, not turned into 1 ms', () => {
  // Node fires a timer of more than 2^31 - 1 ms after 1 ms: "timeout": 1e9 would fail every wait at once.
  const program = '/w/a.scs';
  assert.match(launchProblem({ program, timeout: 1e9 }) ?? '', /"timeout" must be at most 2147483 seconds/);
  assert.match(launchProblem({ program, quietPeriod: 3e6 }) ?? '', /"quietPeriod" must be at most 2147483 seconds/);
  assert.equal(launchProblem({ program, timeout: 2_147_483 }), undefined);
});
