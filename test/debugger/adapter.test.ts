// The debug adapter (dist/debugAdapter.js) driven over stdio by Microsoft's DebugClient, against a
// real Prosody: breakpoints, stepping, variables, the console, failures and exit codes.

import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { startTestProsody, type TestServer } from '../runner/prosody.js';
import { character, freePort, lineOf } from '../runner/support.js';
import { eventually, scenarioFolder, serverConnections, startClient, StopQueue, variablesOf } from './support.js';

const characters = `# Debugging
${character('Romeo', 'romeo')}
${character('Juliet', 'juliet', '\tresource: balcony\n')}`;

/** Juliet's own presence comes back to her and waits in her queue until her receives passes it over. */
const talk = `${characters}-----
Romeo connects

Juliet connects

Juliet sends:
	<presence/>

# Romeo says hello
Romeo sends:
	<message to="\${Juliet's full JID}" type="chat">
		<body>Hello</body>
	</message>

Juliet receives:
	<message from="\${Romeo's full JID}" type="chat">
		<body>Hello</body>
	</message>

Romeo disconnects

Juliet disconnects
`;

/** As `talk`, with the message left for the console to send. */
const quiet = talk.replace(/# Romeo says hello\nRomeo sends:\n(\t.*\n)+\n/, '');

const line = {
  romeoConnects: lineOf(talk, 'Romeo connects'),
  julietConnects: lineOf(talk, 'Juliet connects'),
  presence: lineOf(talk, 'Juliet sends:'),
  heading: lineOf(talk, '# Romeo says hello'),
  romeoSends: lineOf(talk, 'Romeo sends:'),
  julietReceives: lineOf(talk, 'Juliet receives:'),
  romeoDisconnects: lineOf(talk, 'Romeo disconnects'),
  julietDisconnects: lineOf(talk, 'Juliet disconnects'),
};

let server: TestServer;
let client: DebugClient;
const folder = scenarioFolder();

before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
  folder.remove();
});
/** Every stopped event, kept from the start: one may arrive in the same read as a response. */
let stops: StopQueue;
beforeEach(async () => {
  client = await startClient();
  stops = new StopQueue(client);
});
afterEach(async () => {
  await client.stop();
});

const launchArgs = (program: string, extra: Record<string, unknown> = {}) => ({ program, server: `${server.host}:${server.port}`, timeout: 3, ...extra });

/** Launches with these breakpoints (1-based lines) and resolves with the adapter's answer. */
async function launchWith(
  program: string,
  breakpoints: DebugProtocol.SourceBreakpoint[],
  extra: Record<string, unknown> = {},
  filters?: string[],
): Promise<DebugProtocol.Breakpoint[]> {
  const [answer] = await Promise.all([
    client.waitForEvent('initialized').then(async () => {
      const response = await client.setBreakpointsRequest({ source: { path: program }, breakpoints });
      if (filters) await client.setExceptionBreakpointsRequest({ filters });
      await client.configurationDoneRequest();
      return response.body.breakpoints;
    }),
    client.launch(launchArgs(program, extra)),
  ]);
  return answer;
}

/** The next stopped event and the line of the frame it shows. */
async function nextStop(): Promise<{ reason: string; line: number; event: DebugProtocol.StoppedEvent }> {
  const event = await stops.next();
  const trace = await client.stackTraceRequest({ threadId: event.body.threadId! });
  return { reason: event.body.reason, line: trace.body.stackFrames[0].line, event };
}

async function evaluate(expression: string, context = 'watch'): Promise<DebugProtocol.EvaluateResponse['body']> {
  const response = await client.evaluateRequest({ expression, context, frameId: 1 });
  return response.body;
}

async function exitCode(): Promise<number> {
  const event = (await client.waitForEvent('exited')) as DebugProtocol.ExitedEvent;
  return event.body.exitCode;
}

