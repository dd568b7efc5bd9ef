// Run semantics of SCANSION.md section 1 and 3 against a real Prosody: sends after `disconnects`,
// consecutive receives in any order (and `ordered`), failing fast on a wrong reply, and failures
// that say why. Faulty inputs from ../shared/cases run as they are when that folder is there.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseStepInput } from '../../core/parser/index.js';
import { runScenario } from '../../core/runner/index.js';
import type { StepControl } from '../../core/runner/control.js';
import { lineNumber, type RunEvent } from '../../core/results.js';
import { startTestProsody, type TestServer } from './prosody.js';
import { character, lineOf, scenario } from './support.js';

let server: TestServer;
before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
});

const options = (extra: { timeoutMs?: number; ordered?: boolean } = {}) => ({ host: server.host, port: server.port, timeoutMs: 1000, quietMs: 200, ...extra });

const casesDir = resolve(import.meta.dirname, '../../../shared/cases');

describe('sends after disconnects', () => {
  const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo disconnects

Romeo sends:
	<presence type="unavailable"/>
`;

  test('the step does nothing and passes; the transcript says it was not sent', async () => {
    const result = await runScenario(scenario(text), 'after.scs', options());
    assert.equal(result.status, 'passed', result.failure?.message);
    const notSent = result.transcript.filter((entry) => entry.text.startsWith('not connected: not sent'));
    assert.deepEqual(
      notSent.map((entry) => [entry.character, entry.direction, entry.text, entry.stepIndex]),
      [['Romeo', 'event', 'not connected: not sent: <presence type="unavailable"/>', 2]],
    );
    assert.ok(!result.transcript.some((entry) => entry.direction === 'sent'));
  });

  test('sending before the first connects is still an error', async () => {
    const before = `${character('Romeo', 'romeo')}
-----
Romeo sends:
	<presence/>

Romeo connects
`;
    const result = await runScenario(scenario(before), 'before.scs', options());
    assert.equal(result.status, 'errored');
    assert.equal(result.failure?.range.start.line, lineOf(before, 'Romeo sends:') - 1);
    assert.equal(result.failure?.message, 'Romeo is not connected');
  });
});

// Messages to oneself arrive in the order sent: C, B, A, against receives written A, B, C.
const outOfOrder = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>C</body></message>

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>B</body></message>

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>A</body></message>

Romeo receives:
	<message type="chat"><body>A</body></message>

Romeo receives:
	<message type="chat"><body>B</body></message>

Romeo receives:
	<message type="chat"><body>C</body></message>

Romeo disconnects
`;

describe('consecutive receives of one character', () => {
  const text = outOfOrder;
  const receives = (body: string) => lineOf(text, `\t<message type="chat"><body>${body}</body></message>`) - 1;

  test('match in any order: each step passes with its own stanza, and events come step by step', async () => {
    const events: RunEvent[] = [];
    const result = await runScenario(scenario(text), 'any-order.scs', options(), (event) => events.push(event));
    assert.equal(result.status, 'passed', result.failure?.message);
    assert.ok(result.steps.every((step) => step.status === 'passed'));
    const steps = events.filter((event) => event.event === 'stepStart' || event.event === 'stepEnd');
    assert.deepEqual(
      steps.map((event) => (event.event === 'stepStart' ? `start ${event.index}` : `end ${event.event === 'stepEnd' && event.step.index}`)),
      result.steps.flatMap((step) => [`start ${step.index}`, `end ${step.index}`]),
    );
    // Each received stanza is recorded under the step it was given to, at its arrival time.
    const received = result.transcript.filter((entry) => entry.direction === 'received');
    for (const body of ['A', 'B', 'C']) {
      const entry = received.find((candidate) => candidate.text.includes(`<body>${body}</body>`));
      const step = result.steps[entry!.stepIndex!];
      assert.equal(step.actionRange.start.line + 1, receives(body), `${body} is recorded under its own step`);
    }
    assert.ok(
      received.every((entry, index) => index === 0 || entry.timeMs >= received[index - 1].timeMs),
      'in order of arrival time',
    );
    assert.ok(!result.transcript.some((entry) => entry.direction === 'passed-over'));
  });

  test('a debugger console step that takes a stanza the group counted on: the group forms anew and that step waits', async () => {
    const console = parseStepInput('Romeo receives: <message type="chat"><body>B</body></message>', ['Romeo']);
    assert.ok('step' in console);
    let consoleFailure: unknown = 'not run';
    const control: StepControl = {
      async afterStep(step, _result, live) {
        if (step.actionRange.start.line + 1 === receives('A')) consoleFailure = await live.runStep(console.step);
      },
    };
    const result = await runScenario(scenario(text), 'console.scs', { ...options({ timeoutMs: 500 }), control });
    assert.equal(consoleFailure, undefined, 'the console step passed');
    assert.equal(result.failure?.range.start.line, receives('B') - 1, result.failure?.message);
    assert.equal(result.failure?.kind, 'timeout');
    assert.deepEqual(
      result.steps.map((step) => step.status),
      ['passed', 'passed', 'passed', 'passed', 'passed', 'failed', 'skipped', 'skipped'],
    );
  });

  test('ordered: the second step fails, and the reason names the step that passed its stanza over and when it came', async () => {
    const result = await runScenario(scenario(text), 'ordered.scs', options({ ordered: true }));
    assert.equal(result.status, 'failed');
    const failure = result.failure!;
    assert.equal(lineNumber(failure.range), receives('B'));
    assert.equal(failure.kind, 'timeout');
    assert.equal(failure.passedOver?.range.start.line, receives('A') - 1);
    const arrivedB = result.transcript.find((entry) => entry.direction === 'passed-over' && entry.text.includes('<body>B</body>'))!;
    assert.equal(failure.passedOver?.timeMs, arrivedB.timeMs);
    assert.equal(
      failure.message,
      `the stanza this step waits for arrived at ${(arrivedB.timeMs / 1000).toFixed(3)} s and was passed over by the step at line ${receives('A')}; timed out after 1 s`,
    );
  });
});

describe('scs run --ordered', () => {
  const text = outOfOrder;
  const scs = (args: string[]) =>
    new Promise<{ code: number; stdout: string }>((done) => {
      execFile(process.execPath, [resolve('dist/cli.js'), 'run', '--server', `${server.host}:${server.port}`, '--timeout', '1', ...args], (error, stdout) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout }),
      );
    });

  test('the same file passes by default and fails at its second receives with --ordered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-ordered-'));
    try {
      const file = join(dir, 'order.scs');
      writeFileSync(file, text);
      const free = await scs([file]);
      assert.equal(free.code, 0, free.stdout);
      const strict = await scs(['--ordered', file]);
      assert.equal(strict.code, 1, strict.stdout);
      assert.match(
        strict.stdout,
        new RegExp(
          `order\\.scs:${lineOf(text, '\t<message type="chat"><body>B</body></message>') - 1}: the stanza this step waits for arrived at .* and was passed over by the step at line \\d+; timed out after 1 s`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a MUC room that several occupants join', () => {
  // Prosody sends the occupant list to a new occupant in Lua table order, which changes from room
  // to room; the last to join expects the others in one order, as a recording would have them.
  const occupants = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin'];
  const writtenOrder = ['Dave', 'Bob', 'Erin', 'Alice', 'Carol'];
  const muc = (room: string) => {
    const jid = `${room}@conference.localhost`;
    let text = [...occupants, 'Frank'].map((name) => character(name, name.toLowerCase())).join('\n') + '-----\n';
    for (const name of [...occupants, 'Frank']) text += `${name} connects\n\n`;
    const join = (name: string) => `${name} sends:\n\t<presence to="${jid}/${name}">\n\t\t<x xmlns="http://jabber.org/protocol/muc"/>\n\t</presence>\n\n`;
    const self = (name: string) =>
      `${name} receives:\n\t<presence from="${jid}/${name}">\n\t\t<x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">\n\t\t\t<status code="110"/>\n\t\t</x>\n\t</presence>\n\n`;
    for (const name of occupants) {
      text += join(name) + self(name);
      if (name === 'Alice') {
        text += `Alice sends:\n\t<iq type="set" id="create" to="${jid}">\n\t\t<query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query>\n\t</iq>\n\n`;
        text += 'Alice receives:\n\t<iq type="result" id="create"/>\n\n';
      }
    }
    text += join('Frank');
    for (const name of writtenOrder) text += `Frank receives:\n\t<presence from="${jid}/${name}"/>\n\n`;
    text += self('Frank');
    return text;
  };

  test('passes every time with groups; in strict order it fails, naming the step that passed the stanza over', async () => {
    const orders = new Set<string>();
    const orderedFailures: string[] = [];
    for (let round = 0; round < 3; round++) {
      const grouped = await runScenario(scenario(muc(`grouped${round}`)), 'muc.scs', options());
      assert.equal(grouped.status, 'passed', `round ${round + 1}: line ${grouped.failure && lineNumber(grouped.failure.range)}: ${grouped.failure?.message}`);
      const arrived = grouped.transcript.filter((entry) => entry.character === 'Frank' && entry.direction === 'received');
      orders.add(arrived.map((entry) => /\/(\w+)"/.exec(entry.text)?.[1]).join(','));

      const text = muc(`ordered${round}`);
      const ordered = await runScenario(scenario(text), 'muc.scs', options({ ordered: true }));
      if (ordered.status === 'passed') continue;
      const failure = ordered.failure!;
      assert.equal(failure.kind, 'timeout', failure.message);
      const frankLines = writtenOrder.map((name) => lineOf(text, `\t<presence from="ordered${round}@conference.localhost/${name}"/>`) - 2);
      assert.ok(frankLines.includes(failure.range.start.line), `fails at one of Frank's receives, not at line ${lineNumber(failure.range)}`);
      assert.ok(failure.passedOver && frankLines.includes(failure.passedOver.range.start.line), failure.message);
      assert.match(failure.message, /was passed over by the step at line \d+; timed out after 1 s$/);
      orderedFailures.push(failure.message);
    }
    assert.ok(orderedFailures.length > 0, `strict order passed every time; Frank saw the occupants as ${[...orders].join(' / ')}`);
  });
});

describe('failures that say why', () => {
  test('every stanza in the queue is listed, one line each, the closest marked and shown in full', async () => {
    const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>one</body></message>

Romeo sends:
	<message to="\${Romeo's full JID}" type="normal"><body>two</body></message>

Romeo sends:
	<presence/>

Romeo receives:
	<message type="normal"><body>three</body></message>
`;
    const result = await runScenario(scenario(text), 'queue.scs', options({ timeoutMs: 500 }));
    const failure = result.failure!;
    assert.equal(failure.kind, 'timeout');
    assert.equal(failure.message, 'message/body: expected text "three", got "two"; closest of 3 arrived, timed out after 0.5 s');
    assert.deepEqual(
      failure.arrived?.map((entry) => [entry.stanza.slice(0, 24), entry.closest ?? false]),
      [
        ['<message type="chat" fro', false],
        ['<message type="normal" f', true],
        ['<presence from="romeo@lo', false],
      ],
    );
    assert.match(failure.actual!, /^<message type="normal"[^\n]*>\n {2}<body>two<\/body>\n<\/message>$/);
    assert.equal(failure.details?.[0], "Romeo's queue, in arrival order (3):");
    assert.equal(failure.details?.length, 4);
    assert.ok(failure.details!.slice(1).every((line) => !line.includes('\n')));
    assert.match(failure.details![2], /^ {2}\d+\.\d{3} s {2}<message type="normal".*<body>two<\/body><\/message> {2}\(closest: shown in full\)$/);
    assert.match(failure.details![1], /^ {2}\d+\.\d{3} s {2}<message type="chat".*<body>one<\/body><\/message>$/);
  });

  if (existsSync(casesDir)) {
    test('cases/error_reply_not_shown.scs: an error reply to our own request is called out with its condition', async () => {
      const text = readFileSync(resolve(casesDir, 'error_reply_not_shown.scs'), 'utf8');
      const result = await runScenario(scenario(text), 'error_reply_not_shown.scs', options());
      const failure = result.failure!;
      assert.equal(lineNumber(failure.range), lineOf(text, 'Romeo receives:'));
      assert.equal(failure.message, 'your request q1 (line 15) was answered with an error: service-unavailable; timed out after 1 s');
      assert.equal(failure.errorReplies?.length, 1);
      const sentAt = scenario(text).steps.find((step) => step.actionRange.start.line === 14)!.actionRange;
      assert.deepEqual({ ...failure.errorReplies![0], timeMs: 0 }, { id: 'q1', range: sentAt, condition: 'service-unavailable', timeMs: 0 });
      assert.equal(failure.details?.[0], 'closest of 2 arrived: message: expected <message>, got <presence>');
      assert.ok(failure.details?.some((line) => /^ {2}\d+\.\d{3} s {2}<iq type="error" id="q1"/.test(line)));
    });
  }

  test('a wrong reply fails at once with the default timeout, and an error reply to our id says so', async () => {
    const text = `${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<iq type="get" id="v1" to="localhost">
		<query xmlns="urn:example:unknown"/>
	</iq>

Romeo receives:
	<iq type="result" id="v1" from="localhost"/>
`;
    const started = performance.now();
    const result = await runScenario(scenario(text), 'fast.scs', { host: server.host, port: server.port });
    const failure = result.failure!;
    assert.ok(performance.now() - started < 2500, 'well under the 5 s timeout');
    assert.equal(failure.kind, 'mismatch');
    assert.equal(lineNumber(failure.range), lineOf(text, 'Romeo receives:'));
    assert.equal(failure.message, `your request v1 (line ${lineOf(text, 'Romeo sends:')}) was answered with an error: service-unavailable`);
    assert.equal(failure.details?.[0], 'the iq with id "v1" arrived and does not match: iq@type: expected "result", got "error"');
    assert.match(failure.actual!, /^<iq type="error" id="v1"/);
  });
});
