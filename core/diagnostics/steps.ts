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
  const undefinedNames = new UndefinedNames(defined);
  for (const step of scenario.steps) checkStep(step, defined, separatorLine, out, undefinedNames);
  checkConnections(scenario.steps, misspeltConnections(scenario.diagnostics), defined, out);
}

/** How many names or variable texts UndefinedNames and VariableFindings keep at most. */
export const maxKept = 1024;

/** What is said of steps whose character is not defined: the defined name closest to theirs
 *  (closestWord), the message and the data, found once per name (a file's steps name few
 *  characters, each many times); the data is shared by those diagnostics (read-only, as all are). */
export class UndefinedNames {
  private readonly found = new Map<string, { suggestion: string | undefined; message: string; data: Record<string, unknown> }>();

  /** `defined`: the defined names, in the order defined (the first of equally close ones is meant). */
  constructor(readonly defined: Set<string>) {}

  of(name: string): { suggestion: string | undefined; message: string; data: Record<string, unknown> } {
    let said = this.found.get(name);
    if (said === undefined) {
      const suggestion = closestWord(name, this.defined);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      said = {
        suggestion,
        message: `No character is called "${name}": define it above the ----- line with [Client] ${name}.${hint}`,
        data: suggestion ? { name, suggestion } : { name },
      };
      // Kept across keystrokes (IncrementalDiagnostics): names typed one letter at a time would
      // otherwise pile up.
      if (this.found.size >= maxKept) this.found.clear();
      this.found.set(name, said);
    }
    return said;
  }
}

/** The checks on one step alone: its place relative to the separator (at `separatorLine`), its
 *  character (`undefinedNames`: what is said when it is not among `defined`), its block. Ranges
 *  are made only for the diagnostics: a step made when read would make them for every step. */
export function checkStep(
  step: Step,
  defined: Set<string>,
  separatorLine: number | undefined,
  out: Diagnostic[],
  undefinedNames = new UndefinedNames(defined),
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
    const { message, data } = undefinedNames.of(name);
    out.push(diagnostic('undefined-character', step.character.range, message, data));
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
