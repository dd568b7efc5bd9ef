// The diagnostics of successive versions of one document, as diagnose() gives them, without
// redoing the whole file on every keystroke. A keystroke inside a step's block (IncrementalParser's
// `lastEdit`) can only change that block's own diagnostics, which characters are used, and the
// indentation of the edited line: only those are checked again, and the sorted list is patched.
// A 100,000-step file then costs what its edited block costs, not what the file costs.

import type { Character, Diagnostic, Scenario, Step, VariableRef } from '../model.js';
import type { BlockEdit } from '../parser/incremental.js';
import { checkCharacters, unusedCharacter } from './characters.js';
import { indentationLines, indentationOf, mixedIndentation, type Indentation } from './indentation.js';
import { countSeverities, diagnosticLimit, noCounts, omittedDiagnostic, severities, type SeverityCounts } from './limit.js';
import { checkBlock, checkSteps } from './steps.js';
import { addStepVariables, checkVariables } from './variables.js';

const severityOrder = { error: 0, warning: 1, information: 2, hint: 3 };

/** diagnose()'s order: by position, then severity. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || severityOrder[a.severity] - severityOrder[b.severity];
}

interface State {
  scenario: Scenario;
  defined: Set<string>;
  /** Characters some step acts as. */
  actors: Set<string>;
  /** How many variables name each character. */
  variableUses: Map<string, number>;
  /** Each step's block diagnostics (several stanzas, variables), for steps that have any. */
  byStep: Map<number, Diagnostic[]>;
  /** The unused-character diagnostic of each character that has one. */
  unused: Map<Character, Diagnostic>;
  /** Indentation of each line, and the mixed-indentation hint of each line that has one. */
  indentation: Indentation[];
  tabLines: number;
  mixed: Map<number, Diagnostic>;
  /** A lone CR ends a line for the parser but not for the indentation check: edits then redo all. */
  loneCr: boolean;
  /** Every semantic diagnostic, sorted (compareDiagnostics; equal ones in the order found). */
  semantic: Diagnostic[];
  semanticCounts: SeverityCounts;
  /** The parser's diagnostics as given, and sorted. */
  parsed: Diagnostic[];
  parsedSorted: Diagnostic[];
  parsedCounts: SeverityCounts;
}

/**
 * Diagnoses successive versions of one document. `update(scenario, edit)` equals
 * `diagnose(scenario)` (the same diagnostics, in the same order, capped the same way); given the
 * parser's `lastEdit` for a one-line edit in a block, it redoes only what that edit can change.
 * Never throws for any parsed text.
 */
export class IncrementalDiagnostics {
  private state: State | undefined;

  update(scenario: Scenario, edit?: BlockEdit): Diagnostic[] {
    const previous = this.state;
    const patched = previous && edit && edit.previous === previous.scenario && this.patch(previous, scenario, edit);
    if (!patched) this.state = fullState(scenario);
    return listed(this.state!);
  }

  /** Applies a one-line edit inside one step's block; false when that cannot be done here. */
  private patch(state: State, scenario: Scenario, edit: BlockEdit): boolean {
    const old = state.scenario;
    if (state.loneCr || scenario.characters !== old.characters || scenario.steps.length !== old.steps.length) return false;
    const indentation = indentationOf(edit.lineText);
    const tabLines = state.tabLines - (state.indentation[edit.line] === 'tab' ? 1 : 0) + (indentation === 'tab' ? 1 : 0);
    // Tabs appearing or disappearing from the file changes the hint of every space-indented line.
    if (tabLines > 0 !== state.tabLines > 0) return false;

    const index = edit.stepIndex;
    const before = old.steps[index];
    const step = scenario.steps[index];
    // Block diagnostics and variable uses of the edited step.
    const removed = state.byStep.get(index) ?? [];
    const added = blockDiagnostics(step, state.defined);
    for (const variable of stepVariables(before)) countUse(state.variableUses, variable, -1);
    for (const variable of stepVariables(step)) countUse(state.variableUses, variable, 1);
    if (added.length > 0) state.byStep.set(index, added);
    else state.byStep.delete(index);
    for (const item of removed) remove(state, item);
    for (const item of added) insert(state, item);

    // Characters used or not any more.
    for (const character of scenario.characters) {
      const name = character.name.value;
      const unused = name !== '' && !state.actors.has(name) && !state.variableUses.get(name);
      const had = state.unused.get(character);
      if (unused && !had) {
        const item = unusedCharacter(character);
        state.unused.set(character, item);
        insert(state, item);
      } else if (!unused && had) {
        state.unused.delete(character);
        remove(state, had);
      }
    }

    // The edited line's indentation.
    const hint = state.mixed.get(edit.line);
    if (hint) {
      state.mixed.delete(edit.line);
      remove(state, hint);
    }
    state.indentation[edit.line] = indentation;
    state.tabLines = tabLines;
    if (tabLines > 0 && indentation === 'space') {
      const item = mixedIndentation(edit.line, edit.lineText);
      state.mixed.set(edit.line, item);
      insert(state, item);
    }

    if (scenario.diagnostics !== state.parsed) setParsed(state, scenario.diagnostics);
    state.scenario = scenario;
    return true;
  }
}

