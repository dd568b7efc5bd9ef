// `scs run` end to end: the built CLI against a real Prosody, every reporter and exit code.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'ltx';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { runGate } from '../../core/gate.js';
import { parseScenario } from '../../core/parser/index.js';
import { character, freePort, lineOf, selfPresence } from '../runner/support.js';

const cli = resolve('dist/cli.js');
let server: TestServer;
let dir: string;

const passing = `# Presence comes back
## smoke

${character('Romeo', 'romeo')}
${selfPresence}
Romeo disconnects
`;

const failing = `# A body that differs

${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>hello</body></message>

Romeo receives:
	<message type="chat"><body>goodbye</body></message>

Romeo disconnects
`;

const broken = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<presence><status>unclosed</presence>
`;

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function scs(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, 'run', ...args], { timeout: 60_000, env }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function jsonLines(stdout: string): Array<Record<string, any>> {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

before(async () => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  server = await startTestProsody();
  dir = mkdtempSync(join(tmpdir(), 'scs-run-cli-'));
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const serverArgs = () => ['--server', `${server.host}:${server.port}`, '--timeout', '1'];

describe('scs run', () => {
  test('json reporter: a passing scenario ends with scenarioEnd passed and exit code 0', async () => {
    const file = write('passing.scs', passing);
    const { code, stdout } = await scs([...serverArgs(), '--reporter', 'json', file]);
    const lines = jsonLines(stdout);
    assert.equal(code, 0, stdout);
    assert.deepEqual(
      lines.map((line) => line.event).filter((event) => event !== 'transcript' && event !== 'stepStart' && event !== 'stepEnd'),
      ['scenarioStart', 'scenarioEnd', 'summary'],
    );
    assert.equal(lines.filter((line) => line.event === 'stepEnd').length, 4);
    const end = lines.find((line) => line.event === 'scenarioEnd')!;
    assert.equal(end.file, file);
    assert.equal(end.status, 'passed');
    assert.equal(typeof end.durationMs, 'number');
    assert.equal(end.failure, undefined);
    assert.deepEqual(lines.at(-1), { event: 'summary', passed: 1, failed: 0, errored: 0, skippedByTags: [], durationMs: lines.at(-1)!.durationMs });
  });

  test('json reporter: a failing scenario gives line, message, expected and actual, and exit code 1', async () => {
    const file = write('failing.scs', failing);
    const { code, stdout } = await scs([...serverArgs(), '--reporter', 'json', file]);
    assert.equal(code, 1, stdout);
    const end = jsonLines(stdout).find((line) => line.event === 'scenarioEnd')!;
    assert.equal(end.status, 'failed');
    assert.equal(end.failure.line, lineOf(failing, 'Romeo receives:'));
    assert.equal(end.failure.message, 'message/body: expected text "goodbye", got "hello"; closest of 1 arrived, timed out after 1 s');
    assert.equal(end.failure.expected, '<message type="chat">\n  <body>goodbye</body>\n</message>');
    assert.match(
      end.failure.actual,
      /^<message type="chat" from="romeo@localhost\/[^"]+" to="romeo@localhost\/[^"]+"[^>]*>\n  <body>hello<\/body>\n<\/message>$/,
    );
  });

  test('a file with errors is not run: its diagnostics are printed, it counts as errored, exit code 2', async () => {
    const file = write('broken.scs', broken);
    const { code, stdout } = await scs([...serverArgs(), '--reporter', 'json', file]);
    assert.equal(code, 2, stdout);
    const lines = jsonLines(stdout);
    const diagnostics = lines.find((line) => line.event === 'diagnostics')!;
    assert.ok(diagnostics.diagnostics.length > 0);
    assert.equal(diagnostics.diagnostics[0].severity, 'error');
    assert.equal(lines.find((line) => line.event === 'scenarioEnd')!.status, 'errored');
    assert.ok(!lines.some((line) => line.event === 'scenarioStart'), 'the scenario did not start');
  });

  test('a file with an error only diagnose() finds is refused with the first error scs check prints and the gate gives', async () => {
    const text = `${character('Romeo', 'romeo')}-----\nRomeo connects\nMercutio sends:\n\t<presence/>\n`;
    const file = write('mercutio.scs', text);
    const { code, stdout } = await scs([...serverArgs(), '--reporter', 'json', file]);
    assert.equal(code, 2, stdout);
    const lines = jsonLines(stdout);
    const end = lines.find((line) => line.event === 'scenarioEnd')!;
    const refusal = runGate(parseScenario(text))!;
    // The result's 0-based range, and the 1-based line the JSON reporter adds at the edge.
    assert.deepEqual(end.failure, { kind: 'not-run', line: 6, range: refusal.range, message: refusal.message });
    assert.equal(refusal.range.start.line, 5);
    assert.ok(!lines.some((line) => line.event === 'scenarioStart'), 'the scenario did not start');
    const check = await new Promise<string>((done) => execFile(process.execPath, [cli, 'check', file], (_error, out) => done(out)));
    const first = runGate(parseScenario(text))!.problems[0];
    assert.ok(check.startsWith(`${file}:6:1: error ${first.code}: ${first.message}\n`), check);
  });

  test('human reporter: a line per step and a summary, no colours when not on a terminal', async () => {
    const file = write('passing.scs', passing);
    const { code, stdout } = await scs([...serverArgs(), file]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /Presence comes back/);
    assert.match(stdout, /✓ +\d+ {2}Romeo connects \(\d+ ms\)/);
    assert.match(stdout, /✓ +\d+ {2}Romeo receives \(\d+ ms\)/);
    assert.match(stdout, /1 scenario: 1 passed, 0 failed, 0 errored \(\d+\.\d\d s\)/);
    assert.ok(!stdout.includes('\u001b['));
  });

  test('tags: --only-tags and --skip-tags choose the scenarios', async () => {
    const tagged = write('passing.scs', passing);
    const untagged = write('failing.scs', failing);
    const only = await scs([...serverArgs(), '--reporter', 'json', '--only-tags', 'smoke', tagged, untagged]);
    assert.equal(only.code, 0, only.stdout);
    const summary = jsonLines(only.stdout).at(-1)!;
    assert.equal(summary.passed, 1);
    assert.deepEqual(summary.skippedByTags, [untagged]);
    const skip = await scs([...serverArgs(), '--reporter', 'json', '--skip-tags', 'smoke', tagged, untagged]);
    assert.equal(skip.code, 1);
    assert.deepEqual(jsonLines(skip.stdout).at(-1)!.skippedByTags, [tagged]);
  });

  test('junit reporter writes a report with a testcase per scenario and the failure', async () => {
    const output = join(dir, 'report.xml');
    const { code } = await scs([...serverArgs(), '--reporter', 'junit', '--output', output, write('passing.scs', passing), write('failing.scs', failing)]);
    assert.equal(code, 1);
    const report = parse(readFileSync(output, 'utf8'));
    const suite = report.getChild('testsuite')!;
    assert.equal(suite.attrs.tests, '2');
    assert.equal(suite.attrs.failures, '1');
    const cases = suite.getChildren('testcase');
    assert.deepEqual(
      cases.map((item) => item.attrs.name),
      ['Presence comes back', 'A body that differs'],
    );
    assert.equal(cases[0].getChild('failure'), undefined);
    assert.match(cases[1].getChild('failure')!.attrs.message, /message\/body: expected text "goodbye", got "hello"/);
  });

  test('tap reporter: a plan and a test point per scenario', async () => {
    const { code, stdout } = await scs([...serverArgs(), '--reporter', 'tap', write('passing.scs', passing), write('failing.scs', failing)]);
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    assert.deepEqual(lines.slice(0, 2), ['TAP version 13', '1..2']);
    assert.match(lines[2], /^ok 1 - .*passing\.scs \(Presence comes back\)$/);
    assert.match(lines[3], /^not ok 2 - .*failing\.scs \(A body that differs\)$/);
    assert.ok(stdout.includes(`  line: ${lineOf(failing, 'Romeo receives:')}\n`), stdout);
  });

  test('no server: the scenario errors at connects and the exit code is 2', async () => {
    const port = await freePort();
    const { code, stdout } = await scs(['--server', `127.0.0.1:${port}`, '--reporter', 'json', write('passing.scs', passing)]);
    assert.equal(code, 2);
    const end = jsonLines(stdout).find((line) => line.event === 'scenarioEnd')!;
    assert.equal(end.failure.message, `connection refused at 127.0.0.1:${port}`);
    assert.equal(end.failure.line, lineOf(passing, 'Romeo connects'));
  });

  test('no server given and nothing listens on 127.0.0.1:5222: stderr says how to give one, once for the run', () => {
    // In a network namespace of its own nothing listens on the default address (see scansion.test.ts).
    const files = [write('hint-a.scs', passing), write('hint-b.scs', passing)];
    const run = spawnSync(
      'unshare',
      ['-rn', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" "${cli}" run --reporter json ${files.map((file) => `"${file}"`).join(' ')}`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(run.error, undefined, 'unshare must be able to make a network namespace (root, or user namespaces allowed)');
    assert.equal(run.status, 2, run.stderr + run.stdout);
    assert.equal(
      jsonLines(run.stdout).filter((line) => line.event === 'scenarioEnd' && line.failure.message === 'connection refused at 127.0.0.1:5222').length,
      2,
    );
    assert.equal(
      run.stderr,
      'hint: nothing listens on 127.0.0.1:5222. Name a server that runs with --server HOST:PORT (`scs server start` starts a throwaway Prosody and prints its address), or add --local-server to run against a throwaway Prosody of its own.\n',
    );
  });

  test('a refused --server named on the command line gets no hint: the reason says it all', async () => {
    const port = await freePort();
    const { code, stderr } = await scs(['--server', `127.0.0.1:${port}`, write('passing.scs', passing)]);
    assert.equal(code, 2);
    assert.equal(stderr, '');
  });

  test('--local-server --jobs 2 runs each scenario on a throwaway Prosody of its own', async () => {
    const files = ['a', 'b', 'c'].map((name) => write(`local-${name}.scs`, passing));
    const { code, stdout } = await scs(['--local-server', '--jobs', '2', '--reporter', 'json', ...files]);
    assert.equal(code, 0, stdout);
    const ends = jsonLines(stdout).filter((line) => line.event === 'scenarioEnd');
    assert.deepEqual(ends.map((line) => line.file).sort(), files);
    assert.ok(ends.every((line) => line.status === 'passed'));
    // Each job starts on its own server as soon as that one is ready, so the first job up may have
    // run all three before the second server answered: one or two servers, never the shared one.
    // That two start and both stop: test/prosody/cleanStop.test.ts.
    const servers = new Set(ends.map((line) => line.server));
    assert.ok(servers.size >= 1 && servers.size <= 2, `one or two servers, not ${[...servers].join(', ')}`);
    assert.ok(![...servers].includes(`${server.host}:${server.port}`));
  });

  // The servers start while the files are read: a server that fails at once (no Prosody) is still
  // reported as such, whether the failure comes before the jobs wait for it or after.
  for (const jobs of ['1', '2']) {
    test(`--local-server --jobs ${jobs} without Prosody: exit 2, saying how to install it, and nothing run`, async () => {
      const files = ['a', 'b'].map((name) => write(`no-prosody-${name}.scs`, passing));
      const result = await scs(['--local-server', '--jobs', jobs, '--reporter', 'json', ...files], { ...process.env, SCS_PROSODY: '/nonexistent/prosody' });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /^error: could not start a local server: Prosody is not installed .*apt-get install prosody/);
      assert.equal(result.stdout, '');
    });
  }

  /** A stand-in for `prosody` that notes each start in `starts` and runs the real one, after
   *  `firstDelaySeconds` for the first start only. */
  function countingProsody(name: string, firstDelaySeconds = 0): { env: NodeJS.ProcessEnv; starts: () => number } {
    const starts = join(dir, `${name}.starts`);
    const first = join(dir, `${name}.first`);
    const real = spawnSync('sh', ['-c', 'command -v prosody'], { encoding: 'utf8' }).stdout.trim();
    const script = write(
      `${name}.sh`,
      `#!/bin/sh\necho start >> '${starts}'\nif mkdir '${first}' 2>/dev/null; then sleep ${firstDelaySeconds}; fi\nexec '${real}' "$@"\n`,
    );
    spawnSync('chmod', ['+x', script]);
    return {
      env: { ...process.env, SCS_PROSODY: script },
      starts: () => (existsSync(starts) ? readFileSync(starts, 'utf8').split('\n').filter(Boolean).length : 0),
    };
  }

  test('--local-server starts servers only for files that will run: none for a file with errors or files skipped by tags, at most one per file that may run', async () => {
    const prosody = countingProsody('only-runnable');
    const refused = await scs(['--local-server', '--reporter', 'json', write('refused.scs', broken)], prosody.env);
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(jsonLines(refused.stdout).at(-1)!.errored, 1);
    const skipped = await scs(['--local-server', '--reporter', 'json', '--only-tags', 'nightly', write('tagged.scs', passing)], prosody.env);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.equal(prosody.starts(), 0, 'no server for nothing to run');
    assert.doesNotMatch(refused.stderr + skipped.stderr, /local server configuration/);
    const mixed = await scs(['--local-server', '--jobs', '3', '--reporter', 'json', write('a-refused.scs', broken), write('b-runs.scs', passing)], prosody.env);
    assert.equal(mixed.code, 2, mixed.stderr);
    assert.equal(jsonLines(mixed.stdout).at(-1)!.passed, 1);
    assert.equal(prosody.starts(), 1, 'one server for the one file that runs, though --jobs is 3');
  });

  test('the local server configuration is named before any scenario result, even when the second server is up first', async () => {
    const prosody = countingProsody('slow-first', 1.5);
    const files = ['a', 'b', 'c'].map((name) => write(`named-${name}.scs`, passing));
    const both = join(dir, 'named.out');
    const out = openSync(both, 'w');
    const ran = spawnSync(process.execPath, [cli, 'run', '--local-server', '--jobs', '2', '--reporter', 'json', ...files], {
      env: prosody.env,
      stdio: ['ignore', out, out],
      timeout: 60_000,
    });
    closeSync(out);
    const lines = readFileSync(both, 'utf8').split('\n');
    assert.equal(ran.status, 0, lines.join('\n'));
    const named = lines.findIndex((line) => line.startsWith('local server configuration: '));
    const firstResult = lines.findIndex((line) => line.includes('"scenarioEnd"'));
    assert.ok(named >= 0 && named < firstResult, lines.join('\n'));
  });

  test('usage errors exit with 2', async () => {
    assert.equal((await scs(['--reporter', 'nope', write('passing.scs', passing)])).code, 2);
    assert.equal((await scs(['--jobs', '2', write('passing.scs', passing)])).code, 2);
    assert.equal((await scs(['--server', 'a:b:c', write('passing.scs', passing)])).code, 2);
    assert.equal((await scs([join(dir, 'missing.scs')])).code, 2);
    // Node fires a timer of more than 2^31 - 1 ms after 1 ms: every wait would time out at once.
    const endless = await scs(['--timeout', '1e9', write('passing.scs', passing)]);
    assert.equal(endless.code, 2);
    assert.match(endless.stderr, /^error: --timeout must be at most 2147483 seconds \(24 days\), not "1e9"/);
    assert.equal((await scs(['--quiet-period', '3000000', write('passing.scs', passing)])).code, 2);
  });
});
