// "Scansion: Record Scenario" against a throwaway Prosody adapts the prosody.cfg.lua beside the file
// it writes (core/serverConfig.ts), as a run of that file will, and as `scs record --local-server`
// does. client/src/record/recordCommands.ts is bundled as the extension has it with a stand-in
// `vscode`; the Prosody and the recording proxy are real.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startProsody } from '../../core/prosody/index.js';
import { startRecording } from '../../core/recorder/index.js';
import { defaultSettings, type ScansionSettings } from '../../client/src/run/target.js';
import { Uri } from './runHarness.js';
import { loadWithVscode, repoRoot } from './withVscode.js';

const dir = mkdtempSync(join(tmpdir(), 'scs-record-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Register = (context: unknown, log: { info(line: string): void; error(line: string): void; show(): void }, settings: () => ScansionSettings) => void;

/** Registers the recording commands in a workspace of `folder`; runs go to a local Prosody. */
async function recordingIn(folder: string) {
  const commands = new Map<string, () => Promise<void>>();
  const lines: string[] = [];
  const messages: string[] = [];
  const message = async (text: string) => void messages.push(text);
  const vscode = {
    Uri,
    StatusBarAlignment: { Left: 1 },
    workspace: { isTrusted: true, workspaceFolders: [{ uri: Uri.file(folder) }] },
    window: {
      createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
      showInformationMessage: message,
      showWarningMessage: message,
      showErrorMessage: message,
      showTextDocument: async () => undefined,
    },
    commands: {
      registerCommand: (name: string, run: () => Promise<void>) => commands.set(name, run),
      executeCommand: async () => undefined,
    },
  };
  const { registerRecording } = await loadWithVscode<{ registerRecording: Register }>('client/src/record/recordCommands.ts', vscode);
  const context = { subscriptions: [], asAbsolutePath: (path: string) => join(repoRoot, path) };
  const log = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(line), show() {} };
  registerRecording(context, log, () => ({ ...defaultSettings, localServer: 'always' }));
  return { start: withOnDemand(commands.get('scansion.recordScenario')!), stop: commands.get('scansion.stopRecording')!, lines, messages };
}

/** `run` with dist/onDemand.js, which the bundle requires on first use from its own folder (gone
 *  by then: withVscode.ts), answered by the real Prosody launcher and recording proxy. */
function withOnDemand(run: () => Promise<void>): () => Promise<void> {
  return async () => {
    const Module = createRequire(import.meta.url)('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = function (request: string, ...rest: unknown[]) {
      return request.endsWith('/onDemand.js') ? { startProsody, startRecording } : load.call(this, request, ...rest);
    };
    try {
      await run();
    } finally {
      Module._load = load;
    }
  };
}

function folderWithConfig(name: string, config: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'prosody.cfg.lua'), config);
  return folder;
}

test('the Prosody adapts the configuration beside the recording, says so, and is gone when recording stops', async () => {
  const folder = folderWithConfig('beside', readFileSync(join(repoRoot, 'scenarios/prosody.cfg.lua'), 'utf8'));
  const recording = await recordingIn(folder);
  await recording.start();
  const started = recording.lines.find((line) => line.startsWith('Recording against a throwaway local Prosody')) ?? '';
  const prosodyDir = /\(logs in (\S+)\)/.exec(started)?.[1];
  const running = prosodyDir !== undefined && existsSync(prosodyDir);
  await recording.stop();
  assert.ok(started.endsWith(`, adapting ${join(folder, 'prosody.cfg.lua')} (beside the scenarios).`), recording.lines.join('\n'));
  assert.ok(running, 'its Prosody ran');
  assert.ok(recording.lines.includes('Recording stopped: no client logged in, so no file was written.'), recording.lines.join('\n'));
  assert.ok(!existsSync(prosodyDir!), 'its Prosody and folder are gone');
});

test('a configuration beside the recording that Prosody refuses stops the start, naming it', async () => {
  const folder = folderWithConfig('broken', 'VirtualHost "localhost"\nthis is not lua (\n');
  const recording = await recordingIn(folder);
  await recording.start();
  await recording.stop(); // nothing to stop when it did not start
  const failure = recording.messages.find((text) => text.startsWith('Scansion: recording did not start: '));
  assert.ok(failure?.includes(join(folder, 'prosody.cfg.lua')), recording.messages.join('\n'));
});

test("without one beside it, the extension's own configuration", async () => {
  const folder = join(dir, 'plain');
  mkdirSync(folder);
  const recording = await recordingIn(folder);
  await recording.start();
  await recording.stop();
  const started = recording.lines.find((line) => line.startsWith('Recording against a throwaway local Prosody'));
  assert.ok(started?.endsWith(`, adapting ${join(repoRoot, 'scenarios/prosody.cfg.lua')} (default).`), recording.lines.join('\n'));
});
