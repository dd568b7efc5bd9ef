// Checks on steps: characters, place relative to the separator, connection state; and on their blocks.

import type { Diagnostic, Scenario, Step } from '../model.js';
import { closestWord } from '../spelling.js';
import { diagnostic } from './codes.js';
import { actionLine, characterName, hasBlock, outlineAsParsed, verbName } from '../parser/moved.js';
import { shiftRange } from '../parser/shift.js';

/** Codes of step diagnostics whose message names another line (a disconnect, the separator): moving
 *  lines changes their text, not only their range. The others stay the same when lines above them
 *  are added or removed. */
export const lineNamingStepCodes: ReadonlySet<string> = new Set(['action-before-separator', 'not-connected', 'sent-after-disconnect', 'already-disconnected']);

export function checkSteps(scenario: Scenario, defined: Set<string>, out: Diagnostic[]): void {
  const separatorLine = scenario.separator?.start.line;
  if (separatorLine === undefined && scenario.steps.length > 0) {
    out.push(
      diagnostic('missing-separator', scenario.steps[0].actionRange, 'Add a line of dashes (-----) between the character definitions and the first action.'),
    );
  }
  if (separatorLine !== undefined) {
    for (const character of scenario.characters) {
      if (character.headerRange.start.line > separatorLine) {
        out.push(
          diagnostic(
            'definition-after-separator',
            character.headerRange,
            `Define ${character.name.value || 'characters'} above the ----- line, with the other characters.`,
          ),
        );
      }
    }
  }
  // Ranges are made only for the diagnostics: a step made when read would make them for every step.
  for (const step of scenario.steps) {
    const name = characterName(step);
    if (separatorLine !== undefined && actionLine(step) < separatorLine) {
      out.push(
        diagnostic(
          'action-before-separator',
          step.actionRange,
          `Actions go below the ----- line (line ${separatorLine + 1}); above it, only characters are defined.`,
        ),
      );
    }
    if (!defined.has(name)) {
      const suggestion = closestWord(name, defined);
      const data: Record<string, unknown> = suggestion ? { name, suggestion } : { name };
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      out.push(
        diagnostic(
          'undefined-character',
          step.character.range,
          `No character is called "${name}": define it above the ----- line with [Client] ${name}.${hint}`,
          data,
        ),
      );
    }
    const verb = verbName(step);
    if ((verb === 'sends' || verb === 'receives') && !step.nothing && !hasBlock(step) && !textAfterVerb(step)) {
      out.push(diagnostic('empty-block', step.actionRange, `"${name} ${verb}:" needs a stanza: write it on the indented lines below.`));
    }
  }
  checkConnections(scenario.steps, misspeltConnections(scenario), defined, out);
}

/** Whether the action line goes on after its verb and colon (`Romeo sends: <presence/>`, `Romeo sends: hello`):
 *  the parser reported that text (stanza-on-action-line, unexpected-text) and said there where the stanza goes,
 *  so a missing block is not a second error. A colon is the one character that may follow the verb alone; any
 *  other text takes at least two (a blank, then the text). */
function textAfterVerb(step: Step): boolean {
  return step.actionRange.end.character - step.verb.range.end.character > 1;
}

/** A line whose verb is one edit away from `connects` or `disconnects` (an `unknown-verb` with a
 *  suggestion) is read as that verb for the connection state, so that a typo does not also mark
 *  every later step of that character as not connected. */
function misspeltConnections(scenario: Scenario): Map<number, { name: string; verb: 'connects' | 'disconnects' }> {
  const found = new Map<number, { name: string; verb: 'connects' | 'disconnects' }>();
  for (const { line, name, suggestion } of misspeltVerbs(scenario.diagnostics)) {
    if (suggestion === 'connects' || suggestion === 'disconnects') found.set(line, { name, verb: suggestion });
  }
  return found;
}

/** The action lines whose verb is one edit away from a real one (an `unknown-verb` with a
 *  suggestion among a scenario's parser diagnostics): the 0-based line, the character named and
 *  the verb meant. Such a line still uses its character (no `unused-character` hint follows from a
 *  typo). */
export function* misspeltVerbs(diagnostics: Iterable<Diagnostic>): Generator<{ line: number; name: string; suggestion: string }> {
  for (const item of diagnostics) {
    const { suggestion, character } = item.data ?? {};
    if (item.code !== 'unknown-verb' || typeof suggestion !== 'string' || typeof character !== 'string' || character === '') continue;
    yield { line: item.range.start.line, name: character, suggestion };
  }
}

/** The checks on a step's block alone (its variables apart: variables.ts). */
export function checkBlock(step: Step, out: Diagnostic[]): void {
  // Read from the block's outline: its tree is neither built nor copied for this (core/parser/moved.ts).
  if (!step.block) return;
  const { outline, lines } = outlineAsParsed(step.block);
  if (outline.stanzas <= 1 || outline.laterStanzas === undefined) return;
  const name = step.character.value;
  const verb = step.verb.value;
  const range = shiftRange(outline.laterStanzas, lines);
  const what = verb === 'sends' ? 'they are sent one after another' : 'each is expected in turn';
  out.push(
    diagnostic('several-stanzas', range, `This block holds ${outline.stanzas} stanzas; ${what}. Give each its own "${name} ${verb}:" line to make that clear.`),
  );
}

/** Follows each character's connection through the steps. */
function checkConnections(
  steps: Step[],
  misspelt: Map<number, { name: string; verb: 'connects' | 'disconnects' }>,
  defined: Set<string>,
  out: Diagnostic[],
): void {
  // For each character: connected, or the line where it disconnected (-1: never connected).
  const state = new Map<string, true | number>();
  const assumed = [...misspelt].sort((a, b) => a[0] - b[0]);
  let nextAssumed = 0;
  for (const step of steps) {
    const line = actionLine(step);
    for (; nextAssumed < assumed.length && assumed[nextAssumed]![0] < line; nextAssumed++) {
      const [line, { name, verb }] = assumed[nextAssumed]!;
      state.set(name, verb === 'connects' ? true : line);
    }
    const name = characterName(step);
    if (!defined.has(name)) continue;
    const current = state.get(name) ?? -1;
    const verb = verbName(step);
    switch (verb) {
      case 'connects':
        state.set(name, true);
        break;
      case 'disconnects':
        if (current === -1) {
          out.push(diagnostic('not-connected', step.character.range, `${name} disconnects without having connected.`));
        } else if (current !== true) {
          out.push(diagnostic('already-disconnected', step.actionRange, `${name} already disconnected at line ${current + 1}; this does nothing.`));
        } else {
          state.set(name, line);
        }
        break;
      default:
        if (current === true) break;
        if (current !== -1 && verb === 'sends') {
          // Prosody's trunk muc_outcast_reason.scs ends so, and passes: the step does nothing
          // (SCANSION.md section 1, `NAME sends:` after `NAME disconnects`).
          out.push(
            diagnostic('sent-after-disconnect', step.actionRange, `${name} disconnected at line ${current + 1}: this stanza is not sent, and the step passes.`),
          );
        } else {
          const why = current === -1 ? `has not connected yet: add "${name} connects" before this step` : `disconnected at line ${current + 1}`;
          out.push(diagnostic('not-connected', step.character.range, `${name} ${verb} here but ${why}.`));
        }
    }
  }
}
