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
import { actionLine, blockOutline, characterName, hasBlock } from '../parser/moved.js';
import { stepVariables } from '../queries.js';
import { checkCharacters, unusedCharacter } from './characters.js';
import { fileIndentation, indentationOf, mixedIndentation } from './indentation.js';
import { Layer, mergeLayers } from './layer.js';
import { firstStartingAt } from '../parser/shift.js';
import { countSeverities, diagnosticLimit, noCounts, omittedDiagnostic, severities, type SeverityCounts } from './limit.js';
import { checkBlock, checkStep, checkSteps, lineNamingStepCodes, UndefinedNames } from './steps.js';
import { checkConnections, connectionEvents, connectionsBefore, misspeltConnections, misspeltVerbs } from './connections.js';
import { checkVariables, VariableFindings } from './variables.js';
import { checkNoSteps } from './noSteps.js';

interface State {
  scenario: Scenario;
  defined: Set<string>;
  /** What is said of undefined characters and of variables among `defined`, by name and text. */
  undefinedNames: UndefinedNames;
  findings: VariableFindings;
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
  /** The no-steps warning (noSteps.ts), redone on every update: it costs O(first line). */
  noSteps: Layer;
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
    // Definitions read again (the parser's spliceDefinitions), maybe with other names.
    const definitions = scenario.characters !== old.characters;
    if (state.loneCr || (definitions && edit.window === undefined)) return false;
    if (edit.window === undefined && scenario.steps.length !== old.steps.length) return false;
    const tabLines = state.tabLines - countTabLines(edit.oldLines) + countTabLines(edit.newLines);
    // Tabs appearing or disappearing from the file changes the hint of every space-indented line.
    if (tabLines > 0 !== state.tabLines > 0) return false;
    const { line, oldLast, newLast } = edit;
    const moved = newLast - oldLast;
    const before = state.defined;
    const defined = definitions ? definedNames(scenario) : before;
    // In order: among names as close to an undefined one, the first defined is suggested.
    const renamed = !sameNames(before, defined);
    const { undefinedNames, findings } = state;
    if (renamed) {
      state.defined = defined;
      state.undefinedNames = new UndefinedNames(defined);
      state.findings = new VariableFindings(defined);
    }

    let redo: StepsRedo = 'none';
    if (edit.window !== undefined) {
      redo = patchWindow(state, old, scenario, edit.window);
      // After a change of names, the steps whose action lines read otherwise (no line moved).
      if (edit.steps !== undefined) patchWindow(state, old, scenario, edit.steps);
    } else if (edit.stepIndex === undefined) {
      state.blocks.replaceLines(line, oldLast, moved, []);
    } else {
      // The edited step's block diagnostics, and the characters its variables name.
      const before = old.steps[edit.stepIndex];
      const step = scenario.steps[edit.stepIndex];
      for (const variable of stepVariables(before)) countUse(state.variableUses, variable, -1);
      for (const variable of stepVariables(step)) countUse(state.variableUses, variable, 1);
      const { start, end } = before.block!.range;
      state.blocks.replaceLines(start.line, end.line, moved, blockDiagnostics(step, state.findings));
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
    if (edit.window !== undefined) {
      // The connection states run through every step: when the steps read again change no
      // connects or disconnects, and no line moved, only their own checks are redone.
      if (moved !== 0 || redo === 'all' || edit.steps !== undefined) state.steps.set(stepsDiagnostics(scenario, state.defined));
      else if (renamed) renamedSteps(state, scenario, undefinedNames);
      else if (redo === 'window') state.steps.replaceLines(edit.window.from, edit.window.oldTo - 1, 0, windowStepsDiagnostics(state, scenario, edit.window));
    }
    if (renamed) renamedBlocks(state, scenario, findings);
    if (definitions) {
      state.characters.set(charactersDiagnostics(scenario));
      state.unusedBy = new Map();
      state.unused.set([]);
    }
    if (edit.window !== undefined) updateUnused(state, scenario.characters);
    if (scenario.diagnostics !== state.parsed) setParsed(state, scenario.diagnostics);
    state.noSteps.set(checkNoSteps(scenario));
    state.scenario = scenario;
    return true;
  }
}

/** Whether two sets hold the same names in the same order. */
function sameNames(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  const inB = b.values();
  for (const name of a) if (name !== inB.next().value) return false;
  return true;
}

