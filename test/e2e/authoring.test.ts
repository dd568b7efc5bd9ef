// Authoring features in a real VS Code (code-server + Chromium + Prosody) that had only LSP-level
// tests before: tags closed as typed (`>` and `</`), Format Document, the status bar's target
// switcher (kept over a reload, followed by runs, logged in the output channel with the local
// Prosody's port and log file), "Copy scs run Command" and "Copy Failure as Markdown" (read back
// from the browser's clipboard) and a language server restart in the output.
// Stages 30-35 leave screenshots as the other e2e stages do (stages.ts).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { freePort, startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { assertRealVsCodeInstalled, repoRoot } from '../../tools/vscode/code-server.js';
import { packageExtension } from '../../tools/vscode/extension.js';
import { launchChromium, type Workbench } from '../../tools/vscode/workbench.js';
import { openSession, type Session } from './session.js';
import { stage, stepLines, waitFor } from './stages.js';

const header = `[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

-----

Romeo connects
`;
/** A file to type in: an empty indented line in one block, a line under an open <presence> in another. */
const closing = `# Tags closed as typed

${header}
Romeo sends:
\t

Romeo sends:
\t<presence>
\t\t<show>away</show>
\t

Romeo disconnects
`;
const closingLines = closing.split('\n');
const startTagLine = closingLines.indexOf('Romeo sends:') + 2;
const endTagLine = closingLines.lastIndexOf('\t<presence>') + 3;

/** Indented with spaces, as a new file in another editor might be. */
const unformatted = `# Indented with spaces

[Client] Romeo
    jid: romeo@localhost
  password: password

-----

Romeo connects

Romeo sends:
  <message type="chat" to="romeo@localhost">
        <body>Hi</body>
  </message>

Romeo disconnects
`;
const formatted = unformatted
  .replace('    jid:', '\tjid:')
  .replace('  password:', '\tpassword:')
  .replace('  <message', '\t<message')
  .replace('        <body>', '\t\t<body>')
  .replace('  </message>', '\t</message>');

