// `scs check`, run as a user runs it: the built dist/cli.js in a child process.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const corpus = resolve(root, '../shared/corpus');
let folder = '';

function scs(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: folder });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const good =
  '# Good\n\n[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n-----\n\nRomeo connects\n\nRomeo sends:\n\t<presence/>\n\nRomeo disconnects\n';
const bad =
  '# Bad\n\n[Client] Romeo\n\tjid: romeo@localhost\n\n-----\n\nRomeo connects\nRomeo sends:\n\t<message><body>hi</bdy></message>\nTybalt connects\nRomeo sends:\n\t<presence/>\n\n\t<presence type="unavailable"/>\n';

before(() => {
  assert.ok(existsSync(cli), `${cli} is missing: run \`npm run build\` first`);
  folder = mkdtempSync(join(tmpdir(), 'scs-check-'));
  mkdirSync(join(folder, 'nested/deeper'), { recursive: true });
  writeFileSync(join(folder, 'good.scs'), good);
  writeFileSync(join(folder, 'nested/deeper/bad.scs'), bad);
  writeFileSync(join(folder, 'nested/notes.txt'), 'not a scenario <');
});

after(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('a clean file: no output but the summary, exit 0', () => {
  const result = scs('check', 'good.scs');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '1 file checked: 0 errors, 0 warnings\n');
});

test('errors: one `path:line:col: severity CODE: message` line each, summary, exit 1', () => {
  const result = scs('check', 'nested/deeper/bad.scs');
  assert.equal(result.code, 1);
  const lines = result.stdout.trimEnd().split('\n');
  const file = 'nested/deeper/bad.scs';
  assert.match(lines[0], new RegExp(`^${file}:10:21: error xml-mismatched-tag: .*bdy`));
  assert.match(lines[1], new RegExp(`^${file}:11:1: error undefined-character: .*Tybalt`));
  assert.match(lines[2], new RegExp(`^${file}:15:2: warning several-stanzas: `));
  assert.equal(lines[3], '1 file checked: 2 errors, 1 warning');
  assert.equal(lines.length, 4);
});

test('a folder is searched for .scs files, recursively', () => {
  const result = scs('check', '.');
  assert.equal(result.code, 1);
  assert.match(result.stdout, /\n2 files checked: 2 errors, 1 warning\n$/);
  assert.doesNotMatch(result.stdout, /notes\.txt/);
  assert.match(result.stdout, /nested\/deeper\/bad\.scs:10:21: /);
});

test('--format json gives the same diagnostics as data', () => {
  const result = scs('check', '--format', 'json', 'good.scs', 'nested');
  assert.equal(result.code, 1);
  const report = JSON.parse(result.stdout) as {
    files: { file: string; diagnostics: { code: string; severity: string; line: number; column: number; message: string; range: unknown }[] }[];
    summary: { files: number; errors: number; warnings: number };
  };
  assert.deepEqual(report.summary, { files: 2, errors: 2, warnings: 1 });
  assert.deepEqual(
    report.files.map((entry) => entry.file),
    ['good.scs', 'nested/deeper/bad.scs'],
  );
  const [first] = report.files[1].diagnostics;
  assert.deepEqual([first.code, first.severity, first.line, first.column], ['xml-mismatched-tag', 'error', 10, 21]);
  assert.deepEqual(first.range, { start: { line: 9, character: 20 }, end: { line: 9, character: 23 } });
});

test('a byte order mark at the start of a file is not text', () => {
  writeFileSync(join(folder, 'bom.scs'), `\uFEFF${good}`);
  const result = scs('check', 'bom.scs');
  assert.equal(result.code, 0, result.stdout);
  rmSync(join(folder, 'bom.scs'));
});

