// Grammar tests: vscode-tmgrammar-test tokenizes the fixtures with vscode-textmate (VS Code's own
// tokenizer) and checks the scopes written under each line. VS Code's XML grammar exists only
// inside VS Code, so the fixtures embed a small stand-in with the same scope names
// (fixtures/xml-standin.tmLanguage.json); what is tested is our side: where blocks begin and end,
// and the variables and scansion: markers injected into the XML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const tool = join(dirname(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');
const grammars = ['syntaxes/scansion.tmLanguage.json', 'test/grammar/fixtures/xml-standin.tmLanguage.json'];

function runTool(pattern: string) {
  const args = [tool, ...grammars.flatMap((g) => ['-g', g]), pattern];
  return spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
}

test('the grammar gives every fixture line the scopes written under it', () => {
  const result = runTool('test/grammar/fixtures/*.scs');
  assert.equal(result.status, 0, `vscode-tmgrammar-test failed:\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /structure\.scs run successfuly/);
  assert.match(result.stdout, /blocks\.scs run successfuly/);
});

test('a wrong expectation makes the grammar test fail (the check is live)', () => {
  const result = runTool('test/grammar/fixtures/negative/*.scs');
  assert.notEqual(result.status, 0);
  assert.match(result.stdout, /missing required scopes: entity\.name\.tag\.xml/);
});
