// Re-reading the lines around an edit, for IncrementalParser, when the edit is not within one XML
// block: typing on an action line or a comment line, Enter or Backspace in one, a pasted step
// (spliceSteps); typing on the definitions when no name changes (spliceDefinitions).
// Below the separator and the definitions, the parser's state where it reads a step's action line
// is known from that step alone (the comment heading it; no definition is open), and a step's lines
// read the same whatever lies above them. So the lines from the last step above the edit to the
// second step below it (the first one's heading may change with the edit: SCANSION.md section 1,
// comments) are read again with ScenarioParser.parseLines, and every step, comment and diagnostic
// outside them is kept; those below move by the lines added or removed, and steps by the steps
// added or removed (moved.ts views). Likewise the separator ends everything above it, and the steps
// read the definitions only for the characters' names (action.ts): the lines down to the separator
// are read again and the steps are kept, unless the names changed and some action line reads
// otherwise by them (names.ts): the steps around those lines are then read again too.

import type { Comment, Diagnostic, Scenario } from '../model.js';
import type { BlockCache } from './blockCache.js';
import { maxLines as continuationReach } from './continuation.js';
import type { Edit, Previous } from './incremental.js';
import { actionLine, firstStepBelow, movedStep } from './moved.js';
import { linesReadOtherwise } from './names.js';
import { ScenarioParser } from './scenario.js';
import { firstStartingAt, shiftDiagnostic, shiftRange } from './shift.js';

/** The part of a result read again: lines [from, oldTo) of the previous text became lines
 *  [from, newTo) (0-based, ends excluded), and steps [firstStep, firstStep + oldSteps) of the
 *  previous result became steps [firstStep, firstStep + newSteps). */
export interface StepsWindow {
  from: number;
  oldTo: number;
  newTo: number;
  firstStep: number;
  oldSteps: number;
  newSteps: number;
}

/** A spliced result, with ScenarioParser.blockDiagnosticsAt for it. */
export interface WindowSplice {
  scenario: Scenario;
  blockDiagnosticsAt: number[];
  window: StepsWindow;
  /** After a change of the characters' names (spliceDefinitions, whose `window` is the
   *  definitions'): the steps read again because their lines read otherwise, in the new text's
   *  lines (no line moved then). */
  steps?: StepsWindow;
}

/**
 * The result for `edit` made by reading again only the steps around it, or undefined when the edit
 * may change more than those lines (the caller then parses the whole text):
 * - it touches the definitions or the separator, or a line it makes starts with `[` (a header);
 * - there are definitions below the separator;
 * - an XML block above it may be left open, or went on at column 0, close enough to have looked
 *   for its continuation in the edited lines (continuation.ts: where such a block ends depends on
 *   the lines below it), or one in the lines read again now goes on at column 0;
 * - it adds or removes lines above a block that goes on at column 0 (whose message names a line).
 * Blocks are looked up in `cache` (spliced()) and the new ones kept there; the caller moves the
 * cache's lines when it takes the result. Never throws.
 */
export function spliceSteps(previous: Previous, edit: Edit, cache: BlockCache): WindowSplice | undefined {
  const { text, lines, line, oldLast, newLast } = edit;
  const old = previous.scenario;
  const { separator, steps } = old;
  if (separator === undefined || line <= separator.start.line) return undefined;
  const separatorLine = separator.start.line;
  if (old.characters.some((character) => character.range.end.line >= separatorLine)) return undefined;
  for (let at = line; at <= newLast; at++) if (lines.starts[at] < lines.ends[at] && text.charCodeAt(lines.starts[at]) === 91 /* [ */) return undefined;

  // From the action line of the last step above the edit (or the line after the separator), to the
  // action line of the second step below it (or the end).
  const above = firstStepBelow(steps, line - 1) - 1;
  const fromStep = above >= 0 && actionLine(steps[above]) > separatorLine;
  const from = fromStep ? actionLine(steps[above]) : separatorLine + 1;
  const firstStep = fromStep ? above : firstStepBelow(steps, separatorLine);
  const end = Math.min(firstStepBelow(steps, oldLast) + 1, steps.length);
  const moved = newLast - oldLast;
  const oldTo = end < steps.length ? actionLine(steps[end]) : previous.lines.count;
  const newTo = end < steps.length ? oldTo + moved : lines.count;
  if (mayContinueInto(previous, cache, firstStep, from, separatorLine)) return undefined;
  // A continuation's message names its step's line (scenario.ts reportContinuation).
  if (moved !== 0 && continuationFrom(old.diagnostics, oldTo)) return undefined;

  const parser = new ScenarioParser(text, cache.spliced(Math.min(oldLast, newLast), moved), lines);
  const read = parser.parseLines(from, newTo, { names: definedNames(old), separator, heading: fromStep ? steps[above].heading : undefined, firstStep });
  if (parser.end !== newTo || read.diagnostics.some((item) => item.code === 'unindented-continuation')) return undefined;
  return splice(previous, edit.text, read, parser.blockDiagnosticsAt, {
    from,
    oldTo,
    newTo,
    firstStep,
    oldSteps: end - firstStep,
    newSteps: read.steps.length,
  });
}

