// Packages the extension the way a user gets it: `npm run package` makes the .vsix.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './code-server.js';

/** The .vsix that `npm run package` writes (vsce's default name, in the repository root). */
export function vsixPath(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
}

/** Runs `npm run package` (which builds first) and returns the .vsix path. */
export function packageExtension(): string {
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  }
  const vsix = vsixPath();
  if (statSync(vsix).mtimeMs < started - 1000) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}
