// Checks on steps: characters, place relative to the separator, connection state; and on their blocks.

import type { Diagnostic, Scenario, Step } from '../model.js';
import { closestWord } from '../spelling.js';
import { diagnostic } from './codes.js';
import { checkConnections, misspeltConnections } from './connections.js';
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
  const suggest = nameSuggestions(defined);
  for (const step of scenario.steps) checkStep(step, defined, separatorLine, out, suggest);
  checkConnections(scenario.steps, misspeltConnections(scenario.diagnostics), defined, out);
}

/** The defined name closest to a misspelt one (closestWord among `defined`), found once per name:
 *  a file's steps name few characters, each many times. */
export function nameSuggestions(defined: Set<string>): (name: string) => string | undefined {
  const found = new Map<string, string | undefined>();
  return (name) => {
    if (!found.has(name)) found.set(name, closestWord(name, defined));
    return found.get(name);
  };
}

/** The checks on one step alone: its place relative to the separator (at `separatorLine`), its
 *  character (`suggest`: the name meant by an undefined one), its block. Ranges are made only for
 *  the diagnostics: a step made when read would make them for every step. */
export function checkStep(
  step: Step,
  defined: Set<string>,
  separatorLine: number | undefined,
  out: Diagnostic[],
  suggest: (name: string) => string | undefined = (name) => closestWord(name, defined),
): void {
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
    const suggestion = suggest(name);
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

/** Whether the action line goes on after its verb and colon (`Romeo sends: <presence/>`, `Romeo sends: hello`):
 *  the parser reported that text (stanza-on-action-line, unexpected-text) and said there where the stanza goes,
 *  so a missing block is not a second error. A colon is the one character that may follow the verb alone; any
 *  other text takes at least two (a blank, then the text). */
function textAfterVerb(step: Step): boolean {
  return step.actionRange.end.character - step.verb.range.end.character > 1;
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
