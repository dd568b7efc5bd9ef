// One VS Code session for an end-to-end test file: a copy of scenarios/ (and the e2e fixtures) as
// the workspace, a fresh profile with the packaged extension, code-server, and a Chromium page on it.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createProfile, installExtension, repoRoot, startCodeServer } from '../../tools/vscode/code-server.js';
import { Workbench } from '../../tools/vscode/workbench.js';

export interface Session {
  workspace: string;
  workbench: Workbench;
  stop(): Promise<void>;
}

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
