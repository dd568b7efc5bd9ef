// core/ never imports the editor: core/tsconfig.json makes the compiler refuse `vscode` and
// `vscode-languageserver*` there, although both are installed (CONTRIBUTING.md, Layout).
// Each test compiles a throwaway file placed in core/ with core's own compiler options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(import.meta.dirname, '../..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Where the throwaway files go: inside core/, so that they resolve imports as core's own files do, but in
 *  a dot folder, which `tsc -b`'s `**` never matches, and which .gitignore and ESLint's ignores name, so that
 *  a probe left behind by a killed test is neither compiled, linted nor committed. */
const probeDir = join(root, 'core', '.layering');

/** Compiles `source` as core/.layering/<throwaway>.ts with core/tsconfig.json's options; returns tsc's exit status and output. */
function compileInCore(source: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'scs-layering-'));
  const file = join(probeDir, `layeringProbe${process.pid}.ts`);
  try {
    mkdirSync(probeDir, { recursive: true });
    writeFileSync(file, source);
    const config = join(dir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(root, 'core/tsconfig.json'),
        compilerOptions: {
          composite: false,
          incremental: false,
          noEmit: true,
          emitDeclarationOnly: false,
          // This config lives in a temporary folder: find @types/node where core's own config does.
          typeRoots: [join(root, 'node_modules/@types')],
        },
        files: [file],
      }),
    );
    const result = spawnSync(process.execPath, [tsc, '-p', config], { cwd: root, encoding: 'utf8' });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

test('core/ compiles a file that imports Node and core itself (the probe works)', () => {
  const { status, output } = compileInCore(
    "import { createServer } from 'node:net';\nimport { Element } from 'ltx';\nimport type { Scenario } from '../model.js';\n" +
      'export const probe: [typeof createServer, typeof Element, Scenario | undefined] = [createServer, Element, undefined];\n',
  );
  assert.equal(status, 0, output);
});

test('core/ refuses to compile an import of vscode', () => {
  const { status, output } = compileInCore("import * as vscode from 'vscode';\nexport const probe = vscode.version;\n");
  assert.notEqual(status, 0);
  assert.match(output, /layeringProbe\d+\.ts\(1,25\): error TS2306: .*forbiddenImport\.d\.ts' is not a module/);
});

test('core/ refuses to compile an import of vscode-languageserver (and its subpaths)', () => {
  const { status, output } = compileInCore(
    "import { createConnection } from 'vscode-languageserver/node';\nimport { TextDocument } from 'vscode-languageserver-textdocument';\n" +
      'export const probe = [createConnection, TextDocument];\n',
  );
  assert.notEqual(status, 0);
  assert.match(output, /\(1,34\): error TS2306: .*forbiddenImport\.d\.ts' is not a module/);
  assert.match(output, /\(2,30\): error TS2306: .*forbiddenImport\.d\.ts' is not a module/);
});

test('a probe left behind (the test killed) is not part of core, is not linted and cannot be committed', () => {
  const file = join(probeDir, 'layeringProbeLeftOver.ts');
  try {
    mkdirSync(probeDir, { recursive: true });
    writeFileSync(file, "import * as vscode from 'vscode';\n");
    const listed = spawnSync(process.execPath, [tsc, '-p', 'core', '--listFilesOnly'], { cwd: root, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /core\/model\.ts/, 'the listing names core files');
    assert.doesNotMatch(listed.stdout, /layeringProbe/);
    const ignored = spawnSync('git', ['check-ignore', '--quiet', file], { cwd: root });
    assert.equal(ignored.status, 0, 'git ignores it');
    const eslint = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), file], { cwd: root, encoding: 'utf8' });
    assert.match(eslint.stdout + eslint.stderr, /File ignored/, 'ESLint ignores it');
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
});

/** The TypeScript sources under `folder` (relative to the repository), recursively. */
function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

test('in the extension, only client/src/scenarios.ts parses .scs text (imports core/parser)', () => {
  const parsing = sources('client/src').filter((file) => /from '[./]*core\/parser\//.test(readFileSync(join(root, file), 'utf8')));
  assert.deepEqual(parsing, ['client/src/scenarios.ts']);
});

test('custom messages are named only in shared/protocol.ts', () => {
  const naming = ['client/src', 'server/src', 'debugger']
    .flatMap(sources)
    .filter((file) => /['"]scansion\/\w+['"]/.test(readFileSync(join(root, file), 'utf8')));
  assert.deepEqual(naming, []);
  assert.match(readFileSync(join(root, 'shared/protocol.ts'), 'utf8'), /'scansion\/testTree'/);
});
