// The extension as a user gets it: the size of the packaged .vsix, and, in a real VS Code
// (code-server + Chromium), the time from the extension's activation to the language server's first
// diagnostics on a corpus file. Needs `npm run setup` (code-server and Chromium).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, spreadOf, type Emit } from './emit.js';
import { createProfile, installExtension, repoRoot, startCodeServer } from '../tools/vscode/code-server.js';
import { packageExtension } from '../tools/vscode/extension.js';
import { activations, activationTimes, diagnosticsTimes, type Activation } from '../tools/vscode/logs.js';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tools/vscode/workbench.js';

const corpusFile = join(repoRoot, '../shared/corpus/prosody-0.12/muc_members_only_deregister.scs');

const samples = 5;

export default async function vscodeBench(emit: Emit): Promise<void> {
  const vsix = packageExtension();
  emit('vsix_kb', statSync(vsix).size / 1024, 'KB');
  emit('load_average_1m_at_start', loadavg()[0], '');
  const { windows, others } = await measureActivation(vsix);
  const times = windows.map(({ activated, diagnosed }) => diagnosed - activated);
  emit('activation_ms', percentile(times, 50), 'ms', spreadOf(times));
  // What else the same extension host activated meanwhile, from the same logs: work a user's
  // window does too, on the same thread as the language client (see activationsMeanwhile).
  const meanwhile = windows.map((window) => activationsMeanwhile(others, window));
  const counts = meanwhile.map((list) => list.length);
  emit('activation_other_extensions_meanwhile', percentile(counts, 50), 'extensions', spreadOf(counts));
  emit('activation_samples_with_jsonc_extensions', meanwhile.filter((list) => list.some(({ event }) => event === 'onLanguage:jsonc')).length, 'samples');
}

/** The times of one sample: the extension's activation and its first diagnostics (epoch ms). */
interface Window {
  activated: number;
  diagnosed: number;
}

/**
 * The other extensions activated between a sample's activation and its first diagnostics. At a
 * window's start VS Code 1.100 activates, besides this extension: emmet (`onLanguage`, any
 * language), git and github (`*`), and in reloaded windows the TypeScript, JSON and
 * configuration-editing extensions (`onLanguage:jsonc`: the MCP support, `chat.mcp.enabled`, on by
 * default, reads the user's settings.json as a text model). Loading those takes the extension
 * host a few hundred milliseconds at the same moment as ours, and the language client's first
 * messages wait behind them. The bench keeps VS Code's defaults, as a user has them.
 */
function activationsMeanwhile(all: Activation[], { activated, diagnosed }: Window): Activation[] {
  return all.filter(({ time }) => time >= activated && time <= diagnosed);
}

/**
 * Activation to first diagnostics, measured `samples` times: each sample loads the window anew with
 * the corpus file already open (code-server's `payload` "openFile" parameter), so that a new
 * extension host activates the extension and opens the file with no input from the harness between.
 * Timings come from the extension host's own log: its activation line, and its trace of the first
 * diagnostics taken into a collection for the file. Tracing needs VS Code's log level at trace for
 * the whole window; against `--log info` it made no difference beyond the spread between runs
 * (compared with the extension's own timestamp of its first diagnostics, back to back).
 */
async function measureActivation(vsix: string): Promise<{ windows: Window[]; others: Activation[] }> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; publisher: string };
  const extensionId = `${manifest.publisher}.${manifest.name}`;
  const root = mkdtempSync(join(tmpdir(), 'scansion-bench-'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  cpSync(corpusFile, join(workspace, 'scenario.scs'));
  const profile = createProfile(root, { 'security.workspace.trust.enabled': false });
  installExtension(profile, vsix);
  const logs = join(profile.userDataDir, 'logs');
  const server = await startCodeServer(profile, workspace, { logLevel: 'trace' });
  const browser = await launchChromium();
  try {
    const file = join(workspace, 'scenario.scs');
    const remoteFile = `vscode-remote://${new URL(server.url).host}${file}`;
    const url = `${server.folderUrl}&payload=${encodeURIComponent(JSON.stringify([['openFile', remoteFile]]))}`;
    const page = await browser.newPage();
    const windows: Window[] = [];
    for (let sample = 0; sample < samples; sample++) {
      const after = Math.max(0, ...activationTimes(logs, extensionId));
      await page.goto(url);
      windows.push(await nextDiagnostics(page, logs, extensionId, after));
    }
    return { windows, others: activations(logs).filter((activation) => activation.extensionId !== extensionId) };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Waits for an activation later than `after` and the first diagnostics that follow it. */
async function nextDiagnostics(page: Page, logs: string, extensionId: string, after: number): Promise<Window> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const activated = activationTimes(logs, extensionId).find((time) => time > after);
    const diagnosed = activated === undefined ? undefined : diagnosticsTimes(logs, 'scenario.scs').find((time) => time >= activated);
    if (activated !== undefined && diagnosed !== undefined) return { activated, diagnosed };
    if (Date.now() > deadline) {
      throw new Error(`no activation (${activated}) or diagnostics (${diagnosed}) in the logs under ${logs}`);
    }
    await page.waitForTimeout(200);
  }
}