/**
 * The result for `edit` made by reading again only the lines down to the separator (metadata and
 * definitions), or undefined when the edit may change more: when it touches the separator or a
 * line below it, when a step stands above the separator, before the edit or after it, when a
 * definition stands below it, or when it adds or removes lines above a block that goes on at
 * column 0 (whose message names a line). When the characters' names change, every action line is
 * read by them (action.ts): the steps are kept when every action line reads as before (names.ts);
 * when some read otherwise and no line moved, the steps around them are read again as spliceSteps
 * reads them (`steps` in the result), else undefined; undefined too when a block of the file goes
 * on at column 0 (which lines it takes in depends on how the lines below it read). Never throws.
 */
export function spliceDefinitions(previous: Previous, edit: Edit, cache: BlockCache): WindowSplice | undefined {
  const { text, lines, oldLast, newLast } = edit;
  const old = previous.scenario;
  const { separator, steps } = old;
  if (separator === undefined || oldLast >= separator.start.line) return undefined;
  if (firstStepBelow(steps, separator.start.line) !== 0) return undefined;
  if (old.characters.some((character) => character.range.end.line >= separator.start.line)) return undefined;
  const moved = newLast - oldLast;
  const oldTo = separator.start.line + 1;
  const newTo = oldTo + moved;
  if (moved !== 0 && continuationFrom(old.diagnostics, oldTo)) return undefined;
  const parser = new ScenarioParser(text, undefined, lines);
  const read = parser.parse(newTo);
  if (parser.end !== newTo || read.separator?.start.line !== newTo - 1 || read.steps.length !== 0) return undefined;
  const spliced = splice(previous, text, read, [], { from: 0, oldTo, newTo, firstStep: 0, oldSteps: 0, newSteps: 0 });
  const scenario: Scenario = { ...spliced.scenario, metadata: read.metadata, characters: read.characters, separator: read.separator };
  const definitions: WindowSplice = { ...spliced, scenario };
  const names = new Set(definedNames(old));
  const readNames = new Set(definedNames(read));
  if (readNames.size === names.size && [...readNames].every((name) => names.has(name))) return definitions;

  // Names changed: the action lines that read otherwise, if any, are read again.
  if (continuationFrom(old.diagnostics, 0)) return undefined;
  const otherwise = linesReadOtherwise(scenario, text, lines, newTo - 1, names, readNames);
  if (otherwise.length === 0) return definitions;
  if (moved !== 0) return undefined;
  const first = otherwise[0];
  const last = otherwise[otherwise.length - 1];
  const around = spliceSteps(
    { text, lines, scenario, blockDiagnosticsAt: definitions.blockDiagnosticsAt },
    { text, lines, line: first, oldLast: last, newLast: last },
    cache,
  );
  return around && { ...around, window: definitions.window, steps: around.window };
}

/** The names of `scenario`'s characters (those given one). */
function definedNames(scenario: Scenario): string[] {
  return scenario.characters.map((character) => character.name.value).filter((name) => name !== '');
}

/** The previous result with `window` read again as `read` (whose blockDiagnosticsAt is
 *  `readBlockDiagnosticsAt`, counted from its own diagnostics): its steps, comments and diagnostics
 *  replace those of the old lines, and those below move. */
