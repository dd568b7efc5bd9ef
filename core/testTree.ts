// A scenario as a test tree: the scenario and one entry per step, with labels, headings, tags and
// the run gate's verdict. Plain data: the language server publishes it for every open document
// (shared/protocol.ts `scansion/testTree`) and the extension builds the same tree for files no
// editor has open; the extension turns it into Test Explorer items.

import { refusalFrom, runGate } from './gate.js';
import type { Diagnostic, Range, Scenario } from './model.js';
import { distinctStepLabels } from './queries.js';

export interface StepTree {
  /** The step's index in `Scenario.steps` (0-based), which is also its place in the file. */
  index: number;
  /** Tells the step apart from the others in the list (`Romeo sends <message>`). */
  label: string;
  /** The nearest comment heading above the step, unless it is the scenario's title. */
  description?: string;
  /** The step: its action line and block (0-based). */
  range: Range;
}

export interface ScenarioTree {
  /** The `#` title line, when the file has one; the extension names the item by its file then. */
  title?: string;
  /** Test tag ids from the `##` lines: `muc` for `## muc`; `status` and `status:stable` for
   *  `## status: stable` (the Test Explorer filters with `@scansion:muc`). */
  tags: string[];
  /** The whole file: line 0 to its last line. */
  range: Range;
  steps: StepTree[];
  /** Why the scenario may not run (core/gate.ts); runs refuse it with the same message. */
  error?: string;
}

/** The scenario's test tree. Undefined for a file with nothing in it yet (no character and no
 *  step): an empty file is no test. `diagnostics`, when the caller has them already (the language
 *  server's, capped at 1,000 as core/diagnostics/limit.ts does), must be diagnose()'s for this
 *  scenario: the run gate's verdict comes from them instead of diagnosing again (the bulk of the
 *  cost). Otherwise linear in the number of steps. */
export function scenarioTree(scenario: Scenario, diagnostics?: readonly Diagnostic[]): ScenarioTree | undefined {
  if (scenario.steps.length === 0 && scenario.characters.length === 0) return undefined;
  const title = scenario.metadata.title?.value;
  const labels = distinctStepLabels(scenario.steps);
  const steps = scenario.steps.map((step): StepTree => {
    const node: StepTree = { index: step.index, label: labels[step.index]!, range: step.range };
    // A step under no heading of its own gets the title as heading: no need to repeat it.
    if (step.heading && step.heading !== title) node.description = step.heading;
    return node;
  });
  const tree: ScenarioTree = {
    range: { start: { line: 0, character: 0 }, end: { line: lastLine(scenario.text), character: 0 } },
    tags: [...new Set(scenario.metadata.tags.flatMap((tag) => (tag.value ? [tag.name.value, `${tag.name.value}:${tag.value.value}`] : [tag.name.value])))],
    steps,
  };
  if (title) tree.title = title;
  const refusal = diagnostics ? refusalFrom(diagnostics) : runGate(scenario);
  if (refusal) tree.error = refusal.message;
  return tree;
}

function lastLine(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
