// `scs run FILE.scs:LINE` through the built CLI against a real Prosody: the file runs up to and
// including the step at LINE, the report says how many steps were not run and why.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { character, lineOf } from '../runner/support.js';
import { jsonLines, passing, runBuilt } from './support.js';

const cli = resolve('dist/cli.js');
let server: TestServer;
let dir: string;

before(async () => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  server = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scs-cli-run-to-'));
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const scs = (args: string[]) => runBuilt(cli, ['run', '--server', `${server.host}:${server.port}`, '--timeout', '1', ...args]);

// The last step waits for a stanza that never comes: a full run fails there.
const text = `# Up to a step

${character('Romeo', 'romeo')}-----
Romeo connects

Romeo sends:
	<presence/>

Romeo receives:
	<presence from="\${Romeo's full JID}"/>

Romeo receives:
	<message type="chat"><body>never sent</body></message>
`;

describe('scs run FILE.scs:LINE', () => {
  test('runs up to and including the step at the line; the summary says what was not run', async () => {
    const file = join(dir, 'to.scs');
    writeFileSync(file, text);
    const full = await scs([file]);
    assert.equal(full.code, 1, full.stdout);

    // A line inside the block of the first receives stands for that step.
    const inBlock = lineOf(text, `\t<presence from="\${Romeo's full JID}"/>`);
    const stepLine = inBlock - 1;
    const { code, stdout, stderr } = await scs([`${file}:${inBlock}`]);
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, new RegExp(`✓ +${stepLine} +Romeo receives`));
    assert.doesNotMatch(stdout, /✗/);
    assert.match(stdout, new RegExp(`passed in [\\d.]+ s, 1 step not run \\(stopped after line ${stepLine}\\)`));
    assert.match(stdout, /1 scenario: 1 passed, 0 failed, 0 errored/);
  });

  test('--reporter json: every later step is skipped with its reason, and stoppedAfter names the step', async () => {
    const file = join(dir, 'json.scs');
    writeFileSync(file, text);
    const sendsLine = lineOf(text, 'Romeo sends:');
    // A blank line before a step stands for the step below it (as the debugger's stopAtLine).
    const { code, stdout } = await scs(['--reporter', 'json', `${file}:${sendsLine - 1}`]);
    assert.equal(code, 0, stdout);
    const end = jsonLines(stdout).find((line) => line.event === 'scenarioEnd')!;
    assert.deepEqual(end.stoppedAfter, { index: 1, line: sendsLine });
    assert.deepEqual(
      end.steps.map((step: { status: string; skipReason?: string }) => [step.status, step.skipReason]),
      [
        ['passed', undefined],
        ['passed', undefined],
        ['skipped', `not run: the run stopped after step 2 (line ${sendsLine})`],
        ['skipped', `not run: the run stopped after step 2 (line ${sendsLine})`],
      ],
    );
  });

  test('a line below the last step runs the whole file; other files given alongside run whole', async () => {
    const file = join(dir, 'below.scs');
    const other = join(dir, 'other.scs');
    writeFileSync(file, text);
    writeFileSync(other, passing('Other'));
    const { code, stdout } = await scs(['--reporter', 'json', `${file}:999`, other]);
    assert.equal(code, 1, stdout);
    const ends = jsonLines(stdout).filter((line) => line.event === 'scenarioEnd');
    assert.deepEqual(
      ends.map((end) => [end.file, end.status, end.stoppedAfter]),
      [
        [file, 'failed', undefined],
        [other, 'passed', undefined],
      ],
    );
  });

  test('a place copied from scs check (FILE.scs:LINE:COL) or a failure line (FILE.scs:LINE:) runs to that line', async () => {
    const file = join(dir, 'copied.scs');
    writeFileSync(file, text);
    const sendsLine = lineOf(text, 'Romeo sends:');
    for (const given of [`${file}:${sendsLine}:7`, `${file}:${sendsLine}:`]) {
      const { code, stdout, stderr } = await scs(['--reporter', 'json', given]);
      assert.equal(code, 0, `${given}: ${stdout}${stderr}`);
      const end = jsonLines(stdout).find((line) => line.event === 'scenarioEnd')!;
      assert.deepEqual(end.stoppedAfter, { index: 1, line: sendsLine }, given);
    }
  });

  test('usage errors: line 0, one file with two lines, a missing file', async () => {
    const file = join(dir, 'usage.scs');
    writeFileSync(file, text);
    const zero = await scs([`${file}:0`]);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /usage\.scs:0: lines count from 1/);
    const twice = await scs([`${file}:3`, `${file}:5`]);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /usage\.scs is given with two lines \(3 and 5\): give one/);
    const missing = await scs([join(dir, 'missing.scs:4')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: .*missing\.scs\n/);
  });

  test('--help names the FILE.scs:LINE form', async () => {
    const help = await runBuilt(cli, ['run', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout.replace(/\s+/g, ' '), /FILE\.scs:LINE runs that file up to and including the step at LINE/);
  });
});