function splice(previous: Previous, text: string, read: Scenario, readBlockDiagnosticsAt: number[], window: StepsWindow): WindowSplice {
  const old = previous.scenario;
  const { from, oldTo, newTo, firstStep, oldSteps } = window;
  const end = firstStep + oldSteps;
  const moved = newTo - oldTo;
  const stepShift = read.steps.length - oldSteps;
  const keptSteps = old.steps.slice(end);
  const stepsBelow = moved === 0 && stepShift === 0 ? keptSteps : keptSteps.map((step) => movedStep(step, moved, stepShift));
  const diagnosticsFrom = firstStartingAt(old.diagnostics, from);
  const diagnosticsTo = firstStartingAt(old.diagnostics, oldTo);
  const commentsFrom = firstStartingAt(old.comments, from);
  const commentsTo = firstStartingAt(old.comments, oldTo);
  const diagnosticShift = read.diagnostics.length - (diagnosticsTo - diagnosticsFrom);
  const scenario: Scenario = {
    ...old,
    text,
    // concat, not spreads: spliced seldom, this may run unoptimized, where a spread iterates.
    steps: old.steps.slice(0, firstStep).concat(read.steps, stepsBelow),
    comments: spliced(old.comments, commentsFrom, commentsTo, read.comments, moved, movedComment),
    diagnostics: spliced(old.diagnostics, diagnosticsFrom, diagnosticsTo, read.diagnostics, moved, shiftDiagnostic),
  };
  const { blockDiagnosticsAt } = previous;
  return {
    scenario,
    blockDiagnosticsAt: blockDiagnosticsAt.slice(0, firstStep).concat(
      readBlockDiagnosticsAt.map((at) => at + diagnosticsFrom),
      diagnosticShift === 0 ? blockDiagnosticsAt.slice(end) : blockDiagnosticsAt.slice(end).map((at) => at + diagnosticShift),
    ),
    window,
  };
}

/** Whether the block of a step above `from` (steps [0, firstStep)), below the separator, may be left
 *  open, or went on at column 0, and is close enough to have looked for its continuation at or
 *  below `from` (continuation.ts reads up to continuationReach lines past a block). A block without
 *  diagnostics is closed (the XML parser reports every element left open); one with some is looked
 *  up in the cache. */
function mayContinueInto(previous: Previous, cache: BlockCache, firstStep: number, from: number, separatorLine: number): boolean {
  const { steps } = previous.scenario;
  const { blockDiagnosticsAt } = previous;
  // A step's block ends above the next step's action line.
  for (let i = firstStep - 1; i >= 0 && actionLine(steps[i + 1]) + continuationReach > from && actionLine(steps[i]) > separatorLine; i--) {
    // The parser's diagnostics from step i's block to step i + 1's action line.
    if (blockDiagnosticsAt[i + 1] === blockDiagnosticsAt[i]) continue;
    if (continuationFrom(previous.scenario.diagnostics.slice(blockDiagnosticsAt[i], blockDiagnosticsAt[i + 1]), 0)) return true;
    const block = steps[i].block;
    if (block === undefined) continue;
    const parsed = cache.at(block.range.start.line);
    if (parsed === undefined || parsed.openDepth > 0 || parsed.endsInTag) return true;
  }
  return false;
}

/** Whether an `unindented-continuation` among the parser's `diagnostics` starts on line `line` or below. */
function continuationFrom(diagnostics: readonly Diagnostic[], line: number): boolean {
  for (let i = firstStartingAt(diagnostics, line); i < diagnostics.length; i++) if (diagnostics[i].code === 'unindented-continuation') return true;
  return false;
}

/** `items` with [from, to) replaced by `added`, and those after moved `lines` lines by `move`;
 *  `items` itself when that changes nothing (IncrementalDiagnostics then knows at once). */
function spliced<T>(items: T[], from: number, to: number, added: readonly T[], lines: number, move: (item: T, lines: number) => T): T[] {
  if (from === to && added.length === 0 && lines === 0) return items;
  const after = items.slice(to);
  return items.slice(0, from).concat(added, lines === 0 ? after : after.map((item) => move(item, lines)));
}

function movedComment(comment: Comment, lines: number): Comment {
  return { text: comment.text, marker: comment.marker, range: shiftRange(comment.range, lines) };
}
