// Debugging a scenario end to end in a real VS Code (code-server + Chromium + Prosody): debug from
// the gutter, stop at a breakpoint, read a character's full JID in the Variables view, send a stanza
// from the debug console, insert what the other character received as a step, continue to green.
// Stages 12-15 leave screenshots as the other e2e stages do (stages.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { assertRealVsCodeInstalled, repoRoot } from '../../tools/vscode/code-server.js';
import { packageExtension } from '../../tools/vscode/extension.js';
import { openSession, type Session } from './session.js';
import { stage, stepLines, waitFor } from './stages.js';
import { launchChromium } from '../../tools/vscode/workbench.js';

const scenario = `# Romeo and Juliet, debugged

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet
\tjid: juliet@localhost
\tpassword: password
\tresource: balcony

-----

Romeo connects

Juliet connects

Romeo disconnects

Juliet disconnects
`;
const breakpointLine = scenario.split('\n').indexOf('Romeo disconnects') + 1;
const typed = `Romeo sends: <message to="\${Juliet's full JID}" type="chat"><body>Hello from the console</body></message>`;

describe('debugging a scenario in a real VS Code', { timeout: 300_000 }, () => {
  let root = '';
  let browser: Browser | undefined;
  let prosody: LocalProsody | undefined;
  let session: Session | undefined;
  let file = '';

  before(async () => {
    assertRealVsCodeInstalled();
    root = mkdtempSync(join(tmpdir(), 'scansion-e2e-debug-'));
    const vsix = packageExtension();
    prosody = await startProsody({ configTemplate: join(repoRoot, 'scenarios/prosody.cfg.lua') });
    browser = await launchChromium();
    session = await openSession(root, browser, vsix, 'debugging', {
      'security.workspace.trust.enabled': false,
      'scansion.server.host': prosody.host,
      'scansion.server.port': prosody.port,
      'scansion.localServer': 'never',
      'scansion.timeout': 3000,
    });
    file = join(session.workspace, 'e2e', 'debugged.scs');
    writeFileSync(file, scenario);
  });

  after(async () => {
    await session?.stop();
    await browser?.close();
    await prosody?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const wb = () => session?.workbench;

  stage("debugs the scenario from the gutter and stops at a breakpoint, with Juliet's full JID in Variables", '12-debug-breakpoint', wb, async (page) => {
    await page.openFile('e2e/debugged.scs');
    await page.goTo(breakpointLine);
    await page.runCommand('Debug: Toggle Breakpoint');
    const scenarioLine = await page.firstGlyphLine('testing-run-glyph');
    await page.clickGlyph(scenarioLine, 'testing-run-glyph', 'right');
    // The menu is driven from the keyboard: a pointer-blocking layer covers it while it opens.
    await page.page.locator('.context-view .action-label', { hasText: /^Debug Test$/ }).waitFor();
    const focused = page.page.locator('.context-view .action-item.focused');
    for (let step = 0; step < 6 && !/^Debug Test$/.test((await focused.innerText().catch(() => '')).trim()); step++) {
      await page.page.keyboard.press('ArrowDown');
    }
    await page.page.keyboard.press('Enter');
    // Stopped: the Variables view lists a scope per character; Juliet's holds her bound full JID.
    const scope = page.page.locator('.debug-pane .monaco-list-row', { hasText: /^Juliet$/ });
    await scope.waitFor({ timeout: 60_000 });
    await scope.click();
    await page.page.locator('.debug-pane .monaco-list-row', { hasText: 'juliet@localhost/balcony' }).first().waitFor();
    await page.page.locator('.debug-top-stack-frame-line, .debug-top-stack-frame').first().waitFor();
  });

  stage('sends a stanza as Romeo from the debug console', '13-debug-console', wb, async (page) => {
    const input = page.page.locator('.repl-input-wrapper .monaco-editor');
    if (!(await input.isVisible())) await page.runCommand('Debug: Focus on Debug Console View');
    await input.click();
    // Inserted as text: the console's editor would otherwise close brackets and quotes itself.
    await page.page.keyboard.insertText(typed);
    await page.page.keyboard.press('Escape');
    await page.page.keyboard.press('Enter');
    await page.page.locator('.repl .monaco-list-row', { hasText: 'Romeo sent:' }).first().waitFor();
  });

  stage('inserts what Juliet received as a receives step above the paused step', '14-debug-insert', wb, async (page) => {
    const lens = page.editor().locator('.codelens-decoration a', { hasText: 'Insert received stanza as step (Juliet)' });
    // Back to the paused step, as a user does. VS Code asks for the lenses again after a short delay
    // when the extension says they changed (the session stopped), but drops that request when the
    // editor loses the focus meanwhile (its code lens controller cancels it on blur; it asks again
    // on focus or an edit): clicking the Variables view or the console within that delay, which
    // grows with the lenses' measured time on a loaded machine, left 'Debug Scenario' shown.
    await page.focusEditor();
    await lens.waitFor();
    await lens.click();
    const saved = await waitFor(async () => {
      const text = readFileSync(file, 'utf8');
      return text.includes('Juliet receives:') ? text : undefined;
    }, 'the inserted step to be saved');
    const inserted = saved.split('\n');
    const at = inserted.indexOf('Juliet receives:');
    assert.ok(at > 0 && at < inserted.indexOf('Romeo disconnects'), saved);
    assert.match(saved, /<message type="chat" from="\$\{Romeo's full JID\}" to="\$\{Juliet's full JID\}"[^>]*>\n\t\t<body>Hello from the console<\/body>/);
  });

  stage('continues to the end: the scenario passes', '15-debug-passed', wb, async (page) => {
    await page.runCommand('Debug: Continue');
    const scenarioLine = await page.firstGlyphLine('testing-run-glyph');
    await page.waitForGlyph(scenarioLine, 'codicon-testing-passed-icon', 60_000);
    await page.page.locator('.debug-toolbar').waitFor({ state: 'hidden' });
    assert.deepEqual(stepLines(readFileSync(file, 'utf8')).length, 5);
  });
});
