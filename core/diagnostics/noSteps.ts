// A scenario without steps (an empty file, or definitions alone) checks nothing. Scansion itself
// would run such a file and pass it, so it is a warning here, never an error (SCANSION.md: a file
// the real tool accepts gets no error); the run gate (core/gate.ts) still refuses to report it as
// a pass: a run says `not run: the file has no steps`, as test runners refuse a test file that
// holds no test (README, "How a file is read").

import type { Diagnostic, Scenario } from '../model.js';
import { diagnostic } from './codes.js';

/** The `no-steps` warning of a scenario without steps (none otherwise), on the file's first line:
 *  it is about the file as a whole, and there it comes first in diagnose()'s list, so the
 *  1,000-diagnostic cap never leaves it out (the run gate reads it). O(first line). */
export function checkNoSteps(scenario: Scenario): Diagnostic[] {
  if (scenario.steps.length > 0) return [];
  const firstLine = /^[^\r\n]*/.exec(scenario.text)![0];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } };
  return [diagnostic('no-steps', range, 'No steps: this scenario checks nothing, and runs report it as not run. Steps go below the ----- line.')];
}
