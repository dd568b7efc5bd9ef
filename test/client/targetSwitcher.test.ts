// The status bar's target switcher (client/src/run/target.ts, targetPick.ts): what it offers, what
// it remembers, and what the next run uses after switching: the target, the `scs run` command it
// copies, and (last test) the server a run really reaches, a real Prosody.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { runScenario } from '../../core/runner/index.js';
import { startProsody, freePort, type LocalProsody } from '../../core/prosody/index.js';
import { defaultSettings, parseChoice, runTarget, withChoice, type TargetChoice } from '../../client/src/run/target.js';
import { rememberHost, recentHostsKept, targetPickItems, tlsPickItems } from '../../client/src/run/targetPick.js';
import { runCommandLine } from '../../client/src/run/shareText.js';
import { openRunServer } from '../../client/src/run/runServer.js';
import type { Log } from '../../client/src/run/runLog.js';

const configured = { ...defaultSettings, host: 'xmpp.example', port: 5223, localServer: 'auto' as const };
const host = (name: string, port = 5222, tls: 'starttls' | 'insecure' = 'starttls'): TargetChoice => ({ kind: 'host', host: name, port, tls });

test('what the next run uses after switching: local, the configured server, another host with its TLS mode', () => {
  const next = (choice: TargetChoice) => runTarget(withChoice(configured, choice), false);
  assert.deepEqual(next({ kind: 'settings' }), { kind: 'remote', host: 'xmpp.example', port: 5223 });
  assert.deepEqual(next({ kind: 'local' }), { kind: 'local' });
  assert.deepEqual(next(host('test.example', 5333, 'insecure')), { kind: 'remote', host: 'test.example', port: 5333 });
  assert.equal(withChoice(configured, host('test.example', 5333, 'insecure')).tls, 'insecure');
  // Another host with no host configured and localServer auto still goes to that host.
  assert.deepEqual(runTarget(withChoice(defaultSettings, host('a.example')), false), { kind: 'remote', host: 'a.example', port: 5222 });
  // The "Run against local Prosody" profile stays local whatever was chosen.
  assert.deepEqual(runTarget(withChoice(configured, host('a.example')), true), { kind: 'local' });
  // The rest of the settings (timeout, order) are untouched by a choice.
  assert.equal(withChoice({ ...configured, timeoutMs: 2000, ordered: true }, { kind: 'local' }).timeoutMs, 2000);
  // "Copy scs run Command" repeats what the next run does.
  const settings = withChoice(configured, host('test.example', 5333, 'insecure'));
  assert.equal(runCommandLine('a.scs', runTarget(settings, false), settings), 'scs run a.scs --server test.example:5333 --tls-insecure --timeout 5');
  const local = withChoice(configured, { kind: 'local' });
  assert.equal(runCommandLine('a.scs', runTarget(local, false), local), 'scs run a.scs --local-server --timeout 5');
});

test('a stored choice is read back as it was, and anything damaged follows the settings', () => {
  for (const choice of [{ kind: 'local' }, host('a.example', 5223, 'insecure'), host('::1', 5222)] as TargetChoice[]) {
    assert.deepEqual(parseChoice(JSON.parse(JSON.stringify(choice))), choice);
  }
  for (const damaged of [
    undefined,
    null,
    'local',
    42,
    { kind: 'host' },
    { kind: 'host', host: 'a b', port: 1 },
    { kind: 'host', host: 'a', port: 70000 },
    { kind: 'remote' },
  ]) {
    assert.deepEqual(parseChoice(damaged), { kind: 'settings' }, JSON.stringify(damaged));
  }
  assert.deepEqual(parseChoice({ kind: 'host', host: 'a', port: 1, tls: 'tls13' }), host('a', 1), 'an unknown TLS mode checks certificates');
});

test('the quick pick offers the local Prosody, the configured server, hosts chosen before and another host; the current one says so', () => {
  const recent = [host('a.example', 5222, 'insecure'), host('b.example')];
  const items = targetPickItems(configured, recent[0], recent);
  assert.deepEqual(
    items.map((item) => item.label),
    [
      '$(server-process) Throwaway local Prosody',
      '$(settings-gear) Configured server',
      '$(server) a.example:5222',
      '$(server) b.example:5222',
      '$(add) Another host…',
    ],
  );
  assert.equal(items[1].description, 'xmpp.example:5223, STARTTLS, certificate checked');
  assert.equal(items[2].description, 'current · STARTTLS, any certificate accepted');
  assert.equal(items.filter((item) => item.description.startsWith('current')).length, 1);
  assert.ok(items[4].other);
  const unconfigured = targetPickItems(defaultSettings, { kind: 'settings' }, []);
  assert.equal(unconfigured[1].description, 'current · a throwaway local Prosody');
  assert.deepEqual(
    tlsPickItems('insecure').map((item) => item.tls),
    ['insecure', 'starttls'],
  );
});

test('hosts chosen before are remembered most recent first, without duplicates, a few at most', () => {
  let recent: TargetChoice[] = [];
  for (let index = 0; index < recentHostsKept + 2; index++) recent = rememberHost(recent, host(`h${index}.example`));
  recent = rememberHost(recent, host('h3.example'));
  recent = rememberHost(recent, { kind: 'local' });
  assert.equal(recent.length, recentHostsKept);
  assert.deepEqual(recent[0], host('h3.example'));
  assert.equal(new Set(recent.map((choice) => JSON.stringify(choice))).size, recent.length);
});

describe('after switching, a run reaches the chosen server (a real Prosody)', { timeout: 60_000 }, () => {
  let prosody: LocalProsody | undefined;
  const greeting = resolve(import.meta.dirname, '../e2e/fixtures/greeting.scs');
  const lines: string[] = [];
  const log: Log = { info: (line) => lines.push(line), warn: (line) => lines.push(line), error: (line) => lines.push(line) };

  before(async () => {
    prosody = await startProsody({ configTemplate: resolve(import.meta.dirname, '../../scenarios/prosody.cfg.lua') });
  });
  after(async () => {
    await prosody?.stop();
  });

  test('the configured port has no server; the chosen host does, and the scenario passes there', async () => {
    assert.ok(prosody);
    const nobody = await freePort('127.0.0.1');
    const settings = { ...defaultSettings, host: '127.0.0.1', port: nobody, timeoutMs: 3000 };
    const scenario = parseScenario(readFileSync(greeting, 'utf8'));
    const runOn = async (choice: TargetChoice) => {
      const chosen = withChoice(settings, choice);
      const server = await openRunServer(
        runTarget(chosen, false),
        { file: resolve(import.meta.dirname, '../../scenarios/prosody.cfg.lua'), source: 'default' },
        log,
      );
      try {
        return await runScenario(scenario, greeting, {
          host: server.host,
          port: server.port,
          timeoutMs: chosen.timeoutMs,
          tlsInsecure: chosen.tls === 'insecure',
        });
      } finally {
        await server.close();
      }
    };
    const before = await runOn({ kind: 'settings' });
    assert.equal(before.status, 'errored');
    assert.equal(before.server, `127.0.0.1:${nobody}`);
    const after = await runOn(host(prosody.host, prosody.port, 'insecure'));
    assert.equal(after.status, 'passed', after.failure?.message);
    assert.equal(after.server, `${prosody.host}:${prosody.port}`);
    assert.deepEqual(lines, [], 'a remote server is not started or stopped, so nothing is logged for it');
  });
});
