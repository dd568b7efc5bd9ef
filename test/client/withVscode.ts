// Loads an extension module outside VS Code: esbuild bundles it as the extension's bundle has it
// (CommonJS, `vscode` left out), and `require('vscode')` answers the stand-in the test gives.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** The exports of `entry` (a path from the repository's root), with `vscode` as its `vscode`. */
export async function loadWithVscode<Exports>(entry: string, vscode: unknown): Promise<Exports> {
  const dir = mkdtempSync(join(tmpdir(), 'scansion-client-'));
  try {
    const outfile = join(dir, 'bundle.cjs');
    await esbuild.build({
      entryPoints: [join(repoRoot, entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      outfile,
      logLevel: 'silent',
    });
    const require = createRequire(import.meta.url);
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? vscode : load.call(this, request, ...rest);
    };
    try {
      return require(outfile) as Exports;
    } finally {
      Module._load = load;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
