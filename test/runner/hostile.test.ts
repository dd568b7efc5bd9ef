// `scs run` against a misbehaving server (issue 13): one behaviour per test, each run with two
// files so that the second shows the run went on. Each asserts the failing step and its reason,
// the exit code (1: a `receives` failed; 2: setup or connection error) and the wall time; the
// flood test also asserts the process's peak memory.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHostileServer, type HostileOptions, type Misbehaviour } from './hostileServer.js';
import { runMeasured, type Measured } from './measuredProcess.js';
import { runScenario } from '../../core/runner/index.js';
import { character, handlesLeftAfter, lineOf, openHandles, scenario } from './support.js';
import { lineNumber } from '../../core/results.js';

const cli = resolve('dist/cli.js');
let dir: string;

before(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'scs-hostile-'));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const waitForMessage = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<presence/>

Romeo receives:
	<message type="chat"><body>never sent</body></message>

Romeo disconnects
`;
const connectsLine = lineOf(waitForMessage, 'Romeo connects');
const receivesLine = lineOf(waitForMessage, 'Romeo receives:');

interface Outcome extends Measured {
  /** The JSON reporter's lines. */
  events: Array<Record<string, any>>;
}

/** Runs `scs run --reporter json --timeout SECONDS` on two copies of `text` against `port`. */
async function runTwice(text: string, port: number, timeoutSeconds: number, extra: string[] = []): Promise<Outcome & { files: string[] }> {
  const files = ['first', 'second'].map((name) => {
    const file = join(dir, `${name}.scs`);
    writeFileSync(file, text);
    return file;
  });
  const args = ['--server', `127.0.0.1:${port}`, '--timeout', String(timeoutSeconds), '--reporter', 'json', ...extra, ...files];
  const measured = await runMeasured(process.execPath, [cli, 'run', ...args]);
  const events = measured.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
  return { ...measured, events, files };
}

function ends(outcome: Outcome): Array<Record<string, any>> {
  return outcome.events.filter((event) => event.event === 'scenarioEnd');
}

/** Both files ran, in order, and each failed with `expected` at `line`. */
function assertBothFailed(outcome: Outcome & { files: string[] }, expected: { line: number; kind: string; message: RegExp; status: string }): void {
  assert.equal(outcome.stderr, '', 'nothing on stderr: no crash, no warning');
  const finished = ends(outcome);
  assert.deepEqual(
    finished.map((end) => end.file),
    outcome.files,
    'both files ran',
  );
  for (const end of finished) {
    assert.equal(end.status, expected.status, JSON.stringify(end.failure));
    assert.equal(end.failure.line, expected.line, end.failure.message);
    assert.equal(end.failure.kind, expected.kind, end.failure.message);
    assert.match(end.failure.message, expected.message);
    assert.doesNotMatch(end.failure.message, /[\x00-\x08\x0B-\x1F\x7F]/, 'no control character in the reason');
  }
  const summary = outcome.events.at(-1)!;
  assert.equal(summary.event, 'summary');
  assert.equal(summary.passed, 0);
}

async function withServer(misbehaviour: Misbehaviour, body: (port: number) => Promise<void>, options?: HostileOptions): Promise<void> {
  const server = await startHostileServer(misbehaviour, options);
  try {
    await body(server.port);
    assert.ok(server.connections() >= 2, 'each file connected');
  } finally {
    await server.close();
  }
}

// A failure known at once: each scenario well under the 3 s timeout, both files together too.
const TIMEOUT_S = 3;

const immediate: Array<{ name: string; misbehaviour: Misbehaviour; line: number; kind: string; message: (port: number) => RegExp }> = [
  {
    name: 'an illegal character reference in text, before login',
    misbehaviour: 'illegal-reference-text-before-login',
    line: connectsLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^not-well-formed XML from 127\\.0\\.0\\.1:${port}: character reference to U\\+0000, which is not an XML character$`),
  },
  {
    name: 'an illegal character reference in an attribute, before login',
    misbehaviour: 'illegal-reference-attribute-before-login',
    line: connectsLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^not-well-formed XML from 127\\.0\\.0\\.1:${port}: character reference to U\\+001B, which is not an XML character$`),
  },
  {
    name: 'an illegal character reference in text, after login',
    misbehaviour: 'illegal-reference-text-after-login',
    line: receivesLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^not-well-formed XML from 127\\.0\\.0\\.1:${port}: character reference to U\\+0000, which is not an XML character$`),
  },
  {
    name: 'an illegal character reference in an attribute, after login',
    misbehaviour: 'illegal-reference-attribute-after-login',
    line: receivesLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^not-well-formed XML from 127\\.0\\.0\\.1:${port}: character reference to U\\+001B, which is not an XML character$`),
  },
  {
    name: 'two XML errors in one read',
    misbehaviour: 'two-xml-errors',
    line: connectsLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^not-well-formed XML from 127\\.0\\.0\\.1:${port}: a must be closed\\.$`),
  },
  {
    name: 'a TCP reset during connect',
    misbehaviour: 'reset-during-connect',
    line: connectsLine,
    kind: 'connection',
    message: (port) => new RegExp(`^connection reset by the server at 127\\.0\\.0\\.1:${port}$`),
  },
  {
    name: 'an immediate close',
    misbehaviour: 'immediate-close',
    line: connectsLine,
    kind: 'connection',
    // Closed before the client's stream header arrived, or after (then the kernel answers it with a reset).
    message: (port) =>
      new RegExp(
        `^(the connection to 127\\.0\\.0\\.1:${port} closed by the server before it sent a stream header|connection reset by the server at 127\\.0\\.0\\.1:${port})$`,
      ),
  },
  {
    name: 'bytes that are not XMPP',
    misbehaviour: 'not-xmpp',
    line: connectsLine,
    kind: 'connection',
    message: (port) =>
      new RegExp(`^the server at 127\\.0\\.0\\.1:${port} does not speak XMPP: it answered "HTTP/1\\.1 400 Bad Request\\\\x0D\\\\x0AContent-Type: "$`),
  },
  {
    name: 'a stanza from a JID that is not one, before login',
    misbehaviour: 'bad-jid-before-login',
    line: connectsLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^the server at 127\\.0\\.0\\.1:${port} sent what the client cannot read: Invalid domain\\.$`),
  },
  {
    name: 'a see-other-host stream error (not followed)',
    misbehaviour: 'see-other-host',
    line: connectsLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^stream error from 127\\.0\\.0\\.1:${port}: see-other-host$`),
  },
  {
    name: 'a connection closed in the middle of a stanza',
    misbehaviour: 'closed-mid-stanza',
    line: receivesLine,
    kind: 'connection',
    message: (port) => new RegExp(`^connection to 127\\.0\\.0\\.1:${port} lost$`),
  },
  {
    // The engine's side of it: raw control characters are not XML, so the stanza never reaches a
    // step or a terminal (escaping what does is issue 13 item 5).
    name: 'terminal escape sequences in a stanza',
    misbehaviour: 'escape-sequences',
    line: receivesLine,
    kind: 'stream-error',
    message: (port) => new RegExp(`^not-well-formed XML from 127\\.0\\.0\\.1:${port}: character U\\+001B, which is not an XML character$`),
  },
];