function fullState(scenario: Scenario): State {
  const defined = new Set(scenario.characters.map((character) => character.name.value).filter((name) => name !== ''));
  const semantic: Diagnostic[] = [];
  checkCharacters(scenario, semantic);
  checkSteps(scenario, defined, semantic);

  const actors = new Set<string>();
  const variableUses = new Map<string, number>();
  const byStep = new Map<number, Diagnostic[]>();
  for (const step of scenario.steps) {
    actors.add(step.character.value);
    for (const variable of stepVariables(step)) countUse(variableUses, variable, 1);
    const found = blockDiagnostics(step, defined);
    if (found.length > 0) {
      byStep.set(step.index, found);
      semantic.push(...found);
    }
  }

  const unused = new Map<Character, Diagnostic>();
  for (const character of scenario.characters) {
    const name = character.name.value;
    if (name !== '' && !actors.has(name) && !variableUses.get(name)) {
      const item = unusedCharacter(character);
      unused.set(character, item);
      semantic.push(item);
    }
  }

  const lines = indentationLines(scenario.text);
  const indentation = lines.map(indentationOf);
  const tabLines = indentation.filter((kind) => kind === 'tab').length;
  const mixed = new Map<number, Diagnostic>();
  if (tabLines > 0) {
    indentation.forEach((kind, line) => {
      if (kind !== 'space') return;
      const item = mixedIndentation(line, lines[line]);
      mixed.set(line, item);
      semantic.push(item);
    });
  }

  semantic.sort(compareDiagnostics);
  const state: State = {
    scenario,
    defined,
    actors,
    variableUses,
    byStep,
    unused,
    indentation,
    tabLines,
    mixed,
    loneCr: /\r(?!\n)/.test(scenario.text),
    semantic,
    semanticCounts: countSeverities(semantic),
    parsed: [],
    parsedSorted: [],
    parsedCounts: noCounts(),
  };
  setParsed(state, scenario.diagnostics);
  return state;
}

/** A step's block diagnostics: several stanzas, then its variables' problems. */
function blockDiagnostics(step: Step, defined: Set<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkBlock(step, out);
  checkVariables(stepVariables(step), defined, out);
  return out;
}

function stepVariables(step: Step): VariableRef[] {
  const found: VariableRef[] = [];
  addStepVariables(step, found);
  return found;
}

function countUse(uses: Map<string, number>, variable: VariableRef, by: number): void {
  const name = variable.character?.value;
  if (name === undefined) return;
  const count = (uses.get(name) ?? 0) + by;
  if (count > 0) uses.set(name, count);
  else uses.delete(name);
}

function setParsed(state: State, diagnostics: Diagnostic[]): void {
  state.parsed = diagnostics;
  state.parsedSorted = [...diagnostics].sort(compareDiagnostics);
  state.parsedCounts = countSeverities(diagnostics);
}

/** Puts `item` after the semantic diagnostics that sort before it or equal to it. */
function insert(state: State, item: Diagnostic): void {
  const list = state.semantic;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareDiagnostics(list[middle], item) <= 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, item);
  state.semanticCounts[item.severity]++;
}

function remove(state: State, item: Diagnostic): void {
  const at = state.semantic.indexOf(item);
  if (at === -1) return;
  state.semantic.splice(at, 1);
  state.semanticCounts[item.severity]--;
}

/** The parser's and the semantic diagnostics merged in order (the parser's first among equals),
 *  capped at `diagnosticLimit` with one more saying how many were left out. */
function listed(state: State): Diagnostic[] {
  const parsed = state.parsedSorted;
  const semantic = state.semantic;
  const total = parsed.length + semantic.length;
  const shown = Math.min(total, diagnosticLimit);
  const out: Diagnostic[] = [];
  let p = 0;
  let s = 0;
  const next = (): Diagnostic => (s >= semantic.length || (p < parsed.length && compareDiagnostics(parsed[p], semantic[s]) <= 0) ? parsed[p++] : semantic[s++]);
  while (out.length < shown) out.push(next());
  if (total > shown) {
    const omitted = noCounts();
    for (const severity of severities) omitted[severity] = state.parsedCounts[severity] + state.semanticCounts[severity];
    for (const item of out) omitted[item.severity]--;
    out.push(omittedDiagnostic(next(), omitted));
  }
  return out;
}
