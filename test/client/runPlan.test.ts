// client/src/testing/runPlan.ts: how far a run request runs each scenario.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPlan } from '../../client/src/testing/runPlan.js';

test('a step item runs its scenario up to that step; a scenario item runs whole', () => {
  assert.deepEqual([...runPlan([{ scenario: 'a', step: 3 }])], [['a', 3]]);
  assert.deepEqual([...runPlan([{ scenario: 'a' }])], [['a', undefined]]);
});

test('several steps of one scenario: up to the last of them, whatever the order asked', () => {
  assert.deepEqual(
    [
      ...runPlan([
        { scenario: 'a', step: 5 },
        { scenario: 'b', step: 0 },
        { scenario: 'a', step: 2 },
        { scenario: 'a', step: 7 },
      ]),
    ],
    [
      ['a', 7],
      ['b', 0],
    ],
  );
});

test('a scenario asked for whole, before or after one of its steps, runs whole', () => {
  assert.deepEqual([...runPlan([{ scenario: 'a', step: 2 }, { scenario: 'a' }])], [['a', undefined]]);
  assert.deepEqual([...runPlan([{ scenario: 'a' }, { scenario: 'a', step: 2 }])], [['a', undefined]]);
});
