// Conformance: every real scenario in ../shared/corpus (accepted by the original Scansion) must get
// no error and no warning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { expandPaths } from '../../core/check.js';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');

test('every corpus scenario checks clean (no errors, no warnings)', async (t) => {
  if (!existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const { files } = await expandPaths([corpus]);
  assert.ok(files.length > 0, `no .scs files under ${corpus}`);
  const problems: string[] = [];
  for (const file of files) {
    const scenario = parseScenario(await readFile(file, 'utf8'));
    assert.ok(scenario.steps.length > 0, `${file}: no steps parsed`);
    for (const item of diagnose(scenario)) {
      if (item.severity === 'error' || item.severity === 'warning') {
        problems.push(
          `${relative(corpus, file)}:${item.range.start.line + 1}:${item.range.start.character + 1}: ${item.severity} ${item.code}: ${item.message}`,
        );
      }
    }
  }
  assert.deepEqual(problems, [], `corpus diagnostics:\n${problems.join('\n')}`);
});
