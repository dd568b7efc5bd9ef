// The runner's small parts on their own: the stanza queue, deadlines, character settings.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Element } from 'ltx';
import { Mailbox } from '../../core/runner/mailbox.js';
import { withDeadline } from '../../core/runner/connection.js';
import { characterSettings } from '../../core/runner/characters.js';
import { RunFailure } from '../../core/runner/errors.js';
import { runOptions } from '../../core/runner/options.js';
import { formatSeconds } from '../../core/seconds.js';
import { handlesLeftAfter, openHandles, scenario } from './support.js';

describe('Mailbox', () => {
  test('a waiting reader wakes when a stanza arrives, and the timer is gone', async () => {
    const before = openHandles();
    const mailbox = new Mailbox(100);
    const waiting = mailbox.waitForChange(5000);
    mailbox.push({ stanza: new Element('message'), timeMs: 1 });
    assert.equal(await waiting, true);
    assert.equal(mailbox.pending.length, 1);
    assert.deepEqual(await handlesLeftAfter(before), []);
  });

  test('without news the wait ends after its time with false', async () => {
    const started = performance.now();
    assert.equal(await new Mailbox(100).waitForChange(50), false);
    assert.ok(performance.now() - started >= 45);
  });

  test('a closed connection wakes the reader and is kept as the reason', async () => {
    const mailbox = new Mailbox(100);
    const waiting = mailbox.waitForChange(5000);
    mailbox.close(new RunFailure('connection', 'gone'));
    assert.equal(await waiting, true);
    assert.equal(mailbox.closedError?.message, 'gone');
  });

  test('an abort rejects the wait at once as cancelled', async () => {
    const before = openHandles();
    const controller = new AbortController();
    const waiting = new Mailbox(100).waitForChange(5000, controller.signal);
    controller.abort();
    await assert.rejects(waiting, (error: RunFailure) => error.kind === 'cancelled');
    assert.deepEqual(await handlesLeftAfter(before), []);
  });

  test('one stanza past its limit closes it as flooded: the reader wakes, later stanzas are dropped', async () => {
    const mailbox = new Mailbox(3);
    for (let index = 0; index < 3; index++) mailbox.push({ stanza: new Element('message'), timeMs: index * 100 });
    const waiting = mailbox.waitForChange(5000);
    mailbox.push({ stanza: new Element('message'), timeMs: 1500 });
    assert.equal(await waiting, true);
    assert.equal(mailbox.closedError?.kind, 'flooded');
    assert.equal(mailbox.closedError?.message, 'flooded: 4 stanzas arrived without a match in 1.5 s');
    for (let index = 0; index < 10; index++) mailbox.push({ stanza: new Element('message'), timeMs: 2000 });
    assert.equal(mailbox.pending.length, 3);
    assert.equal(mailbox.dropped, 11);
    assert.equal(mailbox.flooded, true);
  });

  test('take removes from the front in order', () => {
    const mailbox = new Mailbox(100);
    for (const name of ['a', 'b', 'c']) mailbox.push({ stanza: new Element(name), timeMs: 0 });
    assert.deepEqual(
      mailbox.take(2).map((arrival) => arrival.stanza.name),
      ['a', 'b'],
    );
    assert.deepEqual(
      mailbox.pending.map((arrival) => arrival.stanza.name),
      ['c'],
    );
  });
});

describe('withDeadline', () => {
  test('passes the value through and clears its timer', async () => {
    const before = openHandles();
    assert.equal(await withDeadline(Promise.resolve(7), 5000, undefined, () => new Error('late')), 7);
    assert.deepEqual(await handlesLeftAfter(before), []);
  });

  test('rejects with the given error when time runs out', async () => {
    await assert.rejects(
      withDeadline(new Promise(() => {}), 20, undefined, () => new Error('late')),
      /late/,
    );
  });
});

describe('characterSettings', () => {
  const character = (properties: string) => scenario(`[Client] Romeo\n${properties}-----\nRomeo connects\n`).characters[0];
  const options = runOptions({ host: '10.0.0.1', port: 5999 });

  test('reads jid, password and resource; the run options give the address', () => {
    assert.deepEqual(characterSettings(character('\tjid: romeo@example.org\n\tpassword: pw\n\tresource: r1\n'), options), {
      name: 'Romeo',
      bareJid: 'romeo@example.org',
      username: 'romeo',
      domain: 'example.org',
      password: 'pw',
      resource: 'r1',
      host: '10.0.0.1',
      port: 5999,
    });
  });

  test('connect_host and connect_port override the run options; a resource in the jid is used', () => {
    const settings = characterSettings(character('\tjid: romeo@example.org/home\n\tconnect_host: xmpp.example.org\n\tconnect_port: 5223\n'), options);
    assert.ok(!('error' in settings));
    assert.equal(settings.host, 'xmpp.example.org');
    assert.equal(settings.port, 5223);
    assert.equal(settings.resource, 'home');
  });

  test('unusable settings say what is wrong', () => {
    assert.deepEqual(characterSettings(character('\tpassword: pw\n'), options), { error: 'character "Romeo" has no jid' });
    assert.deepEqual(characterSettings(character('\tjid: romeo@example.org\n\tconnect_port: http\n'), options), {
      error: 'character "Romeo" has an invalid connect_port "http"',
    });
  });
});

describe('formatSeconds', () => {
  test('at most two decimals with trailing zeros dropped, or a fixed number of them', () => {
    assert.equal(formatSeconds(5000), '5 s');
    assert.equal(formatSeconds(460.4), '0.46 s');
    assert.equal(formatSeconds(1500, { keepZeros: true }), '1.50 s');
    assert.equal(formatSeconds(120, { decimals: 3, keepZeros: true }), '0.120 s');
  });
});
