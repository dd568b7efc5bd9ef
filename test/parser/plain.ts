// A parse result as plain data, for comparing an incremental result with a fresh one. The steps
// and blocks below a line edit are views (core/parser/moved.ts) whose ranges are made when read;
// assert.deepEqual compares own properties and prototypes, so it would see the view, not what it
// reads as. This reads every property of the model (core/model.ts) instead.

import type { Block, Scenario, Step } from '../../core/model.js';

export function plainScenario(scenario: Scenario): Scenario {
  return { ...scenario, steps: scenario.steps.map(plainStep) };
}

function plainStep(step: Step): Step {
  const plain: Step = {
    index: step.index,
    character: step.character,
    verb: step.verb,
    nothing: step.nothing,
    actionRange: step.actionRange,
    range: step.range,
  };
  if (step.block !== undefined) plain.block = plainBlock(step.block);
  if (step.heading !== undefined) plain.heading = step.heading;
  return plain;
}

function plainBlock(block: Block): Block {
  return { range: block.range, stanzas: block.stanzas };
}
