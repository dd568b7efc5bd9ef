import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonPrefix, commonSuffix } from '../../core/parser/textDiff.js';

function naivePrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function naiveSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

test('common prefix and suffix agree with a character-by-character walk', () => {
  let seed = 5;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 300; i++) {
    const base = Array.from({ length: Math.floor(next() * 3000) }, () => 'ab\n\u00e9\ud83d\ude00'[Math.floor(next() * 5)]).join('');
    const at = Math.floor(next() * (base.length + 1));
    const other = base.slice(0, at) + 'xyz'.slice(0, Math.floor(next() * 4)) + base.slice(Math.min(base.length, at + Math.floor(next() * 3)));
    const prefix = commonPrefix(base, other);
    assert.equal(prefix, naivePrefix(base, other));
    const limit = Math.min(base.length, other.length) - prefix;
    assert.equal(commonSuffix(base, other, limit), naiveSuffix(base, other, limit));
  }
  assert.equal(commonPrefix('', 'abc'), 0);
  assert.equal(commonSuffix('abc', 'abc', 0), 0);
  assert.equal(commonSuffix('aaaa', 'aa', 2), 2);
});
