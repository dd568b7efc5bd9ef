// client/src/testing/continuous.ts: which saves re-run what, and when, in a continuous run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContinuousRun, type ContinuousTarget } from '../../client/src/testing/continuous.js';

interface Ran {
  uris: string[];
  aborted: boolean;
}

/** A target covering `covered` whose runs take `runMs` (or until aborted). */
function target(covered: string[], runMs = 0): ContinuousTarget & { runs: Ran[] } {
  const runs: Ran[] = [];
  return {
    runs,
    covers: (uri) => covered.includes(uri),
    all: () => covered,
    async run(uris, signal) {
      const ran: Ran = { uris: [...uris].sort(), aborted: false };
      runs.push(ran);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, runMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          ran.aborted = true;
          resolve();
        });
      });
    },
  };
}

test('a save of a covered scenario re-runs it; others are ignored', async () => {
  const fake = target(['a.scs', 'b.scs']);
  const continuous = new ContinuousRun(fake, 10);
  continuous.saved('other.scs');
  await continuous.idle();
  assert.deepEqual(fake.runs, []);
  continuous.saved('a.scs');
  await continuous.idle();
  assert.deepEqual(fake.runs, [{ uris: ['a.scs'], aborted: false }]);
  await continuous.dispose();
});

test('saves that come together (Save All) make one run', async () => {
  const fake = target(['a.scs', 'b.scs']);
  const continuous = new ContinuousRun(fake, 30);
  continuous.saved('a.scs');
  continuous.saved('b.scs');
  continuous.saved('a.scs');
  await continuous.idle();
  assert.deepEqual(fake.runs, [{ uris: ['a.scs', 'b.scs'], aborted: false }]);
  await continuous.dispose();
});

test('a file saved again while it runs cuts that run short and runs again; another file waits its turn', async () => {
  const fake = target(['a.scs', 'b.scs'], 1500);
  const continuous = new ContinuousRun(fake, 10);
  continuous.saved('a.scs');
  await sleep(60);
  assert.equal(fake.runs.length, 1, 'the first run is going');
  continuous.saved('b.scs');
  await sleep(60);
  assert.equal(fake.runs.length, 1, 'b waits for the run in progress');
  assert.equal(fake.runs[0].aborted, false);
  continuous.saved('a.scs');
  await continuous.idle();
  assert.deepEqual(fake.runs, [
    { uris: ['a.scs'], aborted: true },
    { uris: ['a.scs', 'b.scs'], aborted: false },
  ]);
  await continuous.dispose();
});

test('a change of the settings re-runs everything covered, cutting short the run in progress', async () => {
  const fake = target(['a.scs', 'b.scs'], 1500);
  const continuous = new ContinuousRun(fake, 10);
  continuous.saved('a.scs');
  await sleep(50);
  continuous.settingsChanged();
  await continuous.idle();
  assert.deepEqual(fake.runs, [
    { uris: ['a.scs'], aborted: true },
    { uris: ['a.scs', 'b.scs'], aborted: false },
  ]);
  await continuous.dispose();
});

test("a change of the settings that affects some scenarios (their folder's) re-runs only those, and cuts short only a run of one of them", async () => {
  const fake = target(['a.scs', 'b.scs'], 300);
  const continuous = new ContinuousRun(fake, 10);
  continuous.saved('a.scs');
  await sleep(50);
  continuous.settingsChanged((uri) => uri === 'b.scs');
  continuous.settingsChanged(() => false);
  await continuous.idle();
  assert.deepEqual(fake.runs, [
    { uris: ['a.scs'], aborted: false },
    { uris: ['b.scs'], aborted: false },
  ]);
  continuous.saved('a.scs');
  await sleep(50);
  continuous.settingsChanged((uri) => uri === 'a.scs');
  await continuous.idle();
  assert.deepEqual(fake.runs.slice(2), [
    { uris: ['a.scs'], aborted: true },
    { uris: ['a.scs'], aborted: false },
  ]);
  await continuous.dispose();
});

test('a run of several scenarios cut short by a save runs them all again, not only the one saved', async () => {
  const fake = target(['a.scs', 'b.scs'], 300);
  const continuous = new ContinuousRun(fake, 10);
  continuous.saved('a.scs');
  continuous.saved('b.scs');
  await sleep(50);
  continuous.saved('a.scs');
  await continuous.idle();
  assert.deepEqual(fake.runs, [
    { uris: ['a.scs', 'b.scs'], aborted: true },
    { uris: ['a.scs', 'b.scs'], aborted: false },
  ]);
  await continuous.dispose();
});

test('ending the continuous run aborts the run in progress and starts no other', async () => {
  const fake = target(['a.scs', 'b.scs'], 10_000);
  const continuous = new ContinuousRun(fake, 10);
  continuous.saved('a.scs');
  await sleep(50);
  continuous.saved('b.scs');
  const started = performance.now();
  await continuous.dispose();
  assert.ok(performance.now() - started < 5000, 'the long run was aborted, not waited for');
  continuous.saved('a.scs');
  continuous.settingsChanged();
  await sleep(60);
  assert.deepEqual(fake.runs, [{ uris: ['a.scs'], aborted: true }]);
});

test('a run that rejects is reported, and the next save runs again', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const continuous = new ContinuousRun(
    {
      covers: () => true,
      all: () => [],
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('no server');
      },
      onError: (error) => errors.push(error),
    },
    10,
  );
  continuous.saved('a.scs');
  await continuous.idle();
  continuous.saved('a.scs');
  await continuous.idle();
  assert.equal(calls, 2);
  assert.deepEqual(
    errors.map((error) => (error as Error).message),
    ['no server'],
  );
  await continuous.dispose();
});
