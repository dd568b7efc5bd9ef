// The e2e tests' stages: each is a test that leaves a screenshot of the workbench in
// test-results/e2e/ (or docs/images/ with `npm run screenshots`), and one named `*-failed.png`
// when it fails.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { repoRoot } from '../../tools/vscode/code-server.js';
import type { Workbench } from '../../tools/vscode/workbench.js';

export const failures = join(repoRoot, 'test-results/e2e');
// Bound JIDs and timings differ on every run, so the README's images are only rewritten on request.
export const images = process.env.SCS_UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs/images') : failures;

export function stage(title: string, name: string, workbench: () => Workbench | undefined, run: (wb: Workbench) => Promise<void>): void {
  it(title, async () => {
    const wb = workbench();
    assert.ok(wb, 'the workbench did not open');
    try {
      await run(wb);
    } catch (error) {
      mkdirSync(failures, { recursive: true });
      await wb.screenshot(join(failures, `${name}-failed.png`)).catch(() => undefined);
      throw error;
    }
    mkdirSync(images, { recursive: true });
    await wb.screenshot(join(images, `${name}.png`));
  });
}

/** Polls `probe` until it returns a value. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** 1-based lines of a scenario's action lines (a character name followed by a verb). */
export function stepLines(text: string): number[] {
  return text.split('\n').flatMap((line, index) => (/^[^#\s].* (connects|disconnects|sends:?|receives:?)( nothing)?\s*$/.test(line) ? [index + 1] : []));
}