for (const { name, misbehaviour, line, kind, message } of immediate) {
  test(`${name}: the step errors at once with the reason, exit code 2, and the next file runs`, async () => {
    await withServer(misbehaviour, async (port) => {
      const outcome = await runTwice(waitForMessage, port, TIMEOUT_S);
      assertBothFailed(outcome, { line, kind, message: message(port), status: 'errored' });
      assert.equal(outcome.code, 2);
      for (const end of ends(outcome))
        assert.ok(
          end.durationMs < (TIMEOUT_S * 1000) / 2,
          `${end.file} took ${end.durationMs} ms: ${JSON.stringify(end.steps.map((step: { durationMs: number }) => step.durationMs))}`,
        );
      assert.ok(outcome.wallMs < TIMEOUT_S * 1000, `the run took ${Math.round(outcome.wallMs)} ms`);
    });
  });
}

test('no reply to resource binding: connects times out, and the process exits right after', async () => {
  await withServer('no-bind-reply', async (port) => {
    const outcome = await runTwice(waitForMessage, port, 1);
    assertBothFailed(outcome, {
      line: connectsLine,
      kind: 'timeout',
      message: new RegExp(`^timed out after 1 s: stream negotiation with 127\\.0\\.0\\.1:${port} did not finish \\(authentication or resource binding\\)$`),
      status: 'errored',
    });
    assert.equal(outcome.code, 2);
    // Two timeouts of 1 s; no IQ caller's 30 s timer keeps the process alive after them.
    assert.ok(outcome.wallMs >= 2000 && outcome.wallMs < 2000 + 2500, `the run took ${Math.round(outcome.wallMs)} ms`);
  });
});