test('a file that is not UTF-8 text is one read error naming what it is, not a page of garbled diagnostics', () => {
  const files: Array<[string, Buffer, RegExp]> = [
    ['utf16.scs', Buffer.from(`\uFEFF${good}`, 'utf16le'), /is UTF-16 text, not UTF-8: save it as UTF-8/],
    ['binary.scs', Buffer.concat([Buffer.from('# Title\n\n'), Buffer.from([0x89, 0x50, 0x00, 0x1a, 0x0a])]), /not a text file: a NUL byte at line 3/],
    ['latin1.scs', Buffer.from(good.replace('Good', 'Gr\u00fcn'), 'latin1'), /not UTF-8 text: byte 0xfc at line 1 .*save it as UTF-8/],
  ];
  for (const [name, bytes, message] of files) {
    writeFileSync(join(folder, name), bytes);
    const result = scs('check', name);
    assert.equal(result.code, 1, `${name}: ${result.stdout}`);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, `${name}: one line and the summary:\n${result.stdout}`);
    assert.match(lines[0], new RegExp(`^${name}:1:1: error read-error: `));
    assert.match(lines[0], message);
    rmSync(join(folder, name));
  }
});

test('usage errors exit 2: no path, a missing path, an unknown format', () => {
  const none = scs('check');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /missing required argument/);
  const missing = scs('check', 'nowhere.scs');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or folder: nowhere\.scs/);
  assert.equal(scs('check', '--format', 'xml', 'good.scs').code, 2);
  assert.equal(scs('frobnicate').code, 2);
});

test('a folder without .scs files is a usage error, as for `scs run`: a mistyped path in CI does not pass as clean', () => {
  mkdirSync(join(folder, 'empty'));
  const result = scs('check', 'empty');
  assert.equal(result.code, 2, result.stdout);
  assert.match(result.stderr, /^error: no \.scs files in empty\n/);
  assert.equal(result.stdout, '');
  rmSync(join(folder, 'empty'), { recursive: true });
});

test('--version prints the version of the package, as `scansion --version` does', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  for (const program of ['cli.js', 'scansion.js']) {
    const result = spawnSync(process.execPath, [join(root, 'dist', program), '--version'], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${program}: ${result.stderr}`);
    assert.equal(result.stdout, `${version}\n`, program);
  }
});

test('the real corpus checks clean', (t) => {
  if (!existsSync(corpus)) {
    t.skip(`no corpus at ${corpus}`);
    return;
  }
  const result = scs('check', corpus);
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /^\d+ files checked: 0 errors, 0 warnings\n$/);
});

const cases = resolve(root, '../shared/cases');

test('cases: a comment line inside a block checks clean; a stanza continued at column 0 is one error at that line', (t) => {
  if (!existsSync(cases)) {
    t.skip(`no cases at ${cases}`);
    return;
  }
  const comment = scs('check', join(cases, 'comment_line_inside_block.scs'));
  assert.equal(comment.code, 0, comment.stdout);
  assert.equal(comment.stdout, '1 file checked: 0 errors, 0 warnings\n');
  const continued = scs('check', join(cases, 'unindented_text_continuation.scs'));
  assert.equal(continued.code, 1);
  const lines = continued.stdout.trimEnd().split('\n');
  assert.match(
    lines[0],
    /unindented_text_continuation\.scs:14:1: error unindented-continuation: The stanza of the step at line 11 continues on an unindented line/,
  );
  assert.deepEqual(lines.slice(1), ['1 file checked: 1 error, 0 warnings']);
});

test('a `sends` after that character disconnected is a hint, and the file checks clean (Prosody trunk muc_outcast_reason.scs)', () => {
  writeFileSync(join(folder, 'outcast.scs'), good.replace('Romeo disconnects\n', 'Romeo disconnects\n\nRomeo sends:\n\t<presence type="unavailable"/>\n'));
  const result = scs('check', 'outcast.scs');
  assert.equal(result.code, 0, result.stdout);
  assert.deepEqual(result.stdout.trimEnd().split('\n'), [
    'outcast.scs:16:1: hint sent-after-disconnect: Romeo disconnected at line 14: this stanza is not sent, and the step passes.',
    '1 file checked: 0 errors, 0 warnings',
  ]);
  rmSync(join(folder, 'outcast.scs'));
});
