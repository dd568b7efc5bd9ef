// Tag closing as the author types, the way VS Code's HTML support does it: the client asks
// `scansion/autoClose` (shared/protocol.ts) right after a `>` or a `/` was typed, and inserts the snippet this answers
// (`$0</message>` after a start tag, `message>` after `</`). Null when nothing should be added.
import type { Position } from 'vscode-languageserver/node';
import type { Analysis } from './documents.js';
import { blockOwner } from './completion.js';
import { elementPath } from './tree.js';

export function autoClose(analysis: Analysis, position: Position, typed: '>' | '/'): string | null {
  const { document, scenario } = analysis;
  const prefix = document.getText({ start: { line: position.line, character: 0 }, end: position });
  const step = blockOwner(scenario, position.line, prefix);
  if (!step) return null;
  if (typed === '/') {
    if (!prefix.endsWith('</')) return null;
    const open = elementPath(step, position).at(-1);
    return open && !isClosed(analysis, open.range) ? `${open.name}>` : null;
  }
  // A start tag just ended: `<name ...>`, not `/>`, not inside a quoted value.
  const tag = /<([\w:.-]+)(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>$/.exec(prefix);
  if (!tag) return null;
  const start = { line: position.line, character: position.character - tag[0].length };
  const element = elementPath(step, position).find(
    (candidate) => candidate.range.start.line === start.line && candidate.range.start.character === start.character,
  );
  // The parser already found a closing tag for it further down: leave the text alone.
  if (element && isClosed(analysis, element.range)) return null;
  return `$0</${tag[1]}>`;
}

/** Whether the element in `range` ends with its own closing tag (or `/>`): an unclosed element's
 *  range runs to wherever the parser gave up, which is not a `>` of a closing tag of that name. */
function isClosed(analysis: Analysis, range: { start: Position; end: Position }): boolean {
  const text = analysis.document.getText(range);
  const name = /^<([\w:.-]+)/.exec(text)?.[1];
  return name !== undefined && (text.endsWith('/>') || new RegExp(`</${name.replace(/[.]/g, '\\.')}\\s*>$`).test(text));
}
