// The recorded file is written whole or not at all.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from '../../core/recorder/index.js';

const dir = mkdtempSync(join(tmpdir(), 'scs-atomic-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the file is replaced whole and no temporary file is left', async () => {
  const file = join(dir, 'a.scs');
  writeFileSync(file, 'old');
  await writeFileAtomically(file, 'new text\n');
  assert.equal(readFileSync(file, 'utf8'), 'new text\n');
  assert.deepEqual(readdirSync(dir), ['a.scs']);
});

test('when the rename fails the old content stays and the temporary file is removed', async () => {
  const target = join(dir, 'taken');
  mkdirSync(join(target, 'inside'), { recursive: true });
  await assert.rejects(writeFileAtomically(target, 'text'), /EISDIR|ENOTEMPTY|EEXIST/);
  assert.deepEqual(readdirSync(dir).sort(), ['a.scs', 'taken']);
});

test('a missing folder rejects and writes nothing', async () => {
  await assert.rejects(writeFileAtomically(join(dir, 'missing', 'b.scs'), 'text'), /ENOENT/);
  assert.deepEqual(readdirSync(dir).sort(), ['a.scs', 'taken']);
});
