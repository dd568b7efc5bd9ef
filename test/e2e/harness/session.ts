// One VS Code session for an end-to-end test file: a copy of scenarios/ (and the e2e fixtures) as
// the workspace, a fresh profile with the packaged extension, code-server, and a Chromium page on
// it; and `stage`, one step of a walk-through that leaves a screenshot.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createProfile, installExtension, repoRoot, startCodeServer } from './code-server.js';
import { Workbench } from './workbench.js';

export interface Session {
  workspace: string;
  workbench: Workbench;
  stop(): Promise<void>;
}

/** Where screenshots go: test-results/e2e always; docs/images with `npm run screenshots`. */
export const failures = join(repoRoot, 'test-results/e2e');
export const images = process.env.SCS_UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'docs/images') : failures;

/** Starts VS Code under `root`/`name` on a copy of scenarios/ plus test/e2e/fixtures (in e2e/). */
export async function openSession(root: string, browser: Browser, vsix: string, name: string, settings: Record<string, unknown>): Promise<Session> {
  const workspace = join(root, name, 'scenarios');
  cpSync(join(repoRoot, 'scenarios'), workspace, { recursive: true });
  cpSync(join(repoRoot, 'test/e2e/fixtures'), join(workspace, 'e2e'), { recursive: true });
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

/** One stage of a walk-through: on success its screenshot goes to `images`/NAME.png, on failure to
 *  test-results/e2e/NAME-failed.png. */
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
