// client/src/run: where runs go (settings and profiles) and stored passwords applied to a scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { defaultSettings, describeTarget, readSettings, runTarget } from '../../client/src/run/target.js';
import { withPasswords } from '../../core/passwords.js';
import { secretKey, storedPasswords } from '../../client/src/run/passwords.js';

test('settings are read with defaults for missing or ill-typed values', () => {
  assert.deepEqual(
    readSettings(() => undefined),
    defaultSettings,
  );
  const values: Record<string, unknown> = {
    'server.host': ' xmpp.example ',
    'server.port': 5333,
    tls: 'insecure',
    timeout: 2.5,
    quietPeriod: 0.5,
    sync: false,
    localServer: 'never',
    ordered: true,
    stepNotes: 'always',
  };
  assert.deepEqual(
    readSettings((key) => values[key]),
    { host: 'xmpp.example', port: 5333, tls: 'insecure', timeoutMs: 2500, quietMs: 500, sync: false, localServer: 'never', ordered: true, stepNotes: 'always' },
  );
  const bad: Record<string, unknown> = {
    'server.host': 42,
    'server.port': 70000,
    tls: 'tls13',
    timeout: -1,
    quietPeriod: 'long',
    sync: 'no',
    localServer: 'sometimes',
    ordered: 'yes',
    stepNotes: 'sometimes',
  };
  assert.deepEqual(
    readSettings((key) => bad[key]),
    defaultSettings,
  );
});

test('timeout is in seconds, as the CLI’s; an old millisecond value (above 300) keeps its meaning', () => {
  assert.equal(readSettings((key) => (key === 'timeout' ? 3 : undefined)).timeoutMs, 3000);
  assert.equal(readSettings((key) => (key === 'timeout' ? 0.5 : undefined)).timeoutMs, 500);
  assert.equal(readSettings((key) => (key === 'timeout' ? 5000 : undefined)).timeoutMs, 5000, 'an old 5000 ms');
  assert.equal(readSettings((key) => (key === 'timeout' ? 300 : undefined)).timeoutMs, 300_000);
});

test('auto starts a local Prosody only when no host is set; the local profile always does', () => {
  const base = defaultSettings;
  assert.deepEqual(runTarget(base, false), { kind: 'local' });
  assert.deepEqual(runTarget({ ...base, host: 'xmpp.example', port: 5223 }, false), { kind: 'remote', host: 'xmpp.example', port: 5223 });
  assert.deepEqual(runTarget({ ...base, host: 'xmpp.example' }, true), { kind: 'local' });
  assert.deepEqual(runTarget({ ...base, host: 'xmpp.example', localServer: 'always' }, false), { kind: 'local' });
  assert.deepEqual(runTarget({ ...base, localServer: 'never' }, false), { kind: 'remote', host: '127.0.0.1', port: 5222 });
  assert.equal(describeTarget({ kind: 'remote', host: 'h', port: 1 }), 'h:1');
  assert.equal(describeTarget({ kind: 'local' }), 'local Prosody');
});

const text = [
  '[Client] Romeo',
  '\tjid: Romeo@example.org/desk',
  '\tpassword: in-file',
  '[Client] Juliet',
  '\tjid: juliet@example.org',
  '-----',
  'Romeo connects',
  '',
].join('\n');

test('stored passwords replace those in the file, by bare JID, without touching the text', () => {
  const scenario = parseScenario(text);
  const updated = withPasswords(scenario, new Map([['romeo@example.org', 's3cret']]));
  const password = (index: number) => updated.characters[index].properties.filter((p) => p.key.value === 'password').map((p) => p.value.value);
  assert.deepEqual(password(0), ['s3cret']);
  assert.deepEqual(password(1), []);
  assert.equal(updated.text, scenario.text);
  assert.deepEqual(scenario.characters[0].properties.find((p) => p.key.value === 'password')?.value.value, 'in-file', 'the original is not changed');
  assert.equal(secretKey('Romeo@Example.org'), 'scansion.password:romeo@example.org');
});

test('the stored passwords of a scenario are looked up by each account key', async () => {
  const asked: string[] = [];
  const found = await storedPasswords(parseScenario(text), async (key) => {
    asked.push(key);
    return key.endsWith('romeo@example.org') ? 's3cret' : undefined;
  });
  assert.deepEqual(asked, ['scansion.password:romeo@example.org', 'scansion.password:juliet@example.org']);
  assert.deepEqual([...found], [['romeo@example.org', 's3cret']]);
});