// A request the adapter never answers must fail the suite, not hang it (DebugClient's requests wait forever).
describe('debug adapter', { timeout: 240_000 }, () => {
  test('breakpoints: verified on step lines, moved from blank, comment and block lines, none below the last step', async () => {
    const program = folder.write('breakpoints.scs', talk);
    const exited = exitCode();
    const answers = await launchWith(program, [
      { line: line.romeoConnects },
      { line: line.romeoConnects + 1 },
      { line: line.heading },
      { line: line.julietReceives + 2 },
      { line: line.julietDisconnects + 1 },
    ]);
    assert.deepEqual(
      answers.map((answer) => [answer.verified, answer.line]),
      [
        [true, line.romeoConnects],
        [true, line.julietConnects],
        [true, line.romeoSends],
        [true, line.julietReceives],
        [false, undefined],
      ],
    );
    for (const expected of [line.romeoConnects, line.julietConnects, line.romeoSends, line.julietReceives]) {
      const stop = await nextStop();
      assert.deepEqual([stop.reason, stop.line], ['breakpoint', expected]);
      await client.continueRequest({ threadId: 1 });
    }
    assert.equal(await exited, 0);
    assert.equal(stops.count, 4);
  });

  test('conditions, hit counts and logpoints', async () => {
    const program = folder.write('conditions.scs', talk);
    const logged = new Promise<string>((resolve) => {
      client.on('output', (event: DebugProtocol.OutputEvent) => {
        if (event.body.output.startsWith('Romeo is ')) resolve(`${event.body.output.trim()} @${event.body.line}`);
      });
    });
    const exited = exitCode();
    await launchWith(program, [
      { line: line.julietConnects, condition: "${Romeo's full JID} == nobody@localhost/nowhere" },
      { line: line.romeoSends, logMessage: "Romeo is ${Romeo's full JID}, Juliet is ${Juliet's full JID}" },
      { line: line.julietReceives, condition: "${Juliet's full JID} contains balcony" },
      { line: line.romeoDisconnects, hitCondition: '2' },
      { line: line.julietDisconnects, condition: 'Romeo' },
    ]);
    const stop = await nextStop();
    assert.deepEqual([stop.reason, stop.line], ['breakpoint', line.julietReceives], 'the false condition and the logpoint did not stop');
    assert.match(await logged, new RegExp(`^Romeo is romeo@localhost/\\S+, Juliet is juliet@localhost/balcony @${line.romeoSends}$`));
    await client.continueRequest({ threadId: 1 });
    // `Romeo` is true while Romeo is connected: he has disconnected by then. The hit count 2 skips the first hit.
    assert.equal(await exited, 0);
    assert.equal(stops.count, 1);
  });

  test('stopAtLine (a step debugged from the Test Explorer) stops once before the step owning that line', async () => {
    const program = folder.write('stop-at.scs', talk);
    const exited = exitCode();
    await launchWith(program, [], { stopAtLine: line.julietReceives + 2 });
    const stop = await nextStop();
    assert.deepEqual([stop.reason, stop.line], ['breakpoint', line.julietReceives]);
    await client.continueRequest({ threadId: 1 });
    assert.equal(await exited, 0);
    assert.equal(stops.count, 1);
  });

  test('stop on entry, Next runs one step, Pause stops before the next step', async () => {
    const waits = `${characters}-----\nRomeo connects\n\n${'Romeo receives: nothing\n\n'.repeat(6)}Romeo disconnects\n`;
    const program = folder.write('stepping.scs', waits);
    const exited = exitCode();
    await launchWith(program, [], { stopOnEntry: true });
    const entry = await nextStop();
    assert.deepEqual([entry.reason, entry.line], ['entry', lineOf(waits, 'Romeo connects')]);
    await client.nextRequest({ threadId: 1 });
    const next = await nextStop();
    assert.deepEqual([next.reason, next.line], ['step', lineOf(waits, 'Romeo connects') + 2]);
    await client.continueRequest({ threadId: 1 });
    // Each `receives: nothing` listens for 0.3 s: the pause arrives while the first one runs.
    await client.pauseRequest({ threadId: 1 });
    const paused = await nextStop();
    assert.equal(paused.reason, 'pause');
    assert.ok(paused.line > next.line && paused.line <= lineOf(waits, 'Romeo disconnects'), `paused at line ${paused.line}`);
    await client.continueRequest({ threadId: 1 });
    assert.equal(await exited, 0);
  });

  test('restart opens new connections; disconnect closes every one at once', async () => {
    const program = folder.write('restart.scs', talk);
    await launchWith(program, [{ line: line.romeoDisconnects }]);
    await nextStop();
    assert.equal(serverConnections(server.port), 2, 'Romeo and Juliet are connected');
    const first = (await evaluate("${Romeo's full JID}")).result;

    await client.restartRequest({});
    const again = await nextStop();
    assert.deepEqual([again.reason, again.line], ['breakpoint', line.romeoDisconnects]);
    const second = (await evaluate("${Romeo's full JID}")).result;
    assert.notEqual(second, first, 'a new connection, a new resource');
    assert.ok(await eventually(() => serverConnections(server.port) === 2), `the first run's connections are closed (${serverConnections(server.port)} open)`);

    const started = performance.now();
    await client.disconnectRequest({});
    assert.ok(await eventually(() => serverConnections(server.port) === 0), `${serverConnections(server.port)} connections left open`);
    assert.ok(performance.now() - started < 3000, 'closed at once, not after a polite wait per connection');
  });

  test('variables: a scope per character with bound JIDs, queued and passed-over stanzas; captures', async () => {
    const program = folder.write('variables.scs', talk);
    await launchWith(program, [{ line: line.romeoSends }, { line: line.romeoDisconnects }]);
    await nextStop();
    // Stopped before Romeo's step, whose sync with Juliet's server has not run yet: her own
    // presence may still be on its way back to her.
    const deadline = performance.now() + 5000;
    while ((await evaluate("Juliet's queue")).result !== '1' && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const { scopes } = (await client.scopesRequest({ frameId: 1 })).body;
    assert.deepEqual(
      scopes.map((scope) => scope.name),
      ['Romeo', 'Juliet', 'Captures'],
    );
    const juliet = await variablesOf(client, scopes[1].variablesReference);
    assert.equal(juliet.get('connected')?.value, 'true');
    assert.equal(juliet.get('JID')?.value, 'juliet@localhost');
    assert.equal(juliet.get('full JID')?.value, 'juliet@localhost/balcony');
    const queued = juliet.get('received, not consumed')!;
    assert.match(queued.value, /^1 stanza: <presence from="juliet@localhost\/balcony"/);
    const [presence] = [...(await variablesOf(client, queued.variablesReference)).values()];
    const lines = [...(await variablesOf(client, presence.variablesReference)).values()].map((variable) => variable.value);
    assert.match(lines[0], /^<presence from="juliet@localhost\/balcony"/);
    assert.equal(juliet.get('passed over')?.value, 'none');
    const romeo = await variablesOf(client, scopes[0].variablesReference);
    assert.match(romeo.get('full JID')!.value, /^romeo@localhost\/.+/);
    assert.deepEqual(await variablesOf(client, scopes[2].variablesReference), new Map());

    await client.continueRequest({ threadId: 1 });
    await nextStop();
    const after = (await client.scopesRequest({ frameId: 1 })).body.scopes;
    const julietAfter = await variablesOf(client, after[1].variablesReference);
    assert.match(julietAfter.get('passed over')!.value, /^1 stanza: <presence/);
    assert.equal(julietAfter.get('received, not consumed')?.value, 'none');
  });

  test('watch and hover: variables and characters; console completion offers names and verbs', async () => {
    const program = folder.write('watch.scs', talk);
    await launchWith(program, [{ line: line.romeoSends }]);
    await nextStop();
    assert.equal((await evaluate("${Juliet's full JID}", 'hover')).result, 'juliet@localhost/balcony');
    assert.equal((await evaluate("${Juliet's JID}")).result, 'juliet@localhost');
    const romeo = await evaluate('Romeo');
    assert.match(romeo.result, /^connected as romeo@localhost\//);
    assert.equal((await variablesOf(client, romeo.variablesReference)).get('connected')?.value, 'true');
    await assert.rejects(evaluate("${Nobody's full JID}"), /no character named "Nobody"/);

    const complete = async (text: string) =>
      (await client.completionsRequest({ text, column: text.length + 1, frameId: 1 })).body.targets.map((target) => target.label);
    assert.deepEqual(await complete('Ju'), ['Juliet']);
    assert.deepEqual(await complete('Romeo se'), ['sends: ']);
    assert.ok((await complete('Romeo sends: <message to="${')).includes("${Juliet's full JID}"));
  });

  test('the console sends as a character, the other receives it; a received stanza becomes a step', async () => {
    const program = folder.write('console.scs', quiet);
    const receivesLine = lineOf(quiet, 'Juliet receives:');
    const exited = exitCode();
    await launchWith(program, [{ line: receivesLine }]);
    await nextStop();
    const sent = await evaluate(`Romeo sends: <message to="\${Juliet's full JID}" type="chat"><body>Hello</body></message>`, 'repl');
    assert.match(sent.result, /^Romeo sent:\n<message type="chat" to="juliet@localhost\/balcony">/);
    await assert.rejects(evaluate('Romeo sends: <message>', 'repl'), /never closed/);
    const queued = async () => (await evaluate("Juliet's queue")).result;
    const until = performance.now() + 5000;
    while ((await queued()) !== '2' && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const listing = (await evaluate('Juliet receives', 'repl')).result;
    assert.match(listing, /^Juliet has 2 stanza\(s\) waiting:\n<presence [^]*<body>Hello<\/body>/);

    // The oldest is Juliet's own presence: it goes into the file above the paused step.
    const text = quiet;
    const inserted = await client.customRequest('scansion/insertReceivedStep', { character: 'Juliet', text });
    const { edit } = inserted.body as { edit: { range: { start: { line: number } }; newText: string } };
    assert.match(edit.newText, /^\nJuliet receives:\n\t<presence from="\$\{Juliet's full JID\}"[^>]*\/>\n$/);
    assert.equal(edit.range.start.line, lineOf(quiet, 'Juliet receives:') - 2);
    const moved = await client.stackTraceRequest({ threadId: 1 });
    assert.equal(moved.body.stackFrames[0].line, receivesLine + 3, 'the paused step moved down by the inserted lines');
    assert.equal(await queued(), '1');

    await client.continueRequest({ threadId: 1 });
    assert.equal(await exited, 0, 'Juliet received the message the console sent');
  });

  test('a failed step stops with reason exception and its expected and received stanzas; continue exits 1', async () => {
    const failing = talk.replace('\t\t<body>Hello</body>\n\t</message>\n\nRomeo disconnects', '\t\t<body>Goodbye</body>\n\t</message>\n\nRomeo disconnects');
    const program = folder.write('failing.scs', failing);
    const exited = exitCode();
    const terminated = client.waitForEvent('terminated');
    await launchWith(program, [], { timeout: 1 });
    const stop = await nextStop();
    assert.deepEqual([stop.reason, stop.line], ['exception', lineOf(failing, 'Juliet receives:')]);
    assert.match(stop.event.body.text!, /^message\/body: expected text "Goodbye", got "Hello"; closest of 2 arrived, timed out after 1 s/);
    const info = (await client.exceptionInfoRequest({ threadId: 1 })).body;
    assert.equal(info.exceptionId, 'timeout');
    assert.match(info.description!, /"Goodbye".*"Hello"/);
    assert.match(
      info.details!.stackTrace!,
      /^expected:\n<message type="chat" from="romeo@localhost\/[^"]+">\n  <body>Goodbye<\/body>[^]*received:\n[^]*<body>Hello<\/body>/,
    );
    await client.continueRequest({ threadId: 1 });
    assert.equal(await exited, 1);
    await terminated;
    assert.ok(await eventually(() => serverConnections(server.port) === 0), 'every connection closed after the failure');
  });

  test('the "stanza passed over" filter stops after a step that passed one over', async () => {
    const program = folder.write('passed-over.scs', talk);
    await launchWith(program, [], {}, ['failedStep', 'passedOver']);
    const stop = await nextStop();
    assert.deepEqual([stop.reason, stop.line, stop.event.body.description], ['exception', line.julietReceives, 'Stanza passed over']);
    const info = (await client.exceptionInfoRequest({ threadId: 1 })).body;
    assert.equal(info.exceptionId, 'passed-over');
    assert.match(info.details!.stackTrace!, /^<presence from="juliet@localhost\/balcony"/);
  });

  test('exit codes: 2 when the server cannot be reached; a launch without a program or of a file with errors is refused', async () => {
    const program = folder.write('unreachable.scs', talk);
    const exited = exitCode();
    // configurationDone sent as VS Code sends it. DebugClient's configurationSequence() would send
    // setExceptionBreakpoints(['all']) instead when the initialized event is handled before its
    // launch() has read the answer to initialize (both can come in one read): the adapter then has
    // no 'failedStep' filter on, and the run ends with no stop.
    const configured = client.waitForEvent('initialized').then(() => client.configurationDoneRequest());
    await Promise.all([configured, client.launch({ program, server: `127.0.0.1:${await freePort()}`, timeout: 1 })]);
    const stop = await nextStop();
    assert.equal(stop.reason, 'exception');
    assert.match(stop.event.body.text!, /connection refused/);
    await client.continueRequest({ threadId: 1 });
    assert.equal(await exited, 2);
    const other = await startClient();
    await assert.rejects(other.launch({}), /launch needs "program"/);
    await other.stop();
    const broken = folder.write('broken.scs', talk.replace('Romeo disconnects', 'Romeo disconnectz'));
    const third = await startClient();
    await assert.rejects(third.launch(launchArgs(broken)), /^Error: not run: 1 error in the file, at line \d+: /);
    await third.stop();
  });
});
