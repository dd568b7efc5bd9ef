// `scs run FILE.scs:LINE`: runs that file up to and including the step at LINE (issue 8, a step's
// run action, as the Test Explorer's). Which step a line means is core/queries.ts's rule, the one
// the debugger's `stopAtLine` and breakpoints use: the step whose action line or block holds the
// line, else the next step below it.

import type { Scenario } from '../core/model.js';
import { stepAtOrAfterLine } from '../core/queries.js';
import { UsageError } from './usage.js';

/** A path as given on the command line, split from its `:LINE` suffix. */
export interface RunPath {
  path: string;
  /** 1-based line of the step to stop after, when the path ended in `.scs:LINE`. */
  line?: number;
}

/** Reads `a.scs:12` as that file and line 12, and so a place copied from `scs check`
 *  (`a.scs:12:5`, the column ignored) or from a failure line (`a.scs:12:`); any other path (a
 *  folder, `a.scs`) is taken as it is. Throws a UsageError for line 0, since lines count from 1 as
 *  editors and `scs check` print them. */
export function splitRunPath(given: string): RunPath {
  const match = /^(.+\.scs):(\d+)(?::\d*)?$/.exec(given);
  if (!match) return { path: given };
  const line = Number(match[2]);
  if (line < 1) throw new UsageError(`${given}: lines count from 1`);
  return { path: match[1], line };
}

/** The lines asked for, by file. Throws a UsageError when one file is given with two lines. */
export function linesByFile(paths: readonly RunPath[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const { path, line } of paths) {
    if (line === undefined) continue;
    const known = lines.get(path);
    if (known !== undefined && known !== line) throw new UsageError(`${path} is given with two lines (${known} and ${line}): give one`);
    lines.set(path, line);
  }
  return lines;
}

/** RunOptions.stopAfter for a run of `scenario` up to 1-based `line`: the index of the step that
 *  holds the line or comes next below it; undefined when the line is below the last step (every
 *  step then runs). */
export function stopAfterLine(scenario: Scenario, line: number): number | undefined {
  return stepAtOrAfterLine(scenario, line - 1)?.index;
}
