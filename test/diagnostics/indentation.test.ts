// The mixed-indentation check reads the whole text in one pass (fileIndentation) instead of
// splitting it into lines: it must count lines and hint them exactly as splitting on LF and CR LF
// does, with blank and whitespace-only lines, a lone CR inside a line, and no final line break.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileIndentation, indentationOf, mixedIndentation } from '../../core/diagnostics/indentation.js';
import { random } from '../parser/lineEdits.js';

function bySplitting(text: string): { tabLines: number; mixed: ReturnType<typeof mixedIndentation>[] } {
  const lines = text.split(/\r?\n/);
  const tabLines = lines.filter((line) => indentationOf(line) === 'tab').length;
  const mixed = tabLines === 0 ? [] : lines.flatMap((line, at) => (indentationOf(line) === 'space' ? [mixedIndentation(at, line)] : []));
  return { tabLines, mixed };
}

test('fileIndentation counts and hints the lines that splitting on LF and CR LF gives', () => {
  for (const text of [
    '',
    '\n',
    '  <a/>',
    '\t<a/>\n  <b/>',
    '\t<a/>\r\n  <b/>\r\n',
    '\t<a/>\n \t\n\t \n  \r\n    <c/>\r  <d/>\n',
    '\t\n  \n',
    'Romeo sends:\n\t<a/>\n\r\n  \t<b/>\n\n',
  ]) {
    assert.deepEqual(fileIndentation(text), bySplitting(text), JSON.stringify(text));
  }
  const next = random(3);
  const pieces = ['\t', ' ', '  ', 'x', '<a/>', '\n', '\r\n', '\r', '\n\n'];
  for (let i = 0; i < 500; i++) {
    let text = '';
    for (let k = Math.floor(next() * 30); k > 0; k--) text += pieces[Math.floor(next() * pieces.length)];
    assert.deepEqual(fileIndentation(text), bySplitting(text), JSON.stringify(text));
  }
});
