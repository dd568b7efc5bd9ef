// Where "Scansion: Record Scenario" writes, and what its status bar item says.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { recordingFile, recordingStatusText } from '../../client/src/record/recordingFile.js';

const dir = mkdtempSync(join(tmpdir(), 'scs-recording-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the file is named after the local time, and never overwrites one already there', () => {
  const now = new Date(2026, 10, 30, 7, 5, 9);
  assert.equal(basename(recordingFile(dir, now)), 'recording-2026-11-30-070509.scs');
  writeFileSync(join(dir, 'recording-2026-11-30-070509.scs'), '');
  assert.equal(basename(recordingFile(dir, now)), 'recording-2026-11-30-070509-2.scs');
});

test('the status bar counts clients in words', () => {
  assert.equal(recordingStatusText(0), '$(record) Recording: 0 clients');
  assert.equal(recordingStatusText(1), '$(record) Recording: 1 client');
  assert.equal(recordingStatusText(3), '$(record) Recording: 3 clients');
});
