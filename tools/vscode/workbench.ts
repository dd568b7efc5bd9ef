// Drives the VS Code workbench that code-server serves, in Debian's Chromium, with playwright-core.
// Every step waits for a condition on the page, never for a fixed time.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { chromiumPath } from './code-server.js';

// The active editor's own parts, not those of editors embedded in it (a test failure's peek holds
// a diff editor).
// Passed to page-side functions as arguments: those run in the browser and see no Node values.
const main = {
  lineNumbers: ':scope > .overflow-guard > .margin > .margin-view-overlays .line-numbers',
  viewLines: ':scope > .overflow-guard > .monaco-scrollable-element > .lines-content > .view-lines',
  glyphs: ':scope > .overflow-guard > .margin > .glyph-margin-widgets > div',
};

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One editor token as rendered: its text, Monaco's class (mtkN) and its computed colour. */
export interface Token {
  line: number;
  text: string;
  className: string;
  color: string;
}

export class Workbench {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer shows the folder once the workbench has restored.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  /**
   * Presses `key`, a shortcut that opens a quick input (Quick Open, the Command Palette, Go to
   * Line), and returns its input box once visible. A press can be lost while a webview or a panel
   * is taking the focus, so it is pressed again, three times at most; the last failure is thrown.
   */
  private async quickInput(key: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press(key);
      try {
        await input.waitFor({ timeout: 10_000 });
        return input;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Opens a workspace file with Quick Open and waits until its editor shows text. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop() ?? relativePath;
    const input = await this.quickInput('Control+P');
    await input.fill(relativePath);
    // Enter opens the focused row; the list filters asynchronously, so wait until that row is the file.
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
    await this.page.keyboard.press('Enter');
    const activeTab = this.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`);
    try {
      await activeTab.waitFor({ timeout: 10_000 });
    } catch {
      // Opened (or already open) in a group that did not take the focus, as after a webview or
      // the refactor preview held it: clicking the file's tab makes its group the active one.
      await this.page.locator(`.tab[data-resource-name="${name}"]`).first().click();
      await activeTab.waitFor();
    }
    await this.editor().locator('.view-line').first().waitFor();
  }

  /** Runs a command by its title from the Command Palette. */
  async runCommand(title: string): Promise<void> {
    const input = await this.quickInput('Control+Shift+P');
    await input.fill(`>${title}`);
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
      .first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The active editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The language mode shown in the status bar for the active editor (e.g. "Scansion"). */
  async languageMode(): Promise<string> {
    return (await this.page.locator('#status\\.editor\\.mode').innerText()).trim();
  }

  /** Tokens of the visible lines of the active editor, with 1-based line numbers. */
  async tokens(): Promise<Token[]> {
    // Functions run in the page are written without named inner functions: tsx would wrap those
    // in a helper (__name) that exists only in Node. Their DOM values are untyped (no DOM lib here).
    return this.editor().evaluate((editor, selectors) => {
      const lineTops = [...editor.querySelectorAll(selectors.lineNumbers)].map(
        (element) => [element.getBoundingClientRect().top, Number(element.textContent)] as const,
      );
      return [...editor.querySelectorAll(`${selectors.viewLines} > .view-line`)].flatMap((lineElement) => {
        const top = lineElement.getBoundingClientRect().top;
        const line = lineTops.find(([lineTop]) => Math.abs(lineTop - top) < 3)?.[1] ?? -1;
        return [...lineElement.querySelectorAll(':scope > span > span')].map((span) => ({
          line,
          // Monaco renders spaces as no-break spaces.
          text: (span.textContent ?? '').replace(/\u00a0/g, ' '),
          className: span.className,
          color: span.ownerDocument.defaultView.getComputedStyle(span).color,
        }));
      });
    }, main);
  }

  /** Waits until the editor's tokens satisfy `accept` (tokenizing is asynchronous) and returns them. */
  async waitForTokens(accept: (tokens: Token[]) => boolean, timeoutMs = 20_000): Promise<Token[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tokens = await this.tokens();
      if (accept(tokens)) return tokens;
      if (Date.now() > deadline) {
        throw new Error(`editor tokens did not reach the expected state:\n${JSON.stringify(tokens, null, 1)}`);
      }
      await this.page.waitForTimeout(200);
    }
  }

  /** Gives the active editor the keyboard focus. */
  async focusEditor(): Promise<void> {
    await this.editor().locator(main.viewLines).click();
  }

  /** Places the cursor at a 1-based line and column of the active editor with "Go to Line". */
  async goTo(line: number, column = 1): Promise<void> {
    // A peek or a webview that opens meanwhile (a failed run's peek) takes the focus and closes the
    // input before it is filled: then the whole Go to Line is tried again, three times at most.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.focusEditor();
        const input = await this.quickInput('Control+G');
        await input.fill(`:${line}:${column}`, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Opens the Problems panel and returns its marker rows' text once `accept` holds. */
  async waitForProblems(accept: (rows: string[]) => boolean, timeoutMs = 20_000): Promise<string[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const texts = (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
      if (accept(texts)) return texts;
      if (Date.now() > deadline) throw new Error(`Problems panel did not show what was expected:\n${texts.join('\n')}`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Classes of the gutter decorations, by 1-based line. */
  async glyphs(): Promise<Map<number, string>> {
    const entries = await this.editor().evaluate((editor, selectors) => {
      const lineTops = [...editor.querySelectorAll(selectors.lineNumbers)].map(
        (element) => [element.getBoundingClientRect().top, Number(element.textContent)] as const,
      );
      return [...editor.querySelectorAll(selectors.glyphs)].map((glyph) => {
        const top = glyph.getBoundingClientRect().top;
        const line = lineTops.find(([lineTop]) => Math.abs(lineTop - top) < 3)?.[1] ?? -1;
        return [line, glyph.className] as const;
      });
    }, main);
    const byLine = new Map<number, string>();
    for (const [line, className] of entries) byLine.set(line, `${byLine.get(line) ?? ''} ${className}`.trim());
    return byLine;
  }

  /** Clicks the gutter decoration on a 1-based line that carries `iconClass` (`right`: opens its
   *  context menu). */
  async clickGlyph(line: number, iconClass: string, button: 'left' | 'right' = 'left'): Promise<void> {
    const index = await this.editor().evaluate(
      (editor, { line, iconClass, selectors }) => {
        const target = [...editor.querySelectorAll(selectors.lineNumbers)].find((element) => Number(element.textContent) === line);
        if (!target) return -1;
        const top = target.getBoundingClientRect().top;
        return [...editor.querySelectorAll(selectors.glyphs)].findIndex(
          (glyph) => glyph.classList.contains(iconClass) && Math.abs(glyph.getBoundingClientRect().top - top) < 3,
        );
      },
      { line, iconClass, selectors: main },
    );
    if (index < 0) throw new Error(`no gutter icon .${iconClass} on line ${line}`);
    await this.editor().locator(main.glyphs).nth(index).click({ button });
  }

  /** Reveals a 1-based line and waits until its gutter decoration carries `iconClass`. */
  async waitForGlyph(line: number, iconClass: string, timeoutMs = 30_000): Promise<void> {
    await this.goTo(line);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const classes = (await this.glyphs()).get(line) ?? '';
      if (classes.split(' ').includes(iconClass)) return;
      if (Date.now() > deadline) throw new Error(`line ${line} has gutter classes "${classes}", not ${iconClass}`);
      await this.page.waitForTimeout(200);
    }
  }

  /** The first line (1-based) of the file with a gutter decoration carrying `iconClass`, once there
   *  is one among the lines visible from the top of the file. */
  async firstGlyphLine(iconClass: string, timeoutMs = 30_000): Promise<number> {
    await this.goTo(1);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = [...(await this.glyphs()).entries()].filter(([, classes]) => classes.split(' ').includes(iconClass)).map(([line]) => line);
      if (lines.length > 0) return Math.min(...lines);
      if (Date.now() > deadline) throw new Error(`no gutter decoration .${iconClass} appeared`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Applies the quick fix whose title is `title` (any letter case) at a 1-based line. */
  async applyQuickFix(line: number, title: string): Promise<void> {
    await this.goTo(line);
    await this.page.keyboard.press('Control+.');
    const pattern = new RegExp(escapeRegExp(title), 'i');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.filter({ hasText: pattern }).first().waitFor({ timeout: 20_000 });
    // The menu is driven from the keyboard: a pointer-blocking layer covers it while it opens.
    const count = await rows.count();
    for (let step = 0; step <= count; step++) {
      if (pattern.test(await this.page.locator('.action-widget .monaco-list-row.focused').innerText())) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`quick fix "${title}" could not be selected`);
  }

  /** The body of the visible webview panel (webviews live in two nested iframes). */
  webview(): Locator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body');
  }

  async screenshot(path: string): Promise<void> {
    // Away from anything that shows a hover, so the picture shows the workbench itself.
    await this.page.mouse.move(24, 700);
    await this.page.screenshot({ path });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
