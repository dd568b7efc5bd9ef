// Loads an extension module outside VS Code: esbuild bundles it as the extension's bundle has it
// (CommonJS, `vscode` left out), and `require('vscode')` answers the stand-in the test gives.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** The exports of `entry` (a path from the repository's root), with `vscode` as its `vscode`.
 *  `others` stands in for more modules, each by a function called when the module is required
 *  (which returns its exports): by the name required, or by the file name of a path required (a
 *  sibling bundle the entry loads at run time). `files` (file name -> text) are written beside the
 *  bundle while it loads (sibling bundles it reads rather than requires). */
export async function loadWithVscode<Exports>(
  entry: string,
  vscode: unknown,
  others: Record<string, () => unknown> = {},
  files: Record<string, string> = {},
): Promise<Exports> {
  const loaded = await loadWithVscodeKept<Exports>(entry, vscode, others, files);
  loaded.dispose();
  return loaded.exports;
}

/** As loadWithVscode, for an entry that requires or reads its siblings later than while it loads
 *  (on a call of its exports): the stand-ins answer and the files stay until dispose(). */
export async function loadWithVscodeKept<Exports>(
  entry: string,
  vscode: unknown,
  others: Record<string, () => unknown> = {},
  files: Record<string, string> = {},
): Promise<{ exports: Exports; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'scansion-client-'));
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const load = Module._load;
  const dispose = () => {
    Module._load = load;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
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
    const standIns: Record<string, () => unknown> = { ...others, vscode: () => vscode };
    Module._load = function (request: string, ...rest: unknown[]) {
      const name = Object.keys(standIns).find((key) => request === key || request.endsWith(`/${key}`));
      return name === undefined ? load.call(this, request, ...rest) : standIns[name]();
    };
    return { exports: require(outfile) as Exports, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
