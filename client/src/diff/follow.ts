// What the stanza diff panel shows of its step as runs come and the file changes: the latest
// result of the step, or the one it showed, said to be outdated. Free of `vscode`; diffPanel.ts
// asks this after each run and each edit.

import { markedReceivedLines } from '../../../core/matcher/marks.js';
import type { StepResult } from '../../../core/results.js';
import type { StoredRun } from '../run/lastResults.js';
import type { DiffPageContent, PageTranscriptLine } from './diffPage.js';
import { transcriptLines } from '../testing/resultMapping.js';

/** The run the panel shows, the document's text when that run came (what ran, as far as the
 *  panel knows), and why what it shows may no longer hold. */
export interface Followed {
  run: StoredRun;
  ranText?: string;
  outdated?: string;
}

export const outdatedByEdit = 'the file was edited after this run; run it again to see whether this still holds.';
export const outdatedByRemoval = 'the scenario changed after this run (an accepted stanza, or an edit); run it again.';

/** What to show after a change: the latest run when there is one (`latest`; undefined when the
 *  results were cleared, as an Accept does), outdated when the document's text (`documentText`,
 *  undefined when it is not open) is no longer the text the run came with. */
export function follow(shown: Followed, latest: StoredRun | undefined, documentText: string | undefined): Followed {
  if (!latest) return { ...shown, outdated: outdatedByRemoval };
  const ranText = latest === shown.run ? shown.ranText : documentText;
  if (documentText !== undefined && ranText !== undefined && documentText !== ranText) return { run: latest, ranText, outdated: outdatedByEdit };
  return ranText === undefined ? { run: latest } : { run: latest, ranText };
}

/** The page for step `stepIndex` of `followed.run`, without the webview's nonce and CSP source;
 *  undefined when that run has no such step. `ranAt` prints when the run ended. */
export function pageFor(followed: Followed, stepIndex: number, fileName: string, ranAt?: string): DiffPageContent | undefined {
  const { run } = followed;
  const step = run.result.steps.find((candidate) => candidate.index === stepIndex);
  if (!step) return undefined;
  const stepRanges = new Map(run.result.steps.map((s) => [s.index, s.actionRange]));
  const transcript = run.result.transcript
    .filter((entry) => entry.stepIndex === undefined || entry.stepIndex <= stepIndex)
    .flatMap((entry) => transcriptLines(entry, stepRanges))
    .map((line): PageTranscriptLine => (line.range ? { text: line.text, line: line.range.start.line } : { text: line.text }));
  const common = {
    title: `Stanza diff: ${fileName}:${step.actionRange.start.line + 1}`,
    stepLine: step.actionRange.start.line,
    transcript,
    ...(ranAt ? { ranAt } : {}),
    ...(followed.outdated ? { outdated: followed.outdated } : {}),
  };
  const failure = step.failure;
  if (!failure) return { ...common, outcome: outcomeText(step) };
  const marked = failure.expected !== undefined && failure.actual !== undefined ? markedReceivedLines(failure.expected, failure.actual) : undefined;
  return {
    ...common,
    reason: failure.message,
    details: failure.details ?? [],
    expected: failure.expected ?? '(no expected stanza: this step does not receive one)',
    ...(failure.actual !== undefined ? { actual: failure.actual } : {}),
    ...(marked ? { marked } : {}),
    // Accept works on the text as it is now, but needs the run's result, which an Accept clears.
    canAccept: failure.actual !== undefined && failure.expected !== undefined && followed.outdated !== outdatedByRemoval,
  };
}

function outcomeText(step: StepResult): string {
  if (step.status === 'passed') return `passed in the latest run (${Math.round(step.durationMs)} ms).`;
  return `did not run in the latest run${step.skipReason ? `: ${step.skipReason}` : ''}.`;
}
