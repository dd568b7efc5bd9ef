// End to end in a real VS Code: "Scansion: Record Scenario" with a scripted client (xmpp.js, see
// test/recorder/fixtures/session-client.mjs) as the user's own XMPP client, against a real Prosody.
// The status bar counts the clients; "Scansion: Stop Recording" writes the scenario and opens it;
// the file checks clean and replays. Screenshots 20 and 21 (README: Recording).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { diagnose } from '../../core/diagnostics/index.js';
import { parseScenario } from '../../core/parser/index.js';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { runScenario } from '../../core/runner/index.js';
import { runClient, type ClientRun } from '../recorder/support.js';
import { assertRealVsCodeInstalled, killAllCodeServers, repoRoot } from '../../tools/vscode/code-server.js';
import { packageExtension } from '../../tools/vscode/extension.js';
import { openSession, type Session } from './session.js';
import { stage } from './stages.js';
import { launchChromium, type Workbench } from '../../tools/vscode/workbench.js';

let root: string | undefined;
let browser: Browser | undefined;
let prosody: LocalProsody | undefined;
let session: Session | undefined;

// Interrupted (Ctrl+C, a CI timeout): nothing started here may outlive the test.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllCodeServers();
    try {
      if (prosody) process.kill(prosody.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    if (root) rmSync(root, { recursive: true, force: true });
    process.exit(130);
  });
}

describe('recording a scenario from VS Code (code-server + Chromium + Prosody + xmpp.js)', { timeout: 240_000 }, () => {
  let proxy: { host: string; port: number; authorityFile?: string } | undefined;
  let lingering: Promise<ClientRun> | undefined;

  before(async () => {
    assertRealVsCodeInstalled();
    root = mkdtempSync(join(tmpdir(), 'scansion-e2e-record-'));
    const vsix = packageExtension();
    browser = await launchChromium();
    prosody = await startProsody({ configTemplate: join(repoRoot, 'scenarios/prosody.cfg.lua') });
    session = await openSession(root, browser, vsix, 'record', {
      'security.workspace.trust.enabled': false,
      'scansion.server.host': prosody.host,
      'scansion.server.port': prosody.port,
      'scansion.localServer': 'never',
    });
  });

  after(async () => {
    await session?.stop();
    await browser?.close();
    await prosody?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const workbench = () => session?.workbench;

  stage('starts recording, says where to point a client, and counts the clients', '20-recording', workbench, async (wb) => {
    await wb.openFile('e2e/greeting.scs');
    await runWhenListed(wb, 'Scansion: Record Scenario');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Scansion is recording' });
    await toast.waitFor({ timeout: 30_000 });
    const text = await toast.innerText();
    const address = /point your XMPP client at ([\d.]+):(\d+)/.exec(text);
    const authority = /trust (\S+\.pem)/.exec(text);
    assert.ok(address && authority, `the notification names the address and the certificate: ${text}`);
    proxy = { host: address[1], port: Number(address[2]), authorityFile: authority[1] };
    await wb.page.locator('.statusbar-item', { hasText: 'Recording: 0 clients' }).waitFor();

    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    lingering = runClient(proxy, 'linger', (line) => line === 'ready' && ready()).done;
    await Promise.race([isReady, lingering.then((run) => assert.fail(`the lingering client ended early:\n${run.output}`))]);
    await wb.page.locator('.statusbar-item', { hasText: 'Recording: 1 client' }).waitFor();
    const run = await runClient(proxy, 'session').done;
    assert.equal(run.code, 0, run.output);
    await wb.page.locator('.statusbar-item', { hasText: 'Recording: 1 client' }).waitFor();
  });

  stage('stops recording, writes the scenario and opens it; it checks clean and replays', '21-recorded', workbench, async (wb) => {
    assert.ok(session && prosody && lingering, 'the recording stage did not run');
    await runWhenListed(wb, 'Scansion: Stop Recording');
    await wb.page.locator('.editor-group-container.active .tab.active[data-resource-name^="recording-"]').waitFor({ timeout: 30_000 });
    await wb.editor().locator('.view-line', { hasText: 'Recorded session of' }).first().waitFor();
    // The picture is of the file: code-server's own port-forwarding notice and ours are done with.
    await runWhenListed(wb, 'Notifications: Clear All Notifications');
    const lingered = await lingering;
    assert.match(lingered.output, /the server ended the stream/);
    await wb.page.locator('.statusbar-item', { hasText: 'Recording:' }).waitFor({ state: 'hidden' });

    const [name] = readdirSync(session.workspace).filter((file) => /^recording-.*\.scs$/.test(file));
    assert.ok(name, 'the recording is in the workspace folder');
    const text = readFileSync(join(session.workspace, name), 'utf8');
    const scenario = parseScenario(text);
    assert.deepEqual(
      diagnose(scenario).filter((item) => item.severity !== 'hint'),
      [],
      text,
    );
    assert.deepEqual(
      scenario.characters.map((character) => character.name.value),
      ['Romeo', "Romeo's phone", 'Juliet'],
    );
    const result = await runScenario(scenario, name, { host: prosody.host, port: prosody.port, timeoutMs: 5000 });
    assert.equal(result.status, 'passed', JSON.stringify(result.failure));
  });
});

/** Runs a command from the palette once it is listed there: a command whose `when` reads context
 *  keys (workspace trust, `scansion.recording`) shows only after they are set, and an open palette
 *  does not refresh its list. */
async function runWhenListed(wb: Workbench, title: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await wb.page.keyboard.press('Control+Shift+P');
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = wb.page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: title }).first();
    const listed = await row.waitFor({ timeout: 2000 }).then(
      () => true,
      () => false,
    );
    if (listed) {
      await row.click();
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      return;
    }
    await wb.page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`"${title}" is not in the Command Palette`);
    await new Promise((wait) => setTimeout(wait, 1000));
  }
}
