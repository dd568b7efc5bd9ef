// Which action lines a change of the characters' names reads otherwise. An action line is read
// against the defined names (action.ts: a name with spaces ends where a defined name ends), so
// renaming, adding or removing a character may change how a line reads; but only a line that
// starts with a changed name followed by a blank is read with that name tried, and most such lines
// read the same either way (`Romeo sends:` finds its verb by name or by the known verb). When a
// change of names reads no line otherwise, the steps, their blocks and the parser's diagnostics
// below the definitions all stay as they were (IncrementalParser, stepWindow.ts).

import type { Scenario } from '../model.js';
import { parseActionLine } from './action.js';
import { isSpace, startsWithAt } from './chars.js';
import type { LineIndex } from './lines.js';
import { actionLine, firstStepBelow } from './moved.js';
import { firstStartingAt } from './shift.js';

/** The parser's diagnostics on an action line that gives no step (scenario.ts action()). */
const nonStepActionCodes: ReadonlySet<string> = new Set(['missing-verb', 'missing-character-name', 'unknown-verb']);

/** The names in one set and not the other. */
export function changedNames(before: ReadonlySet<string>, after: ReadonlySet<string>): Set<string> {
  const changed = new Set<string>();
  for (const name of before) if (!after.has(name)) changed.add(name);
  for (const name of after) if (!before.has(name)) changed.add(name);
  return changed;
}

/**
 * The action lines below line `below` of `scenario` (a parse result of `text`, whose index is
 * `lines`) that read otherwise with the names `after` than with `before`, in line order (0-based).
 * The action lines are the steps' and those of the parser's diagnostics that an action line gives
 * without a step. A line is read again (parseActionLine, once per distinct text) only when it
 * starts with a changed name followed by a blank. O(action lines x (changed names + distinct texts
 * of such lines)).
 */
export function linesReadOtherwise(
  scenario: Scenario,
  text: string,
  lines: LineIndex,
  below: number,
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): number[] {
  const changed = [...changedNames(before, after)];
  if (changed.length === 0) return [];
  // Whether each text read so far reads otherwise: a file's action lines are mostly a few texts
  // written many times. The first few are compared in place (no string made for a line), the
  // others looked up by text.
  const first: { content: string; otherwise: boolean }[] = [];
  const more = new Map<string, boolean>();
  const readsOtherwise = (content: string) => JSON.stringify(parseActionLine(content, before)) !== JSON.stringify(parseActionLine(content, after));
  const found: number[] = [];
  const check = (line: number) => {
    const start = lines.starts[line];
    const end = lines.ends[line];
    if (!startsWithAny(text, start, end, changed)) return;
    let otherwise: boolean | undefined;
    for (let i = 0; i < first.length && otherwise === undefined; i++) {
      const { content } = first[i];
      if (content.length === end - start && startsWithAt(text, content, start)) otherwise = first[i].otherwise;
    }
    if (otherwise === undefined) {
      const content = text.slice(start, end);
      otherwise = more.get(content);
      if (otherwise === undefined) {
        otherwise = readsOtherwise(content);
        if (first.length < 16) first.push({ content, otherwise });
        else more.set(content, otherwise);
      }
    }
    if (otherwise) found.push(line);
  };
  // Indexed loops: this runs now and then, too seldom to be optimized, and an array iterator not
  // optimized away makes an object per item.
  const { steps, diagnostics } = scenario;
  for (let i = firstStepBelow(steps, below); i < steps.length; i++) check(actionLine(steps[i]));
  for (let i = firstStartingAt(diagnostics, below + 1); i < diagnostics.length; i++) {
    if (nonStepActionCodes.has(diagnostics[i].code)) check(diagnostics[i].range.start.line);
  }
  return [...new Set(found)].sort((a, b) => a - b);
}

/** Whether text[start, end) starts with one of `names` followed by a blank: the only lines whose
 *  reading tries that name (action.ts findVerbStart). */
function startsWithAny(text: string, start: number, end: number, names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name.length > 0 && start + name.length < end && isSpace(text.charCodeAt(start + name.length)) && startsWithAt(text, name, start)) return true;
  }
  return false;
}