/** The names of `scenario`'s characters (those given one), in the order defined. */
function definedNames(scenario: Scenario): Set<string> {
  const names = new Set<string>();
  for (const character of scenario.characters) if (character.name.value !== '') names.add(character.name.value);
  return names;
}

/**
 * After a change of the characters' names or their order (`before` says what was said of
 * undefined ones) that kept every step and line as it was: the steps' checks redone for the steps
 * whose character is now defined and was not (its connection states with it), or the other way
 * round, or is undefined and now closest to another name. The other steps' checks read the names
 * only through their own character's.
 */
function renamedSteps(state: State, scenario: Scenario, before: UndefinedNames): void {
  const after = state.undefinedNames;
  const isAffected = memoized((name) => {
    const defined = after.defined.has(name);
    return before.defined.has(name) !== defined || (!defined && before.of(name).suggestion !== after.of(name).suggestion);
  });
  const added = new Set([...after.defined].filter((name) => !before.defined.has(name)));
  // The connection diagnostics of the characters defined now (in step order, so in line order).
  const connections: Diagnostic[] = [];
  if (added.size > 0) checkConnections(scenario.steps, misspeltConnections(scenario.diagnostics), added, connections);
  let next = 0;
  const separatorLine = scenario.separator?.start.line;
  const lines: number[] = [];
  const found: Diagnostic[] = [];
  // Indexed loops: this runs now and then, too seldom to be optimized, and an array iterator not
  // optimized away makes an object per item.
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i];
    if (!isAffected(characterName(step))) continue;
    // Every step diagnostic on an action line is its step's (the separator's lie elsewhere).
    const line = actionLine(step);
    lines.push(line);
    checkStep(step, after.defined, separatorLine, found, after);
    while (next < connections.length && connections[next].range.start.line < line) next++;
    while (next < connections.length && connections[next].range.start.line === line) found.push(connections[next++]);
  }
  state.steps.replaceRuns(lines, lines, found);
}

/** After a change of the characters' names or their order (`before` says what was said of
 *  variables): the block diagnostics redone for the blocks holding a variable of which something
 *  else is said now; the others' stay. */
function renamedBlocks(state: State, scenario: Scenario, before: VariableFindings): void {
  const after = state.findings;
  const saidOtherwise = memoized((raw) => JSON.stringify(before.of(raw)) !== JSON.stringify(after.of(raw)));
  const firsts: number[] = [];
  const lasts: number[] = [];
  const found: Diagnostic[] = [];
  for (const step of scenario.steps.filter((step) => holdsAny(blockOutline(step)?.variables, saidOtherwise))) {
    const { start, end } = step.block!.range;
    firsts.push(start.line);
    lasts.push(end.line);
    for (const item of blockDiagnostics(step, after)) found.push(item);
  }
  state.blocks.replaceRuns(firsts, lasts, found);
}

/** Whether one of `variables` (maybe none) passes `test`. */
function holdsAny(variables: readonly VariableRef[] | undefined, test: (raw: string) => boolean): boolean {
  if (variables === undefined) return false;
  for (let i = 0; i < variables.length; i++) if (test(variables[i].raw)) return true;
  return false;
}

/** `find`, found once per key. */
function memoized<T>(find: (key: string) => T): (key: string) => T {
  const found = new Map<string, T>();
  return (key) => {
    let value = found.get(key);
    if (value === undefined && !found.has(key)) {
      value = find(key);
      found.set(key, value);
    }
    return value as T;
  };
}

/** Which of the steps' checks an edit makes stale: none, those of the steps read again, or all
 *  (a connects or disconnects changed, and with it the states of the steps after it). */
type StepsRedo = 'none' | 'window' | 'all';

/** The steps read again (`window`): their blocks' diagnostics, and the characters they act as
 *  and name in variables; the parser's diagnostics are still the old ones (state.parsed). Which
 *  characters are unused is for the caller to update. Returns which of the steps' checks are stale:
 *  none when the steps read again read as before for them (stepKey). */
