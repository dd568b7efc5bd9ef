// Grammar tests: vscode-tmgrammar-test tokenizes the fixtures with vscode-textmate (VS Code's own
// tokenizer) and checks the scopes written under each line. They run twice: once with a small
// stand-in for VS Code's XML grammar (fixtures/xml-standin.tmLanguage.json, same scope names), so
// what is tested is our side (where blocks begin and end, the variables and scansion: markers
// injected into the XML); and once with VS Code's own XML grammar, taken from the code-server
// that `npm run setup` installs for the end-to-end test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
const tool = join(dirname(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json')), 'dist/unit.js');
const standInXml = 'test/grammar/fixtures/xml-standin.tmLanguage.json';
const vscodeXml = '.cache/code-server/node_modules/code-server/lib/vscode/extensions/xml/syntaxes/xml.tmLanguage.json';

function runTool(pattern: string, xmlGrammar: string) {
  const args = [tool, '-g', 'syntaxes/scansion.tmLanguage.json', '-g', xmlGrammar, pattern];
  return spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
}

function assertFixturesPass(xmlGrammar: string) {
  const result = runTool('test/grammar/fixtures/*.scs', xmlGrammar);
  assert.equal(result.status, 0, `vscode-tmgrammar-test failed:\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /structure\.scs run successfuly/);
  assert.match(result.stdout, /blocks\.scs run successfuly/);
  assert.match(result.stdout, /comments-in-blocks\.scs run successfuly/);
}

test('the grammar gives every fixture line the scopes written under it (stand-in XML grammar)', () => {
  assertFixturesPass(standInXml);
});

test("the grammar gives every fixture line the scopes written under it (VS Code's XML grammar)", () => {
  assert.ok(existsSync(join(repoRoot, vscodeXml)), `VS Code's XML grammar is missing (${vscodeXml}): run "npm run setup"`);
  assertFixturesPass(vscodeXml);
});

test('a wrong expectation makes the grammar test fail (the check is live)', () => {
  const result = runTool('test/grammar/fixtures/negative/*.scs', standInXml);
  assert.notEqual(result.status, 0);
  assert.match(result.stdout, /missing required scopes: entity\.name\.tag\.xml/);
});
