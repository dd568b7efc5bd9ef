// The launch configuration the extension completes for a `scansion` debug session
// (client/src/debug/configuration.ts, bundled as the extension has it, with a stand-in `vscode`).
// Which prosody.cfg.lua a local Prosody adapts is the debug adapter's one rule (core/serverConfig.ts,
// applied in debugger/session.ts and proven in test/debugger/localServer.test.ts): the extension
// passes only what launch.json says.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { defaultSettings, type ScansionSettings } from '../../client/src/run/target.js';
import { Uri } from './runHarness.js';
import { loadWithVscode, repoRoot } from './withVscode.js';

interface Provider {
  resolveDebugConfigurationWithSubstitutedVariables(folder: unknown, configuration: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
}
type ProviderClass = new (secrets: unknown, settings: () => ScansionSettings, log: { info(line: string): void }) => Provider;

async function provider(settings: Partial<ScansionSettings>) {
  const lines: string[] = [];
  const errors: string[] = [];
  const vscode = {
    Uri,
    workspace: { isTrusted: true, asRelativePath: (path: string) => path },
    window: {
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      showErrorMessage: async (text: string) => void errors.push(text),
    },
  };
  const { ScansionConfigurationProvider } = await loadWithVscode<{ ScansionConfigurationProvider: ProviderClass }>('client/src/debug/configuration.ts', vscode);
  const made = new ScansionConfigurationProvider({ get: async () => undefined }, () => ({ ...defaultSettings, ...settings }), {
    info: (line) => lines.push(line),
  });
  return { made, lines, errors };
}

// A corpus-like folder with its own prosody.cfg.lua beside the scenario (this repository's).
const program = join(repoRoot, 'scenarios', 'muc-join.scs');
const launch = { type: 'scansion', request: 'launch', name: 'Debug', program };

test('a local-server session leaves the prosody.cfg.lua to the debug adapter, and keeps one that launch.json names', async () => {
  const { made, lines } = await provider({ localServer: 'always' });
  const resolved = await made.resolveDebugConfigurationWithSubstitutedVariables(undefined, { ...launch });
  assert.equal(resolved?.localServer, true);
  assert.ok(!('prosodyConfig' in resolved!), `the adapter chooses it: ${JSON.stringify(resolved)}`);
  assert.match(lines.join('\n'), /against a throwaway local Prosody/);

  const given = await made.resolveDebugConfigurationWithSubstitutedVariables(undefined, { ...launch, prosodyConfig: '/elsewhere/prosody.cfg.lua' });
  assert.equal(given?.prosodyConfig, '/elsewhere/prosody.cfg.lua');
});

test('a session against a server gets its address and options from the settings', async () => {
  const { made } = await provider({ host: 'xmpp.example.net', port: 5223, localServer: 'auto', tls: 'insecure', timeoutMs: 7000 });
  const resolved = await made.resolveDebugConfigurationWithSubstitutedVariables(undefined, { ...launch });
  assert.equal(resolved?.server, 'xmpp.example.net:5223');
  assert.equal(resolved?.localServer, undefined);
  assert.equal(resolved?.tlsInsecure, true);
  assert.equal(resolved?.timeout, 7);
  assert.ok(!('prosodyConfig' in resolved!));
});

test('a scansion.server.host that cannot be used stops the session with why; a server in launch.json does not need it', async () => {
  const hostProblem = 'scansion.server.host names port 5223 and scansion.server.port says 5224: keep the port in one of them';
  const { made, errors, lines } = await provider({ host: 'xmpp.example.net', port: 5223, hostProblem });
  assert.equal(await made.resolveDebugConfigurationWithSubstitutedVariables(undefined, { ...launch }), undefined);
  assert.deepEqual(errors, [`Scansion: cannot debug: ${hostProblem}.`]);
  assert.deepEqual(lines, []);
  const given = await made.resolveDebugConfigurationWithSubstitutedVariables(undefined, { ...launch, server: 'other.example:5222' });
  assert.equal(given?.server, 'other.example:5222');
});