function patchWindow(state: State, old: Scenario, scenario: Scenario, window: StepsWindow): StepsRedo {
  const { from, oldTo, newTo, firstStep, oldSteps, newSteps } = window;
  const blocks: Diagnostic[] = [];
  const keys: string[] = [];
  for (let i = firstStep; i < firstStep + oldSteps; i++) {
    countStep(state, old.steps[i], -1);
    keys.push(stepKey(old.steps[i]));
  }
  let changed = oldSteps !== newSteps;
  for (let i = firstStep; i < firstStep + newSteps; i++) {
    const step = scenario.steps[i];
    const variables = countStep(state, step, 1);
    blocks.push(...blockDiagnostics(step, state.findings, variables));
    if (!changed && keys[i - firstStep] !== stepKey(step)) changed = true;
  }
  // The parser's diagnostics of the lines read again, before (sorted) and after (as listed: item by item).
  const before = state.parsedSorted.slice(firstStartingAt(state.parsedSorted, from), firstStartingAt(state.parsedSorted, oldTo));
  const after = scenario.diagnostics.slice(firstStartingAt(scenario.diagnostics, from), firstStartingAt(scenario.diagnostics, newTo));
  for (const misspelt of misspeltVerbs(before)) count(state.actors, misspelt.name, -1);
  for (const misspelt of misspeltVerbs(after)) count(state.actors, misspelt.name, 1);
  state.blocks.replaceLines(from, oldTo - 1, newTo - oldTo, blocks);
  const oldEvents = connectionEvents(old.steps.slice(firstStep, firstStep + oldSteps), misspeltConnections(before), state.defined);
  const newEvents = connectionEvents(scenario.steps.slice(firstStep, firstStep + newSteps), misspeltConnections(after), state.defined);
  if (oldEvents !== newEvents) return 'all';
  return changed ? 'window' : 'none';
}

/** The steps' checks on the steps read again (`window`), each character's connection state taken
 *  from the steps above them (connectionsBefore). */
function windowStepsDiagnostics(state: State, scenario: Scenario, window: StepsWindow): Diagnostic[] {
  const { from, newTo, firstStep, newSteps } = window;
  const steps = scenario.steps.slice(firstStep, firstStep + newSteps);
  const found: Diagnostic[] = [];
  for (const step of steps) checkStep(step, state.defined, scenario.separator?.start.line, found, state.undefinedNames);
  const assumed = misspeltConnections(scenario.diagnostics);
  const names = new Set(steps.map(characterName).filter((name) => state.defined.has(name)));
  const states = connectionsBefore(scenario.steps, firstStep, assumed, names);
  const within = assumed.filter((item) => item.line >= from && item.line < newTo);
  checkConnections(steps, within, state.defined, found, states);
  return found;
}

/** All that the steps' checks read of a step (core/diagnostics/steps.ts: its character and verb
 *  with their ranges, its action line's range, whether it has a block), as one string. */
function stepKey(step: Step): string {
  const { character, verb, actionRange } = step;
  return JSON.stringify([character, verb, actionRange, step.nothing, hasBlock(step)]);
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
  const defined = definedNames(scenario);

  const actors = new Map<string, number>();
  for (const misspelt of misspeltVerbs(scenario.diagnostics)) count(actors, misspelt.name, 1);
  const variableUses = new Map<string, number>();
  const blocks: Diagnostic[] = [];
  const findings = new VariableFindings(defined);
  for (const step of scenario.steps) {
    count(actors, step.character.value, 1);
    const variables = stepVariables(step);
    for (const variable of variables) countUse(variableUses, variable, 1);
    blocks.push(...blockDiagnostics(step, findings, variables));
  }

  const { tabLines, mixed } = fileIndentation(scenario.text);

  const state: State = {
    scenario,
    defined,
    undefinedNames: new UndefinedNames(defined),
    findings,
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
    noSteps: new Layer(checkNoSteps(scenario)),
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
function blockDiagnostics(step: Step, findings: VariableFindings, variables = stepVariables(step)): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkBlock(step, out);
  checkVariables(variables, findings, out);
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
  const layers = [state.characters, state.steps, state.blocks, state.unused, state.mixed, state.noSteps];
  const { merged, next } = mergeLayers([state.parsedSorted, ...layers.map((layer) => layer.items)], diagnosticLimit);
  if (next === undefined) return merged;
  const omitted = noCounts();
  for (const severity of severities) omitted[severity] = state.parsedCounts[severity] + layers.reduce((sum, layer) => sum + layer.counts[severity], 0);
  for (const item of merged) omitted[item.severity]--;
  merged.push(omittedDiagnostic(next, omitted));
  return merged;
}