describe('authoring in a real VS Code: tag closing, formatting, the target switcher, sharing, the output', { timeout: 420_000 }, () => {
  let root = '';
  let browser: Browser | undefined;
  let prosody: LocalProsody | undefined;
  let session: Session | undefined;
  /** The configured server: a port nothing listens on, so that a run that reaches Prosody proves the switcher chose it. */
  let configuredPort = 0;

  before(async () => {
    assertRealVsCodeInstalled();
    root = mkdtempSync(join(tmpdir(), 'scansion-e2e-authoring-'));
    const vsix = packageExtension();
    prosody = await startProsody({ configTemplate: join(repoRoot, 'scenarios/prosody.cfg.lua') });
    configuredPort = await freePort('127.0.0.1');
    browser = await launchChromium();
    session = await openSession(root, browser, vsix, 'authoring', {
      'security.workspace.trust.enabled': false,
      'scansion.server.host': '127.0.0.1',
      'scansion.server.port': configuredPort,
      'scansion.timeout': 3,
    });
    writeFileSync(join(session.workspace, 'e2e', 'closing.scs'), closing);
    writeFileSync(join(session.workspace, 'e2e', 'unformatted.scs'), unformatted);
    const page = session.workbench.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  });

  after(async () => {
    await session?.stop();
    await browser?.close();
    await prosody?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const wb = () => session?.workbench;
  const file = (name: string) => join(session?.workspace ?? '', 'e2e', name);
  /** What the extension's output channel ("Scansion") wrote so far: its log files under the
   *  profile, one per window (a reload starts another). */
  const output = () => outputLog(join(session?.workspace ?? '', '..', 'user-data', 'logs'));

  stage('closes a start tag after its `>` and the open element after `</`', '30-tag-closing', wb, async (page) => {
    await page.openFile('e2e/closing.scs');
    await page.goTo(startTagLine, 2);
    await typeSlowly(page, '<message type="chat">');
    await waitForLine(page, startTagLine, '<message type="chat"></message>');
    // The cursor stayed between the tags: what is typed next goes inside.
    await typeSlowly(page, '<body>');
    await waitForLine(page, startTagLine, '<message type="chat"><body></body></message>');
    await typeSlowly(page, 'Hi');
    await waitForLine(page, startTagLine, '<message type="chat"><body>Hi</body></message>');
    await page.goTo(endTagLine, 2);
    await typeSlowly(page, '</');
    await waitForLine(page, endTagLine, '</presence>');
    const saved = await saveUntil(page, file('closing.scs'), (text) => text.includes('</presence>') && complete(text), 'closing.scs to be saved');
    const lines = saved.split('\n');
    assert.equal(lines[startTagLine - 1], '\t<message type="chat"><body>Hi</body></message>');
    assert.equal(lines[endTagLine - 1], '\t</presence>');
    assert.equal(lines.length, closingLines.length, 'nothing else was added');
  });

  stage('re-indents a file written with spaces with tabs (Format Document)', '31-format-document', wb, async (page) => {
    await page.openFile('e2e/unformatted.scs');
    // Formatting waits for the language server to know the file.
    await page.editor().locator('.view-line', { hasText: 'Romeo disconnects' }).waitFor();
    await page.runCommand('Format Document');
    const saved = await saveUntil(page, file('unformatted.scs'), (text) => text !== unformatted && complete(text), 'the formatted file to be saved');
    assert.equal(saved, formatted);
  });

  stage('switches runs to another host with its TLS mode from the status bar, kept over a reload', '32-target-switcher', wb, async (page) => {
    assert.ok(prosody);
    const item = statusItem(page, `Scansion: 127.0.0.1:${configuredPort}`);
    await item.waitFor();
    // Its accessible label is plain words: no Markdown, no icon names.
    const label = (await item.locator('[aria-label]').first().getAttribute('aria-label')) ?? '';
    assert.match(label, new RegExp(`the next run goes to 127\\.0\\.0\\.1:${configuredPort} \\(STARTTLS, certificate checked\\), from the settings`));
    assert.doesNotMatch(label, /[*`]|\$\(/);
    await item.click();
    const rows = page.page.locator('.quick-input-list .monaco-list-row');
    for (const text of ['Throwaway local Prosody', 'Configured server', 'Another host']) await rows.filter({ hasText: text }).first().waitFor();
    await rows.filter({ hasText: 'Another host' }).first().click();
    const input = page.page.locator('.quick-input-widget input');
    await input.fill(`${prosody.host}:${prosody.port}`);
    await page.page.keyboard.press('Enter');
    await rows.filter({ hasText: 'any certificate accepted' }).first().click();
    await page.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const chosen = `Scansion: ${prosody.host}:${prosody.port}`;
    await statusItem(page, chosen).waitFor();
    // Kept for the workspace: a reload (a new extension host) still runs against it.
    const reloaded = page.page.waitForEvent('load', { timeout: 60_000 });
    await page.runCommand('Developer: Reload Window');
    await reloaded;
    await page.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await statusItem(page, chosen).waitFor({ timeout: 60_000 });
    await runAndWaitForGreen(page, file('greeting.scs'), 'e2e/greeting.scs');
    const log = await waitFor(async () => (/greeting\.scs: passed/.test(output()) ? output() : undefined), 'the run in the output');
    assert.match(log, /Runs now go to 127\.0\.0\.1:\d+ \(STARTTLS, any certificate accepted\)/);
    assert.match(log, new RegExp(`Run: 1 scenario against ${prosody.host}:${prosody.port} \\(STARTTLS, any certificate accepted\\); timeout 3 s`));
    // The switcher lists the host it chose as current, and leaves the screenshot to show it.
    await statusItem(page, chosen).click();
    await rows
      .filter({ hasText: `${prosody.host}:${prosody.port}` })
      .filter({ hasText: 'current' })
      .first()
      .waitFor();
  });

  stage('runs against a throwaway local Prosody once chosen, and the output names its port and log file', '33-local-prosody-output', wb, async (page) => {
    assert.ok(prosody);
    // The switcher is open (the stage before left it so).
    const local = page.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Throwaway local Prosody' }).first();
    if (!(await local.isVisible())) await statusItem(page, `Scansion: ${prosody.host}:${prosody.port}`).click();
    await local.click();
    await statusItem(page, 'Scansion: local Prosody').waitFor();
    await runAndWaitForGreen(page, file('greeting.scs'), 'e2e/greeting.scs');
    const log = await waitFor(async () => (/Local Prosody on 127\.0\.0\.1:\d+ stopped\./.test(output()) ? output() : undefined), 'the local Prosody to stop');
    const started = /Local Prosody started on 127\.0\.0\.1:(\d+) \(pid \d+\), log file (\S+prosody\.log)/.exec(log);
    assert.ok(started, log);
    const port = Number(started[1]);
    assert.notEqual(port, prosody.port);
    assert.notEqual(port, configuredPort);
    assert.match(log, /Run: 1 scenario against a throwaway local Prosody/);
    assert.match(log, new RegExp(`Local Prosody on 127\\.0\\.0\\.1:${port} stopped\\.`));
    assert.equal(existsSync(started[2]), false, 'its folder went with it');
    await page.runCommand('Scansion: Show Output');
    await page.page.locator('.output-view .view-line', { hasText: 'Local Prosody started on' }).first().waitFor();
  });

  stage('copies a failure as Markdown and the scs run command that repeats it', '34-copy-commands', wb, async (page) => {
    assert.ok(prosody);
    // The host chosen before is listed again.
    await statusItem(page, 'Scansion: local Prosody').click();
    await page.page
      .locator('.quick-input-list .monaco-list-row', { hasText: `${prosody.host}:${prosody.port}` })
      .first()
      .click();
    await statusItem(page, `Scansion: ${prosody.host}:${prosody.port}`).waitFor();
    await page.openFile('e2e/wrong-expectation.scs');
    const scenarioLine = await page.firstGlyphLine('testing-run-glyph');
    await page.clickGlyph(scenarioLine, 'testing-run-glyph');
    const receivesLine = readFileSync(file('wrong-expectation.scs'), 'utf8').split('\n').indexOf('Juliet receives:') + 1;
    await page.waitForGlyph(receivesLine, 'codicon-testing-failed-icon', 60_000);
    await page.openFile('e2e/wrong-expectation.scs');
    await page.runCommand('Scansion: Copy Failure as Markdown');
    const markdown = await waitFor(async () => {
      const text = await clipboard(page);
      return text.startsWith('### ') ? text : undefined;
    }, 'the failure on the clipboard');
    assert.ok(markdown.startsWith(`### Juliet expects the wrong words: step at line ${receivesLine} failed`), markdown);
    assert.match(markdown, /Good night, Romeo/);
    assert.match(markdown, /Hello, Juliet/);
    const command = `scs run e2e/wrong-expectation.scs --server ${prosody.host}:${prosody.port} --tls-insecure --timeout 3`;
    assert.ok(markdown.includes(command), markdown);
    await page.runCommand('Scansion: Copy scs run Command');
    await waitFor(async () => ((await clipboard(page)) === command ? true : undefined), `"${command}" on the clipboard`);
    // Back to the settings: the status bar names the configured server again.
    await statusItem(page, `Scansion: ${prosody.host}:${prosody.port}`).click();
    await page.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Configured server' }).first().click();
    await statusItem(page, `Scansion: 127.0.0.1:${configuredPort}`).waitFor();
    await page.runCommand('Scansion: Copy scs run Command');
    await waitFor(
      async () => ((await clipboard(page)).includes(`--server 127.0.0.1:${configuredPort} --timeout 3`) ? true : undefined),
      'the configured server in the command',
    );
  });

  stage('logs a language server restart, on command and after a crash, and diagnoses again', '35-language-server-restart', wb, async (page) => {
    const before = output();
    assert.match(before, /Language server started\./);
    await page.runCommand('Scansion: Restart Language Server');
    await waitFor(async () => (/Language server restarted \(1 restart in this window\)\./.test(output()) ? true : undefined), 'the restart in the output');
    assert.match(output(), /Language server stopped\./);
    // The server process dies: the language client starts it again, and the output says so.
    const [server, ...others] = languageServerPids(join(root, 'authoring', 'extensions'));
    assert.ok(server !== undefined && others.length === 0, `one language server process, not ${others.length + (server === undefined ? 0 : 1)}`);
    process.kill(server, 'SIGKILL');
    await waitFor(
      async () => (/Language server restarted \(2 restarts in this window\)\./.test(output()) ? true : undefined),
      'the restart after the crash in the output',
      60_000,
    );
    assert.equal(output().match(/Language server stopped\./g)?.length, 2);
    await page.openFile('e2e/closing.scs');
    await page.focusEditor();
    await page.page.keyboard.press('Control+End');
    await page.page.keyboard.type('Mercutio connects');
    await page.editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.runCommand('Scansion: Show Output');
    await page.page.locator('.output-view .view-line', { hasText: 'Language server restarted' }).first().waitFor();
  });
});

/** The status bar item whose text contains `text`. */
function statusItem(page: Workbench, text: string) {
  return page.page.locator('.statusbar-item', { hasText: text }).first();
}

/** Types one key at a time (callers wait for the closing tag after a `>` or `</` before typing on:
 *  a fast typist's next key cancels tag closing, on purpose). */
async function typeSlowly(page: Workbench, text: string): Promise<void> {
  await page.page.keyboard.type(text, { delay: 150 });
  // Suggestions opened by typing must not take a later Enter or key.
  await page.page.keyboard.press('Escape');
}

/** Waits until the active editor's 1-based line, leading whitespace aside (Monaco renders tabs as
 *  spaces), reads `expected`. */
async function waitForLine(page: Workbench, line: number, expected: string): Promise<void> {
  await waitFor(
    async () => {
      const tokens = await page.tokens();
      const rendered = tokens
        .filter((token) => token.line === line)
        .map((token) => token.text)
        .join('');
      return rendered.trim() === expected ? true : undefined;
    },
    `line ${line} to read ${JSON.stringify(expected)}`,
  );
}

/** Whether a file read while VS Code writes it was read whole (both files end with this step). */
function complete(text: string): boolean {
  return text.trimEnd().endsWith('Romeo disconnects');
}

/** Saves the active editor until `file` holds what `accept` wants (an edit applied a moment after
 *  its command returned is saved by a later press), and returns its text. */
async function saveUntil(page: Workbench, file: string, accept: (text: string) => boolean, what: string): Promise<string> {
  return waitFor(async () => {
    await page.page.keyboard.press('Control+S');
    const text = readFileSync(file, 'utf8');
    return accept(text) ? text : undefined;
  }, what);
}

/** Runs the scenario `file` (a workspace path, `relativePath` in it) from its gutter icon and
 *  waits until every step passed. */
async function runAndWaitForGreen(page: Workbench, file: string, relativePath: string): Promise<void> {
  await page.openFile(relativePath);
  const scenarioLine = await page.firstGlyphLine('testing-run-glyph');
  await page.clickGlyph(scenarioLine, 'testing-run-glyph');
  for (const line of stepLines(readFileSync(file, 'utf8'))) await page.waitForGlyph(line, 'codicon-testing-passed-icon', 60_000);
  await page.waitForGlyph(scenarioLine, 'codicon-testing-passed-icon');
}

/** Processes running the language server of the extension installed in `extensionsDir`. */
function languageServerPids(extensionsDir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const command = readFileSync(`/proc/${name}/cmdline`, 'utf8');
        return command.includes(extensionsDir) && command.includes('dist/server.js') ? [Number(name)] : [];
      } catch {
        return [];
      }
    });
}

/** The browser's clipboard, as the extension wrote it through VS Code's clipboard service. */
async function clipboard(page: Workbench): Promise<string> {
  // A string, since this project compiles without the DOM's types.
  return page.page.evaluate<string>('navigator.clipboard.readText()');
}

/** The text of every log file of the Scansion output channel under `logsDir`, oldest window first. */
function outputLog(logsDir: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/Scansion\.log$/.test(entry.name)) files.push(path);
    }
  };
  walk(logsDir);
  return files
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}
