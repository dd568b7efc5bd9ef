// Folding: character definitions, steps with their blocks, multi-line XML elements and runs of
// comment lines.
import type { FoldingRange } from 'vscode-languageserver/node';
import { FoldingRangeKind } from './lsp.js';
import type { Scenario } from '../../core/model.js';
import { forEachMultiLineElement } from '../../core/parser/glance.js';

export function foldingRanges(scenario: Scenario): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind): void => {
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  for (const character of scenario.characters) add(character.range.start.line, character.range.end.line);
  for (const step of scenario.steps) {
    add(step.actionRange.start.line, step.range.end.line);
    // An element folds up to the line before its closing tag, which stays visible.
    // Read from the scan's outline where the block has one: no tree is built (glance.ts).
    if (step.block) forEachMultiLineElement(step.block, (first, last) => add(first, last - 1));
  }

  let runStart = -1;
  let previousLine = -2;
  for (const comment of scenario.comments) {
    const line = comment.range.start.line;
    if (line !== previousLine + 1) {
      add(runStart, previousLine, FoldingRangeKind.Comment);
      runStart = line;
    }
    previousLine = line;
  }
  add(runStart, previousLine, FoldingRangeKind.Comment);
  return ranges;
}