test('a stanza that never ends: the step errors once it is 1 Mi characters long, memory stays bounded', async () => {
  await withServer('endless-stanza', async (port) => {
    const outcome = await runTwice(waitForMessage, port, 5);
    assertBothFailed(outcome, {
      line: receivesLine,
      kind: 'stream-error',
      message: new RegExp(`^the server at 127\\.0\\.0\\.1:${port} sent what the client cannot read: a stanza longer than 1 Mi characters$`),
      status: 'errored',
    });
    assert.equal(outcome.code, 2);
    // Each well before the 5 s timeout (ltx reads text at about 1.5 s per Mi characters).
    for (const end of ends(outcome)) assert.ok(end.durationMs < 5000, `${end.file} took ${end.durationMs} ms`);
    assert.ok(outcome.peakRssMb > 0 && outcome.peakRssMb < 200, `peak RSS ${Math.round(outcome.peakRssMb)} MB`);
  });
});

/** Juliet is flooded from login on; Romeo listens for nothing, then Juliet waits for a stanza. */
const floodJuliet = `${character('Juliet', 'juliet')}
${character('Romeo', 'romeo')}
-----
Romeo connects

Juliet connects

Romeo receives: nothing

Juliet receives:
	<message type="chat"><body>never sent</body></message>
`;
const julietReceivesLine = lineOf(floodJuliet, 'Juliet receives:');

test('a flood: the flooded queue fails its receives, memory stays bounded, the transcript keeps both ends', async () => {
  // The server floods Juliet from login on; Romeo listens for nothing for 1.5 s (the queue would
  // have grown all that time), then Juliet waits for a stanza. Romeo connects first: a flood
  // keeps both ends busy, and a login during it may take longer than the timeout.
  const server = await startHostileServer('flood', { floodUser: 'juliet' });
  try {
    const outcome = await runTwice(floodJuliet, server.port, 2, ['--quiet-period', '1.5']);
    assertBothFailed(outcome, {
      line: julietReceivesLine,
      kind: 'flooded',
      message: /^flooded: 10001 stanzas arrived without a match in \d+(\.\d+)? s$/,
      status: 'failed',
    });
    assert.equal(outcome.code, 1, 'a receives failed');
    // About 100 MB here; unbounded, the queue kept every stanza: 293 MB for this run (issue 13).
    assert.ok(outcome.peakRssMb > 0 && outcome.peakRssMb < 200, `peak RSS ${Math.round(outcome.peakRssMb)} MB`);
    assert.ok(outcome.wallMs < 2 * 1500 + 4000, `the run took ${Math.round(outcome.wallMs)} ms`);
    const first = outcome.events.filter((event) => event.event === 'transcript' && event.file === outcome.files[0] && event.entry.character === 'Juliet');
    const texts = first.map((event) => event.entry.text as string);
    assert.ok(first.length < 20, `Juliet's transcript has ${first.length} entries`);
    assert.ok(texts.includes('9990 more stanzas received, not shown'), texts.join('\n'));
  } finally {
    await server.close();
  }
});

test('--max-queue sets the bound', async () => {
  await withServer(
    'flood',
    async (port) => {
      const outcome = await runTwice(floodJuliet, port, TIMEOUT_S, ['--max-queue', '100']);
      assertBothFailed(outcome, {
        line: julietReceivesLine,
        kind: 'flooded',
        message: /^flooded: 101 stanzas arrived without a match in \d+(\.\d+)? s$/,
        status: 'failed',
      });
      assert.equal(outcome.code, 1);
    },
    { floodUser: 'juliet' },
  );
});

test('in a process that lives on (the extension host): every misbehaviour leaves a result and no socket or timer', async () => {
  const behaviours: Misbehaviour[] = [
    'illegal-reference-text-before-login',
    'illegal-reference-attribute-after-login',
    'two-xml-errors',
    'reset-during-connect',
    'immediate-close',
    'not-xmpp',
    'bad-jid-before-login',
    'see-other-host',
    'closed-mid-stanza',
    'escape-sequences',
    'no-bind-reply',
    'endless-stanza',
    'flood',
  ];
  for (const misbehaviour of behaviours) {
    const server = await startHostileServer(misbehaviour);
    try {
      const before = openHandles();
      const result = await runScenario(scenario(waitForMessage), `${misbehaviour}.scs`, { port: server.port, timeoutMs: 1000 });
      assert.notEqual(result.status, 'passed', misbehaviour);
      const stepLines = [connectsLine, lineOf(waitForMessage, 'Romeo sends:'), receivesLine];
      assert.ok(result.failure && stepLines.includes(lineNumber(result.failure.range)), `${misbehaviour}: ${JSON.stringify(result.failure)}`);
      // The IQ caller's 30 s timer for resource binding among them.
      assert.deepEqual(await handlesLeftAfter(before), [], misbehaviour);
    } finally {
      await server.close();
    }
  }
});
