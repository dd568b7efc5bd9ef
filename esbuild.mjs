// Bundles the entry points (language server, the `scs` and `scansion` commands, VS Code client,
// debug adapter) into dist/.
// One core is shared by all of them; esbuild inlines it into each bundle.
import * as esbuild from 'esbuild';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

// `selfsigned` and the ASN.1 libraries under it are more than half of the `scs` bundle, and only
// `scs record` uses them: in their own bundle, which core/recorder/certificate.ts loads on the first
// certificate, they stay out of what node compiles on every `scs` start.
const selfsignedApart = {
  name: 'selfsigned-apart',
  setup(build) {
    build.onResolve({ filter: /^selfsigned$/ }, () => ({ path: './selfsigned.js', external: true }));
  },
};

// The extension's own modules each `import * as vscode from 'vscode'`; esbuild would wrap that
// external module anew for each of them (__toESM copies every name of VS Code's API: 17 copies of
// ~400 names in dist/extension.cjs, ~10 ms of the extension host's time while activating). They get
// one shared namespace instead, a module of a single `export * from 'vscode'`. Libraries'
// own require('vscode') stays as it is (plain CommonJS, no copy).
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' || args.importer.includes('/node_modules/')
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /^vscode$/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const builds = [
  // The language server: dist/server.js runs dist/serverMain.js from V8's code cache (server/src/start.ts).
  { entryPoints: { server: 'server/src/start.ts', serverMain: 'server/src/main.ts' }, outdir: 'dist' },
  // The `scs` command: dist/cli.js runs dist/cliMain.js from V8's code cache (cli/start.ts).
  { entryPoints: { cli: 'cli/start.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // A vm.Script has no import(): the import of dist/selfsigned.js becomes a require.
  { entryPoints: { cliMain: 'cli/main.ts' }, outdir: 'dist', plugins: [selfsignedApart], supported: { 'dynamic-import': false } },
  { entryPoints: { selfsigned: 'node_modules/selfsigned/index.js' }, outdir: 'dist' },
  { entryPoints: { scansion: 'cli/scansion.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The extension's entry point (package.json `main`), kept small: at activation it forks the
  // language server, then loads dist/extension.cjs (client/src/main.ts). `.cjs`: VS Code require()s
  // it rather than import() it (the package is "type": "module").
  { entryPoints: { client: 'client/src/main.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, external: ['vscode'] },
  // The language client, loaded and started by the entry point as soon as VS Code loads it.
  { entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, plugins: [oneVscodeNamespace] },
  // What activate() sets up (the Test Explorer, commands, the debugger), loaded by the entry point then.
  { entryPoints: { features: 'client/src/features.ts' }, outdir: 'dist', outExtension: { '.js': '.cjs' }, plugins: [oneVscodeNamespace] },
  // What the extension loads on first use (client/src/onDemand.ts): running and recording.
  { entryPoints: { onDemand: 'client/src/onDemandEntry.ts' }, outdir: 'dist', plugins: [oneVscodeNamespace] },
  { entryPoints: { debugAdapter: 'debugger/main.ts' }, outdir: 'dist' },
];

// The package is ESM ("type": "module") for its TypeScript sources; the bundles are CommonJS,
// as VS Code's extension host requires.
mkdirSync('dist', { recursive: true });
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');

for (const build of builds) {
  const options = { ...common, ...build };
  if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
  } else {
    await esbuild.build(options);
  }
}

// The commands (package.json `bin`) run directly, as `./dist/scansion.js` or from a Makefile.
if (!watch) for (const command of ['dist/cli.js', 'dist/scansion.js']) chmodSync(command, 0o755);
