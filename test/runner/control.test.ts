// Pause points (core/runner/control.ts) against a real Prosody: a controller sees each step before
// and after it runs, reads the live session, acts in it, and can hold and cancel the run.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runScenario, type LiveCharacter, type StepControl } from '../../core/runner/index.js';
import type { Step } from '../../core/model.js';
import { startTestProsody, type TestServer } from './prosody.js';
import { character, handlesLeftAfter, openHandles, scenario } from './support.js';

let server: TestServer;
before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
});

const options = () => ({ host: server.host, port: server.port, timeoutMs: 2000, quietMs: 200 });
const characters = `${character('Romeo', 'romeo')}\n${character('Juliet', 'juliet', '\tresource: balcony\n')}`;

/** A step written in the scenario language, parsed with the scenario's characters. */
function stepOf(text: string): Step {
  return scenario(`${characters}-----\n${text}\n`).steps[0];
}

/** Waits (bounded) for a stanza in flight to arrive. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 2000;
  while (!condition() && performance.now() < deadline) await sleep(10);
}

describe('step control', () => {
  test('the controller sees every step before and after it, with the live characters', async () => {
    const text = `${characters}-----
Romeo connects

Romeo sends:
	<presence/>

Romeo disconnects
`;
    const seen: string[] = [];
    let beforeDisconnect: LiveCharacter[] = [];
    const control: StepControl = {
      async beforeStep(step, live) {
        seen.push(`before ${step.index}`);
        if (step.verb.value !== 'disconnects') return;
        await until(() => live.characters()[0].pending.length > 0);
        beforeDisconnect = live.characters();
      },
      async afterStep(step, result) {
        seen.push(`after ${step.index} ${result.status}`);
      },
    };
    const result = await runScenario(scenario(text), 'control.scs', { ...options(), control });
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
    assert.deepEqual(seen, ['before 0', 'after 0 passed', 'before 1', 'after 1 passed', 'before 2', 'after 2 passed']);
    const [romeo, juliet] = beforeDisconnect;
    assert.equal(romeo.name, 'Romeo');
    assert.equal(romeo.connected, true);
    assert.equal(romeo.bareJid, 'romeo@localhost');
    assert.equal(romeo.fullJid, result.boundJids.Romeo);
    // Romeo's own presence came back and no step consumed it.
    assert.equal(romeo.pending.length, 1);
    assert.equal(romeo.pending[0].stanza.name, 'presence');
    assert.deepEqual({ ...juliet, pending: [...juliet.pending] }, { name: 'Juliet', bareJid: 'juliet@localhost', connected: false, pending: [] });
  });

  test('a step run by the controller sends for real, and takePending consumes a queued stanza', async () => {
    const text = `${characters}-----
Romeo connects

Juliet connects

Juliet receives:
	<message from="\${Romeo's full JID}" type="chat">
		<body>sent by hand</body>
	</message>

Romeo disconnects
`;
    let taken: string | undefined;
    const control: StepControl = {
      async beforeStep(step, live) {
        if (step.index !== 2) return;
        assert.equal(live.variable('Juliet', 'full JID'), 'juliet@localhost/balcony');
        const failure = await live.runStep(stepOf(`Romeo sends:\n\t<message to="\${Juliet's full JID}" type="chat"><body>sent by hand</body></message>`));
        assert.equal(failure, undefined);
        const refused = await live.runStep(stepOf('Romeo sends:\n\t<message to="${Nobody\'s full JID}"/>'));
        assert.equal(refused?.kind, 'variable');
      },
      async afterStep(step, _result, live) {
        if (step.index !== 2) return;
        assert.equal(live.takePending('Juliet'), undefined, 'the step consumed what Juliet got');
        await live.runStep(stepOf('Romeo sends:\n\t<presence/>'));
        await until(() => live.characters()[0].pending.length > 0);
        taken = live.takePending('Romeo')?.stanza.name;
        assert.equal(live.characters()[0].pending.length, 0);
      },
    };
    const result = await runScenario(scenario(text), 'control.scs', { ...options(), control });
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
    const sent = result.transcript.filter((entry) => entry.direction === 'sent' && entry.character === 'Romeo');
    assert.match(sent[0].text, /<body>sent by hand<\/body>/);
    assert.equal(sent.length, 2, 'the refused step sent nothing');
    assert.equal(taken, 'presence');
    assert.ok(result.transcript.some((entry) => entry.direction === 'received' && entry.character === 'Romeo' && entry.text.startsWith('<presence')));
  });

  test('after a failed step the controller is told, and no later step is held', async () => {
    const text = `${characters}-----
Romeo connects

Romeo receives:
	<message type="chat"/>

Romeo disconnects
`;
    const seen: string[] = [];
    const control: StepControl = {
      async beforeStep(step) {
        seen.push(`before ${step.index}`);
      },
      async afterStep(step, result) {
        seen.push(`after ${step.index} ${result.status} ${result.failure?.kind ?? ''}`.trim());
      },
    };
    const result = await runScenario(scenario(text), 'control.scs', { ...options(), timeoutMs: 300, control });
    assert.equal(result.status, 'failed');
    assert.deepEqual(seen, ['before 0', 'after 0 passed', 'before 1', 'after 1 failed timeout']);
  });

  test('a run held before a step stops at once when cancelled, with every connection closed', async () => {
    const text = `${characters}-----
Romeo connects

Juliet connects

Romeo disconnects
`;
    const handles = openHandles();
    const abort = new AbortController();
    let release: () => void = () => {};
    const control: StepControl = {
      beforeStep(step) {
        if (step.index !== 2) return Promise.resolve();
        return new Promise<void>((resolve) => {
          release = resolve;
          abort.abort();
          release();
        });
      },
    };
    const result = await runScenario(scenario(text), 'control.scs', { ...options(), control }, () => {}, abort.signal);
    assert.equal(result.status, 'errored');
    assert.equal(result.failure?.kind, 'cancelled');
    assert.deepEqual(
      result.steps.map((step) => step.status),
      ['passed', 'passed', 'errored'],
    );
    assert.deepEqual(await handlesLeftAfter(handles), []);
  });

  test('a controller that rejects ends the run and closes its connections', async () => {
    const text = `${characters}-----
Romeo connects

Romeo disconnects
`;
    const handles = openHandles();
    const control: StepControl = {
      async beforeStep(step) {
        if (step.index === 1) throw new Error('debugger went away');
      },
    };
    await assert.rejects(runScenario(scenario(text), 'control.scs', { ...options(), control }), /debugger went away/);
    assert.deepEqual(await handlesLeftAfter(handles), []);
  });
});
