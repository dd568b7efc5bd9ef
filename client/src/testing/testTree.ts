// The test items of one scenario file as plain data: the scenario, and a child per step. Kept
// free of `vscode` so it can be tested without an editor; testController.ts turns it into
// TestItems.
//
// Ids are stable across reloads (VS Code keeps the results history by id): the file's URI for the
// scenario, the URI and the step's index for a step.

import { runGate } from '../../../core/gate.js';
import type { Range, Scenario } from '../../../core/model.js';
import { distinctStepLabels } from '../../../core/queries.js';

export interface StepNode {
  id: string;
  index: number;
  label: string;
  /** The nearest comment heading above the step, shown next to the label. */
  description?: string;
  /** Sorts steps in file order in the Test Explorer. */
  sortText: string;
  range: Range;
}

export interface ScenarioNode {
  id: string;
  label: string;
  /** Test tag ids from the `##` lines: `muc` for `## muc`; `status` and `status:stable` for
   *  `## status: stable` (the Test Explorer filters with `@scansion:muc`). */
  tags: string[];
  range: Range;
  steps: StepNode[];
  /** Why the scenario may not run (core/gate.ts), shown as the item's error; runs refuse it with
   *  the same message. */
  error?: string;
}

const stepSeparator = '#step-';

export function stepId(uri: string, index: number): string {
  return `${uri}${stepSeparator}${index}`;
}

/** The scenario id (file URI) and step index an item id names. */
export function parseItemId(id: string): { uri: string; stepIndex?: number } {
  const at = id.lastIndexOf(stepSeparator);
  if (at === -1) return { uri: id };
  const index = Number(id.slice(at + stepSeparator.length));
  return Number.isInteger(index) && index >= 0 ? { uri: id.slice(0, at), stepIndex: index } : { uri: id };
}

/** The scenario's items; `fileName` labels a scenario without a title. Undefined for a file with
 *  nothing in it yet (no character and no step): an empty file is no test. */
export function scenarioTree(scenario: Scenario, uri: string, fileName: string): ScenarioNode | undefined {
  if (scenario.steps.length === 0 && scenario.characters.length === 0) return undefined;
  const width = String(Math.max(scenario.steps.length - 1, 0)).length;
  const labels = distinctStepLabels(scenario.steps);
  const steps = scenario.steps.map((step): StepNode => {
    const node: StepNode = {
      id: stepId(uri, step.index),
      index: step.index,
      label: labels[step.index]!,
      sortText: String(step.index).padStart(width, '0'),
      range: step.range,
    };
    // A step under no heading of its own gets the title as heading: no need to repeat it.
    if (step.heading && step.heading !== scenario.metadata.title?.value) node.description = step.heading;
    return node;
  });
  const lastLine = Math.max(0, scenario.text.split('\n').length - 1);
  const node: ScenarioNode = {
    id: uri,
    label: scenario.metadata.title?.value || fileName,
    range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } },
    tags: [...new Set(scenario.metadata.tags.flatMap((tag) => (tag.value ? [tag.name.value, `${tag.name.value}:${tag.value.value}`] : [tag.name.value])))],
    steps,
  };
  const refusal = runGate(scenario);
  if (refusal) node.error = refusal.message;
  return node;
}
