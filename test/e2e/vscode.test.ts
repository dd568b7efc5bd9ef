// End to end in a real VS Code: the packaged extension installed into code-server, driven in Chromium,
// running scenarios against a real Prosody. Each stage saves a screenshot to test-results/e2e/, or to
// docs/images/ (the README shows them) with `npm run screenshots`. Needs `npm run setup` (code-server
// and Chromium; see scripts/setup-e2e.sh).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { startHostileServer, type HostileServer } from '../runner/hostileServer.js';
import { assertRealVsCodeInstalled, createProfile, installExtension, killAllCodeServers, repoRoot, startCodeServer } from '../../tools/vscode/code-server.js';
import { packageExtension } from '../../tools/vscode/extension.js';
import { images, stage, stepLines, waitFor } from './stages.js';
import { launchChromium, Workbench, type Token } from '../../tools/vscode/workbench.js';

const fixtures = join(import.meta.dirname, 'fixtures');
/** Steps of fixtures/greeting.scs; fixtures/wrong-expectation.scs has them on the same lines. */
const greetingText = readFileSync(join(fixtures, 'greeting.scs'), 'utf8');
const greetingStepLines = stepLines(greetingText);
/** The `Juliet receives:` step, whose expectation wrong-expectation.scs gets wrong. */
const receivesLine = greetingText.split('\n').indexOf('Juliet receives:') + 1;

/** A code-server with the packaged extension and its own profile, open on a fresh workspace. */
interface Session {
  workspace: string;
  workbench: Workbench;
  stop(): Promise<void>;
}

let root: string | undefined;
let vsix: string;
let browser: Browser | undefined;

// Interrupted (Ctrl+C, a CI timeout): nothing started here may outlive the test.
let prosodyPid: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllCodeServers();
    try {
      if (prosodyPid !== undefined) process.kill(prosodyPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    if (root) rmSync(root, { recursive: true, force: true });
    process.exit(130);
  });
}

