// The diagnostics of successive versions of one document, as diagnose() gives them, without
// redoing the whole file on every keystroke. When the parser spliced its result (IncrementalParser's
// `lastEdit`: an edit inside one step's block, blank lines added or removed between steps, or the
// steps or definitions around an edit read again), only what that edit can change is checked
// again: the edited blocks' own diagnostics, which characters are used, the indentation of the
// changed lines, the definitions' checks when they were read again (with the same names), and,
// when lines were added or removed or steps read again, the steps' checks (a step's character or
// verb changes the connection state of the steps after it; some messages name lines). Everything
// below the edit moves by the lines added or removed. A keystroke in a block of a 100,000-step file
// then costs what its block costs, plus O(diagnostics) for moved lines; one on an action or comment
// line adds one pass of the steps' checks, O(steps).

import type { Character, Diagnostic, Scenario, Step, VariableRef } from '../model.js';
import type { SplicedEdit } from '../parser/incremental.js';
import type { StepsWindow } from '../parser/stepWindow.js';
import { stepVariables } from '../queries.js';
import { checkCharacters, unusedCharacter } from './characters.js';
import { fileIndentation, indentationOf, mixedIndentation } from './indentation.js';
import { Layer, mergeLayers } from './layer.js';
import { firstStartingAt } from '../parser/shift.js';
import { countSeverities, diagnosticLimit, noCounts, omittedDiagnostic, severities, type SeverityCounts } from './limit.js';
import { checkBlock, checkSteps, lineNamingStepCodes, misspeltVerbs } from './steps.js';
import { checkVariables } from './variables.js';

interface State {
  scenario: Scenario;
  defined: Set<string>;
  /** How many steps act as each character (a misspelt verb's line counts: misspeltVerbs). */
  actors: Map<string, number>;
  /** How many variables name each character. */
  variableUses: Map<string, number>;
  /** How many lines are indented with a tab first (indentation.ts). */
  tabLines: number;
  /** A lone CR ends a line for the parser but not for the indentation check: edits then redo all. */
  loneCr: boolean;
  /** The semantic diagnostics, one layer per check, in the order diagnose() finds them (among equal
   *  diagnostics, those of an earlier layer come first). */
  characters: Layer;
  steps: Layer;
  /** Each step's block diagnostics (several stanzas, variables); blocks do not overlap. */
  blocks: Layer;
  unused: Layer;
  /** The unused-character diagnostic of each character that has one (those of `unused`). */
  unusedBy: Map<Character, Diagnostic>;
  /** The mixed-indentation hints (only when some line is indented with a tab). */
  mixed: Layer;
  /** The parser's diagnostics as given, and sorted. */
  parsed: Diagnostic[];
  parsedSorted: Diagnostic[];
  parsedCounts: SeverityCounts;
}

/**
 * Diagnoses successive versions of one document. `update(scenario, edit)` equals
 * `diagnose(scenario)` (the same diagnostics, in the same order, capped the same way); given the
 * parser's `lastEdit`, it redoes only what that edit can change. Never throws for any parsed text.
 */
export class IncrementalDiagnostics {
  private state: State | undefined;

  update(scenario: Scenario, edit?: SplicedEdit): Diagnostic[] {
    const previous = this.state;
    const patched = previous && edit && edit.previous === previous.scenario && this.patch(previous, scenario, edit);
    if (!patched) this.state = fullState(scenario);
    return listed(this.state!);
  }

