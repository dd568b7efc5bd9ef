// Mixed indentation: Prosody's scenarios indent with tabs; a file that indents some lines with
// tabs and others with spaces gets a hint on each line whose indentation starts with a space, which
// Format Document (core/format.ts) fixes. A tab followed by spaces (`\t  <pubsub>`, aligning within a
// level, as four corpus files do) is not flagged.

import type { Diagnostic, Scenario } from '../model.js';
import { diagnostic } from './codes.js';

export function checkIndentation(scenario: Scenario, out: Diagnostic[]): void {
  const lines = scenario.text.split(/\r?\n/);
  const withSpaces: number[] = [];
  let withTabs = false;
  lines.forEach((text, line) => {
    const indent = /^[ \t]*/.exec(text)![0];
    if (indent.length === 0 || indent.length === text.length) return;
    if (indent[0] === ' ') withSpaces.push(line);
    else withTabs = true;
  });
  if (!withTabs) return;
  for (const line of withSpaces) {
    const width = /^[ \t]*/.exec(lines[line]!)![0].length;
    out.push(
      diagnostic(
        'mixed-indentation',
        { start: { line, character: 0 }, end: { line, character: width } },
        'This line is indented with spaces, others with tabs. Format Document indents with tabs.',
      ),
    );
  }
}
