// core/shellWord.ts: the commands we print for pasting (scs record's replay line, scs server
// start's stop line, "Copy scs run Command") survive a real POSIX shell word for word.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shellWord } from '../../core/shellWord.js';

test('a word comes back from /bin/sh as it went in; plain words are left unquoted', () => {
  const words = ['scenarios/muc.scs', '[::1]:5222', 'my scenarios/a b.scs', "Juliet's phone.scs", '$HOME', '*.scs', 'a;b', 'back\\slash', '"quoted"', ''];
  for (const word of words) {
    const echoed = execFileSync('/bin/sh', ['-c', `printf '%s' ${shellWord(word)}`], { encoding: 'utf8' });
    assert.equal(echoed, word, shellWord(word));
  }
  assert.equal(shellWord('127.0.0.1:5222'), '127.0.0.1:5222');
  assert.equal(shellWord('/tmp/state.json'), '/tmp/state.json');
  assert.equal(shellWord('a b'), "'a b'");
});