  /** Applies a spliced edit; false when that cannot be done here (the state is then unchanged). */
  private patch(state: State, scenario: Scenario, edit: SplicedEdit): boolean {
    const old = state.scenario;
    // Definitions read again keep their names (the parser's spliceDefinitions).
    const definitions = scenario.characters !== old.characters;
    if (state.loneCr || (definitions && edit.window === undefined)) return false;
    if (edit.window === undefined && scenario.steps.length !== old.steps.length) return false;
    const tabLines = state.tabLines - countTabLines(edit.oldLines) + countTabLines(edit.newLines);
    // Tabs appearing or disappearing from the file changes the hint of every space-indented line.
    if (tabLines > 0 !== state.tabLines > 0) return false;
    const { line, oldLast, newLast } = edit;
    const moved = newLast - oldLast;

    if (edit.window !== undefined) {
      patchWindow(state, old, scenario, edit.window);
    } else if (edit.stepIndex === undefined) {
      state.blocks.replaceLines(line, oldLast, moved, []);
    } else {
      // The edited step's block diagnostics, and the characters its variables name.
      const before = old.steps[edit.stepIndex];
      const step = scenario.steps[edit.stepIndex];
      for (const variable of stepVariables(before)) countUse(state.variableUses, variable, -1);
      for (const variable of stepVariables(step)) countUse(state.variableUses, variable, 1);
      const { start, end } = before.block!.range;
      state.blocks.replaceLines(start.line, end.line, moved, blockDiagnostics(step, state.defined));
      updateUnused(state, scenario.characters);
    }

    // The changed lines' indentation.
    const hints = tabLines > 0 ? edit.newLines.flatMap((text, i) => (indentationOf(text) === 'space' ? [mixedIndentation(line + i, text)] : [])) : [];
    state.mixed.replaceLines(line, oldLast, moved, hints);
    state.tabLines = tabLines;

    if (moved !== 0) {
      // Definitions lie above a splice that moves lines (the parser's canMoveBelow), and steps keep
      // their order and kind: their diagnostics move, unless one names a line that moved.
      state.characters.replaceLines(line, oldLast, moved, []);
      state.unused.replaceLines(line, oldLast, moved, []);
      if (edit.window === undefined) {
        if (state.steps.someBelow(oldLast, (item) => lineNamingStepCodes.has(item.code))) state.steps.set(stepsDiagnostics(scenario, state.defined));
        else state.steps.replaceLines(line, oldLast, moved, []);
      }
    }
    if (edit.window !== undefined) state.steps.set(stepsDiagnostics(scenario, state.defined));
    if (definitions) {
      state.characters.set(charactersDiagnostics(scenario));
      state.unusedBy = new Map();
      state.unused.set([]);
    }
    if (edit.window !== undefined) updateUnused(state, scenario.characters);
    if (scenario.diagnostics !== state.parsed) setParsed(state, scenario.diagnostics);
    state.scenario = scenario;
    return true;
  }
}

/** The steps read again (`window`): their blocks' diagnostics, and the characters they act as
 *  and name in variables; the parser's diagnostics are still the old ones (state.parsed). Which
 *  characters are unused is for the caller to update. */
function patchWindow(state: State, old: Scenario, scenario: Scenario, window: StepsWindow): void {
  const { from, oldTo, newTo, firstStep, oldSteps, newSteps } = window;
  const blocks: Diagnostic[] = [];
  for (let i = firstStep; i < firstStep + oldSteps; i++) countStep(state, old.steps[i], -1);
  for (let i = firstStep; i < firstStep + newSteps; i++) {
    const step = scenario.steps[i];
    const variables = countStep(state, step, 1);
    blocks.push(...blockDiagnostics(step, state.defined, variables));
  }
  for (const misspelt of misspeltVerbs(state.parsedSorted.slice(firstStartingAt(state.parsedSorted, from), firstStartingAt(state.parsedSorted, oldTo))))
    count(state.actors, misspelt.name, -1);
  const added = scenario.diagnostics.filter((item) => item.range.start.line >= from && item.range.start.line < newTo);
  for (const misspelt of misspeltVerbs(added)) count(state.actors, misspelt.name, 1);
  state.blocks.replaceLines(from, oldTo - 1, newTo - oldTo, blocks);
}

/** Counts (`by` 1) or uncounts (-1) what `step` uses: its character, the characters its variables
 *  name. Returns its variables. */
function countStep(state: State, step: Step, by: number): VariableRef[] {
  count(state.actors, step.character.value, by);
  const variables = stepVariables(step);
  for (const variable of variables) countUse(state.variableUses, variable, by);
  return variables;
}