before(async () => {
  assertRealVsCodeInstalled();
  mkdirSync(images, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'scansion-e2e-'));
  vsix = packageExtension();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Starts VS Code on a copy of scenarios/ plus this test's fixtures (in e2e/), with these user settings. */
async function openSession(name: string, settings: Record<string, unknown>): Promise<Session> {
  assert.ok(root && browser, 'set-up failed');
  const workspace = join(root, name, 'scenarios');
  cpSync(join(repoRoot, 'scenarios'), workspace, { recursive: true });
  cpSync(fixtures, join(workspace, 'e2e'), { recursive: true });
  cpSync(join(fixtures, 'greeting.scs'), join(workspace, 'e2e', 'typing.scs'));
  const profile = createProfile(join(root, name), { 'git.openRepositoryInParentFolders': 'never', ...settings });
  installExtension(profile, vsix);
  const server = await startCodeServer(profile, workspace);
  try {
    const workbench = await Workbench.open(browser, server.folderUrl);
    return {
      workspace,
      workbench,
      stop: async () => {
        await workbench.page.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

describe('the extension in a real VS Code (code-server + Chromium + Prosody)', { timeout: 300_000 }, () => {
  let prosody: LocalProsody | undefined;
  let hostile: HostileServer | undefined;
  let session: Session | undefined;
  let workspace = '';

  before(async () => {
    hostile = await startHostileServer('illegal-reference-text-after-login');
    prosody = await startProsody({ configTemplate: join(repoRoot, 'scenarios/prosody.cfg.lua') });
    prosodyPid = prosody.pid;
    session = await openSession('trusted', {
      'security.workspace.trust.enabled': false,
      // A failed step opens its message (with the expected/received diff) under the step.
      'testing.automaticallyOpenPeekView': 'failureInVisibleDocument',
      'scansion.server.host': prosody.host,
      'scansion.server.port': prosody.port,
      'scansion.localServer': 'never',
      'scansion.timeout': 3,
    });
    workspace = session.workspace;
  });

  after(async () => {
    await session?.stop();
    await prosody?.stop();
    await hostile?.close();
    prosodyPid = undefined;
  });

  const workbench = () => session?.workbench;

  stage('colours the title, a client header, a verb and XML tags differently', '01-highlighting', workbench, async (wb) => {
    await wb.openFile('e2e/greeting.scs');
    assert.equal(await wb.languageMode(), 'Scansion');
    const tokens = await wb.waitForTokens((all) => distinctColours(all).size >= 4);
    const title = tokenAt(tokens, 1, 'Romeo greets Juliet');
    const header = tokenAt(tokens, 5, 'Client');
    const verb = tokenAt(tokens, 19, 'sends');
    const tag = tokenAt(tokens, 20, 'message');
    const colours = [title, header, verb, tag].map((token) => token.color);
    assert.equal(new Set(colours).size, 4, `expected four different colours, got ${JSON.stringify(colours)}`);
    // The status bar names the server that runs will use: the one in the settings.
    assert.ok(prosody);
    await wb.page.locator('.statusbar-item', { hasText: `Scansion: ${prosody.host}:${prosody.port}` }).waitFor();
  });

  stage('shows a typed error in the Problems panel at its line', '02-problems', workbench, async (wb) => {
    await wb.openFile('e2e/typing.scs');
    const line = readFileSync(join(workspace, 'e2e/typing.scs'), 'utf8').split('\n').length;
    await wb.focusEditor();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type('Mercutio connects');
    await wb.editor().locator('.squiggly-error').first().waitFor();
    const rows = await wb.waitForProblems((texts) => texts.some((text) => text.includes('Mercutio') && text.includes(`[Ln ${line}, Col 1]`)));
    assert.ok(rows.some((text) => text.includes('Mercutio')));
    await wb.goTo(line);
  });

  stage('runs a passing scenario from the gutter and every step passes', '03-run-passed', workbench, async (wb) => {
    await wb.openFile('e2e/greeting.scs');
    const scenarioLine = await wb.firstGlyphLine('testing-run-glyph');
    await wb.clickGlyph(scenarioLine, 'testing-run-glyph');
    for (const line of greetingStepLines) await wb.waitForGlyph(line, 'codicon-testing-passed-icon');
    await wb.waitForGlyph(scenarioLine, 'codicon-testing-passed-icon');
    // A run that passed leaves no grey notes (scansion.stepNotes: failedRuns, the default).
    assert.equal(await wb.editor().locator('.test-message-inline-content').count(), 0);
  });

  stage('shows a wrong expectation inline on its step, with the stanza diff', '04-run-failed', workbench, async (wb) => {
    await wb.openFile('e2e/wrong-expectation.scs');
    const scenarioLine = await wb.firstGlyphLine('testing-run-glyph');
    await wb.clickGlyph(scenarioLine, 'testing-run-glyph');
    await wb.waitForGlyph(receivesLine, 'codicon-testing-failed-icon', 60_000);
    for (const line of greetingStepLines.filter((step) => step < receivesLine)) {
      await wb.waitForGlyph(line, 'codicon-testing-passed-icon');
    }
    // The step shows its reason inline: the path to the rejected node and why, not VS Code's
    // shortened `actual != expected`.
    const inline = wb.editor().locator('.test-error-content-widget');
    await inline.waitFor();
    assert.match((await inline.innerText()).replace(/\s/g, ' '), /^message\/body: expected text "Good night, Romeo", got "Hello, Juliet"; /);
    // The run failed: each step that ran has its grey one-line note.
    // (Read from the whole editor line, where the note follows the text with no space: Monaco may
    // split a note into several spans, at `…` for one.)
    const lines = async () => (await wb.editor().locator('.view-line').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
    let texts: string[] = [];
    const hasNote = (pattern: RegExp) => texts.some((text) => pattern.test(text));
    await waitFor(async () => {
      texts = await lines();
      return hasNote(/^Romeo sends: ?sent <message type=chat id=greeting-1 to=…> \(\d+ ms\)$/) || undefined;
    }, 'the grey note of the sends step').catch((error: Error) => {
      throw new Error(`${error.message}; the editor's lines: ${JSON.stringify(texts)}`);
    });
    assert.ok(hasNote(/^Romeo connects ?connected as romeo@localhost\/\S+ \(\d+ ms\)$/), JSON.stringify(texts));
    // The step's two messages are in the test trees: the reason, and the expected
    // and received stanzas, which the failure peek opens as a diff under the step.
    await wb.page.locator('.monaco-list-row', { hasText: 'message/body: expected text "Good night, Romeo"' }).first().waitFor({ state: 'attached' });
    await wb.page.locator('.monaco-list-row', { hasText: 'Expected stanza (left) and the stanza received (right)' }).first().waitFor({ state: 'attached' });
    const peek = wb.page.locator('.test-output-peek');
    await peek.waitFor();
    const diff = peek.locator('.monaco-diff-editor');
    await diff.locator('.view-line', { hasText: 'Good night, Romeo' }).first().waitFor();
    await diff.locator('.view-line', { hasText: 'Hello, Juliet' }).first().waitFor();
    await wb.goTo(receivesLine);
  });

  stage('opens the stanza diff panel for the failed step, wide, below the editor', '05-diff-panel', workbench, async (wb) => {
    await wb.goTo(receivesLine);
    // The peek from the last stage closes; the inline reason stays.
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.test-output-peek').waitFor({ state: 'hidden' });
    await wb.runCommand('Scansion: Show Stanza Diff');
    const panel = wb.webview();
    await panel.locator('td.expected.changed', { hasText: 'Good night, Romeo' }).first().waitFor();
    await panel.locator('td.received.changed', { hasText: 'Hello, Juliet' }).first().waitFor();
    // It opens wide: in a group of its own below the editor, as wide as the editor, not beside it.
    const editorBox = await wb.editor().boundingBox();
    const panelBox = await wb.page.locator('iframe.webview.ready').boundingBox();
    assert.ok(editorBox && panelBox);
    assert.ok(panelBox.y >= editorBox.y + editorBox.height - 5, `below the editor: ${JSON.stringify({ editorBox, panelBox })}`);
    assert.ok(panelBox.width >= editorBox.width * 0.9, `as wide as the editor: ${JSON.stringify({ editorBox, panelBox })}`);
    // In what was received, the text the matcher rejected is marked; the extras that loose
    // matching allows (jabber:client) are greyed out, not marked as the cause.
    await panel.locator('mark.rejected', { hasText: 'Hello, Juliet' }).waitFor();
    await panel.locator('td.received span.extra', { hasText: 'xml:lang' }).waitFor();
    assert.equal(await panel.locator('td.received mark.rejected', { hasText: 'xml:lang' }).count(), 0);
    // The transcript up to the failure, its lines linking back to their steps.
    // The first entry (Romeo connected) belongs to a step above the cursor, which sits on the failure.
    const link = panel.locator('.transcript a[data-line]').first();
    await link.waitFor();
    const linkedLine = Number(await link.getAttribute('data-line')) + 1;
    assert.equal(linkedLine, greetingStepLines[0]);
    await link.click();
    await wb.page.locator('#status\\.editor\\.selection', { hasText: `Ln ${linkedLine},` }).waitFor();
    // For the picture: the failed step with its reason above the panel, the Test Results view hidden.
    await wb.runCommand('View: Toggle Panel Visibility');
    await wb.goTo(receivesLine);
  });

  stage('accepts from the diff panel, re-runs to green, and the panel follows', '06-accepted', workbench, async (wb) => {
    const file = join(workspace, 'e2e/wrong-expectation.scs');
    const before = readFileSync(file, 'utf8');
    // Accept from the diff panel's button (the panel is still open below the editor); the edit
    // shows in the refactor preview, where the author ticks it and applies it.
    const panel = wb.webview();
    await panel.locator('button.accept').click();
    const preview = wb.page.locator('.bulk-edit-panel');
    await preview.locator('.monaco-list-row', { hasText: 'Hello, Juliet' }).waitFor();
    await preview.locator('input.edit-checkbox').first().check();
    await preview.locator('.monaco-button', { hasText: /^Apply$/ }).click();
    // Saved with the edit (by the extension, or here when it leaves the editor modified).
    const dirtyTab = wb.page.locator('.editor-group-container.active .tab.active.dirty');
    const saved = await waitFor(async () => {
      if (await dirtyTab.count()) await wb.page.keyboard.press('Control+S');
      const text = readFileSync(file, 'utf8');
      // Changed, and completely written (it still ends with the scenario's last step).
      return text !== before && text.trimEnd().endsWith('Romeo disconnects') ? text : undefined;
    }, 'the accepted stanza to be saved');
    const receives = saved
      .split('\n')
      .slice(receivesLine - 1, receivesLine + 4)
      .join('\n');
    assert.doesNotMatch(saved, /Good night, Romeo/);
    assert.match(receives, /<body>Hello, Juliet<\/body>/);
    // The smallest edit: the body's text alone changed; the rest stays as the author wrote it.
    assert.equal(saved, before.replace('Good night, Romeo', 'Hello, Juliet'));
    // The panel says that what it shows no longer holds, and offers no Accept.
    await panel.locator('.outdated', { hasText: 'the scenario changed after this run' }).waitFor();
    assert.equal(await panel.locator('button.accept').count(), 0);
    const steps = stepLines(saved);
    // The diff panel's group had the focus: back to the scenario's group for its run button.
    await wb.runCommand('View: Focus First Editor Group');
    await wb.openFile('e2e/wrong-expectation.scs');
    const scenarioLine = await wb.firstGlyphLine('testing-run-glyph');
    await wb.clickGlyph(scenarioLine, 'testing-run-glyph');
    for (const line of steps) await wb.waitForGlyph(line, 'codicon-testing-passed-icon');
    await wb.waitForGlyph(scenarioLine, 'codicon-testing-passed-icon');
    // The panel follows its step: it passed in the latest run.
    await panel.locator('.outcome', { hasText: 'passed in the latest run' }).waitFor();
    assert.equal(await panel.locator('.outdated').count(), 0);
    await wb.goTo(receivesLine);
  });

  stage('runs a step from the gutter: it and the steps before it pass, the later ones are skipped', '16-run-to-step', workbench, async (wb) => {
    writeFileSync(join(workspace, 'e2e/run-to.scs'), greetingText);
    await wb.openFile('e2e/run-to.scs');
    await wb.runCommand('View: Close Editors in Other Groups');
    const [, , sendsLine, ...later] = greetingStepLines;
    await wb.goTo(sendsLine);
    await wb.clickGlyph(sendsLine, 'testing-run-glyph');
    for (const line of greetingStepLines.slice(0, 3)) await wb.waitForGlyph(line, 'codicon-testing-passed-icon', 60_000);
    for (const line of later) await wb.waitForGlyph(line, 'codicon-testing-skipped-icon');
    await wb.waitForGlyph(await wb.firstGlyphLine('testing-run-glyph'), 'codicon-testing-passed-icon');
    await wb.goTo(sendsLine);
  });

  stage('re-runs a scenario each time it is saved while a continuous run is on', '17-continuous-run', workbench, async (wb) => {
    await wb.openFile('e2e/run-to.scs');
    await wb.runCommand('Test: Start Continuous Run');
    // The expected body of `Juliet receives:`; its text starts after two tabs and `<body>`.
    const bodyLine = greetingText.split('\n').lastIndexOf('\t\t<body>Hello, Juliet</body>') + 1;
    const replaceHello = async (text: string) => {
      await wb.goTo(bodyLine, 9);
      for (let i = 0; i < 5; i++) await wb.page.keyboard.press('Shift+ArrowRight');
      await wb.page.keyboard.type(text);
      await wb.page.keyboard.press('Control+S');
    };
    // Saving runs the whole scenario again, with nothing clicked: the changed expectation fails.
    // The line is in view; Go to Line would race the failure peek for the focus.
    await replaceHello('Adieu');
    const failed = async () => ((await wb.glyphs()).get(receivesLine) ?? '').split(' ').includes('codicon-testing-failed-icon') || undefined;
    await waitFor(failed, 'the saved file to run again and fail', 60_000);
    const peek = wb.page.locator('.test-output-peek');
    await peek.waitFor();
    await wb.page.keyboard.press('Escape');
    await peek.waitFor({ state: 'hidden' });
    await replaceHello('Hello');
    for (const line of greetingStepLines) await wb.waitForGlyph(line, 'codicon-testing-passed-icon', 60_000);
    await wb.runCommand('Test: Stop Continuous Run');
    await wb.goTo(receivesLine);
  });

  stage('survives a server that sends a character XML forbids, reports it on the step, and runs on', '11-hostile-server', workbench, async (wb) => {
    assert.ok(hostile);
    // Romeo connects to a test server (test/runner/hostileServer.ts) that answers his presence
    // with a message holding `&#0;`: once an uncaught exception in the extension host.
    const text = `# A server that sends what XML forbids

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password
\tconnect_host: 127.0.0.1
\tconnect_port: ${hostile.port}

-----

Romeo connects

Romeo sends:
\t<presence/>

Romeo receives:
\t<message><body>one</body></message>
`;
    writeFileSync(join(workspace, 'e2e/hostile.scs'), text);
    const [connects, , hostileReceives] = stepLines(text);
    // The editor alone again: the stanza diff panel from the stages before closes.
    await wb.runCommand('View: Close Editors in Other Groups');
    await wb.openFile('e2e/hostile.scs');
    const scenarioLine = await wb.firstGlyphLine('testing-run-glyph');
    await wb.clickGlyph(scenarioLine, 'testing-run-glyph');
    await wb.waitForGlyph(hostileReceives, 'codicon-testing-error-icon');
    await wb.waitForGlyph(connects, 'codicon-testing-passed-icon');
    // The reason, on the step, in the Test Results view.
    await wb.page
      .locator('.monaco-list-row', { hasText: /not-well-formed XML from 127\.0\.0\.1:\d+: character reference to U\+0000/ })
      .first()
      .waitFor();
    // The same extension host runs a scenario not run before, and never said it had stopped.
    await wb.openFile('basic-message.scs');
    const basicLines = stepLines(readFileSync(join(workspace, 'basic-message.scs'), 'utf8'));
    const basicLine = await wb.firstGlyphLine('testing-run-glyph');
    await wb.clickGlyph(basicLine, 'testing-run-glyph');
    for (const line of basicLines) await wb.waitForGlyph(line, 'codicon-testing-passed-icon');
    assert.equal(await wb.page.locator('.notifications-toasts, .notifications-center', { hasText: /terminated unexpectedly/i }).count(), 0);
    await wb.openFile('e2e/hostile.scs');
    await wb.goTo(hostileReceives);
  });
});

describe('the extension with no server set: a throwaway local Prosody', { timeout: 120_000 }, () => {
  let session: Session | undefined;
  before(async () => {
    session = await openSession('local', { 'security.workspace.trust.enabled': false, 'scansion.timeout': 3 });
  });
  after(async () => {
    await session?.stop();
  });
  const workbench = () => session?.workbench;

  stage('starts its own Prosody for a run and the scenario passes', '10-local-prosody', workbench, async (wb) => {
    await wb.openFile('e2e/greeting.scs');
    await wb.page.locator('.statusbar-item', { hasText: 'Scansion: local Prosody' }).waitFor();
    const scenarioLine = await wb.firstGlyphLine('testing-run-glyph');
    await wb.clickGlyph(scenarioLine, 'testing-run-glyph');
    for (const line of greetingStepLines) await wb.waitForGlyph(line, 'codicon-testing-passed-icon', 60_000);
    await wb.waitForGlyph(scenarioLine, 'codicon-testing-passed-icon');
  });
});

describe('the extension in a folder the user has not trusted yet', { timeout: 120_000 }, () => {
  let session: Session | undefined;
  before(async () => {
    session = await openSession('untrusted', {});
  });
  after(async () => {
    await session?.stop();
  });
  const workbench = () => session?.workbench;

  stage('asks whether to trust the folder', '07-trust-prompt', workbench, async (wb) => {
    await wb.page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors of the files in this folder?' }).waitFor();
  });

  stage('colours and checks scenarios in Restricted Mode', '08-restricted-mode', workbench, async (wb) => {
    await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: "No, I don't trust the authors" }).click();
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor();
    await wb.openFile('e2e/typing.scs');
    assert.equal(await wb.languageMode(), 'Scansion');
    await wb.waitForTokens((all) => distinctColours(all).size >= 4);
    await wb.focusEditor();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type('Mercutio connects');
    await wb.editor().locator('.squiggly-error').first().waitFor();
    await wb.goTo(1);
  });

  stage('asks for trust before running a scenario', '09-run-needs-trust', workbench, async (wb) => {
    // Running connects to servers and may start Prosody: VS Code asks for trust first.
    const scenarioLine = await wb.firstGlyphLine('testing-run-glyph');
    await wb.clickGlyph(scenarioLine, 'testing-run-glyph');
    await wb.page.locator('.monaco-dialog-box', { hasText: 'Running tests may execute code in your workspace' }).waitFor();
  });
});

/** One stage of a walk-through: on success its screenshot goes to `images`/NAME.png, on failure to
 *  test-results/e2e/NAME-failed.png (to see what went wrong). */
function distinctColours(tokens: Token[]): Set<string> {
  return new Set(tokens.filter((token) => token.text.trim() !== '').map((token) => token.color));
}

/** The token on a 1-based line whose text contains `text`. */
function tokenAt(tokens: Token[], line: number, text: string): Token {
  const token = tokens.find((candidate) => candidate.line === line && candidate.text.includes(text));
  assert.ok(token, `no token "${text}" on line ${line}: ${JSON.stringify(tokens.filter((t) => t.line === line))}`);
  return token;
}
