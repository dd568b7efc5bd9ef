// Control characters from files and servers never reach the terminal raw (issue 13, item 5):
// `scs check` and the human reporter show them escaped. The stanza comes from a real Prosody:
// raw ESC is not XML, but C1 controls are (U+009B is a one-byte CSI for terminals that take
// 8-bit controls), and Prosody relays them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestProsody, type TestServer } from './prosody.js';
import { character } from './support.js';
import { HumanReporter } from '../../cli/reporters/human.js';
import { palette } from '../../cli/reporters/colors.js';
import { parseScenario } from '../../core/parser/index.js';

const cli = resolve('dist/cli.js');
/** C0 controls but tab and line feed, DEL, C1 controls. */
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let server: TestServer;
let dir: string;

function scs(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A character name that clears the screen and retitles the window, were it printed raw. */
const hostileName = 'Nob\u001b[2J\u001b]0;pwned\u0007ody';

describe('safe output', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scs-safe-output-'));
    server = await startTestProsody();
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('scs check shows control characters of a file escaped, in text; JSON escapes them as JSON does', async () => {
    const file = write('hostile.scs', `${character('Romeo', 'romeo')}\n-----\nRomeo connects\n${hostileName} connects\n`);
    const text = await scs(['check', file]);
    assert.equal(text.code, 1);
    assert.doesNotMatch(text.stdout, raw);
    assert.match(text.stdout, /No character is called "Nob\\e\[2J\\e\]0;pwned\\aody"/);
    const json = await scs(['check', '--format', 'json', file]);
    assert.doesNotMatch(json.stdout, raw);
    assert.equal(JSON.parse(json.stdout).files[0].diagnostics.find((item: { code: string }) => item.code === 'undefined-character').data.name, hostileName);
  });

  test('scs check and its JSON list 1,000 diagnostics of a file and say how many more; the summary counts them all', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => `Nobody${i} connects`).join('\n');
    const file = write('many.scs', `${character('Romeo', 'romeo')}\n-----\nRomeo connects\n${bad}\n`);
    const text = await scs(['check', file]);
    assert.equal(text.code, 1);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1002, 'the 1,000 listed, the one saying how many more, the summary');
    assert.match(lines[1000], /:\d+:1: error too-many-diagnostics: 500 more diagnostics from here on are not listed \(500 errors\)/);
    assert.match(lines[1001], /1 file checked: 1500 errors, 0 warnings/);
    const json = JSON.parse((await scs(['check', '--format', 'json', file])).stdout);
    assert.equal(json.files[0].diagnostics.length, 1001);
    assert.deepEqual(json.files[0].diagnostics[1000].data, { omitted: { error: 500, warning: 0, information: 0, hint: 0 } });
    assert.equal(json.summary.errors, 1500);
  });

  test('the human reporter shows escaped what the server sent and what the file says', async () => {
    const scenario = `# Controls from the server
${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>&#x9b;2J&#x9d;0;pwned&#x9c;</body></message>

Romeo receives:
	<message type="chat"><body>something else</body></message>
`;
    const relayed = write('relayed.scs', scenario);
    const refused = write('refused.scs', `${character('Romeo', 'romeo')}\n-----\n${hostileName} connects\n`);
    const result = await scs(['run', '--timeout', '1', '--server', `${server.host}:${server.port}`, relayed, refused]);
    assert.equal(result.code, 2, result.stderr);
    assert.doesNotMatch(result.stdout, raw);
    // The received stanza, as Prosody relayed it, with its C1 controls shown.
    assert.match(result.stdout, /received:[\s\S]*<body>\\x9b2J\\x9d0;pwned\\x9c<\/body>/);
    assert.match(result.stdout, /refused\.scs:\d+:1: error undefined-character: No character is called "Nob\\e\[2J\\e\]0;pwned\\aody"/);
  });

  test('the human reporter escapes a stanza with ESC given to it, and keeps its own colours and line breaks', () => {
    let printed = '';
    const reporter = new HumanReporter((text) => (printed += text), palette(true), false);
    const parsed = parseScenario(`${character('Romeo', 'romeo')}\n-----\nRomeo connects\n`);
    const step = { index: 0, actionRange: parsed.steps[0].actionRange, range: parsed.steps[0].range, durationMs: 1 };
    const failure = {
      kind: 'mismatch' as const,
      range: step.actionRange,
      message: 'body: expected "a", got "\u001b[2J"',
      actual: '<message>\n  <body>\u001b[2J</body>\n</message>',
    };
    reporter.event({ event: 'stepEnd', file: 'x.scs', step: { ...step, status: 'failed', failure } }, parsed);
    assert.doesNotMatch(printed.replace(/\u001b\[\d+(;\d+)*m/g, ''), raw, 'no control character but the colours');
    assert.match(printed, /got "\\e\[2J"/);
    assert.match(printed, /received:\n {10}<message>\n {12}<body>\\e\[2J<\/body>\n {10}<\/message>/);
  });
});