function fullState(scenario: Scenario): State {
  const defined = new Set(scenario.characters.map((character) => character.name.value).filter((name) => name !== ''));

  const actors = new Map<string, number>();
  for (const misspelt of misspeltVerbs(scenario.diagnostics)) count(actors, misspelt.name, 1);
  const variableUses = new Map<string, number>();
  const blocks: Diagnostic[] = [];
  for (const step of scenario.steps) {
    count(actors, step.character.value, 1);
    const variables = stepVariables(step);
    for (const variable of variables) countUse(variableUses, variable, 1);
    blocks.push(...blockDiagnostics(step, defined, variables));
  }

  const { tabLines, mixed } = fileIndentation(scenario.text);

  const state: State = {
    scenario,
    defined,
    actors,
    variableUses,
    tabLines,
    // Most texts hold no \r at all: indexOf finds that far faster than the expression.
    loneCr: scenario.text.indexOf('\r') !== -1 && /\r(?!\n)/.test(scenario.text),
    characters: new Layer(charactersDiagnostics(scenario)),
    steps: new Layer(stepsDiagnostics(scenario, defined)),
    blocks: new Layer(blocks),
    unused: new Layer(),
    unusedBy: new Map(),
    mixed: new Layer(mixed),
    parsed: [],
    parsedSorted: [],
    parsedCounts: noCounts(),
  };
  updateUnused(state, scenario.characters);
  setParsed(state, scenario.diagnostics);
  return state;
}

function charactersDiagnostics(scenario: Scenario): Diagnostic[] {
  const found: Diagnostic[] = [];
  checkCharacters(scenario, found);
  return found;
}

function stepsDiagnostics(scenario: Scenario, defined: Set<string>): Diagnostic[] {
  const found: Diagnostic[] = [];
  checkSteps(scenario, defined, found);
  return found;
}

/** Brings the unused-character layer up to date (characters are few); diagnostics of characters
 *  that stay unused are kept as they were. */
function updateUnused(state: State, characters: Character[]): void {
  let changed = false;
  for (const character of characters) {
    const name = character.name.value;
    const unused = name !== '' && !state.actors.has(name) && !state.variableUses.get(name);
    if (unused !== state.unusedBy.has(character)) {
      changed = true;
      if (unused) state.unusedBy.set(character, unusedCharacter(character));
      else state.unusedBy.delete(character);
    }
  }
  if (changed) state.unused.set(characters.flatMap((character) => state.unusedBy.get(character) ?? []));
}

function countTabLines(lines: string[]): number {
  let count = 0;
  for (const text of lines) if (indentationOf(text) === 'tab') count++;
  return count;
}

/** A step's block diagnostics: several stanzas, then its variables' problems (`variables`: its
 *  stepVariables, when already at hand). */
function blockDiagnostics(step: Step, defined: Set<string>, variables = stepVariables(step)): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkBlock(step, out);
  checkVariables(variables, defined, out);
  return out;
}

function countUse(uses: Map<string, number>, variable: VariableRef, by: number): void {
  const name = variable.character?.value;
  if (name !== undefined) count(uses, name, by);
}

/** Adds `by` to the count of `name`; a name counted 0 times is no key. */
function count(counts: Map<string, number>, name: string, by: number): void {
  const total = (counts.get(name) ?? 0) + by;
  if (total > 0) counts.set(name, total);
  else counts.delete(name);
}

function setParsed(state: State, diagnostics: Diagnostic[]): void {
  state.parsed = diagnostics;
  state.parsedSorted = new Layer([...diagnostics]).items;
  state.parsedCounts = countSeverities(diagnostics);
}

/** The parser's and the semantic diagnostics merged in order (the parser's first among equals),
 *  capped at `diagnosticLimit` with one more saying how many were left out. */
function listed(state: State): Diagnostic[] {
  const layers = [state.characters, state.steps, state.blocks, state.unused, state.mixed];
  const { merged, next } = mergeLayers([state.parsedSorted, ...layers.map((layer) => layer.items)], diagnosticLimit);
  if (next === undefined) return merged;
  const omitted = noCounts();
  for (const severity of severities) omitted[severity] = state.parsedCounts[severity] + layers.reduce((sum, layer) => sum + layer.counts[severity], 0);
  for (const item of merged) omitted[item.severity]--;
  merged.push(omittedDiagnostic(next, omitted));
  return merged;
}
