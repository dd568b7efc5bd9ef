// Bundles the three entry points (language server, CLI, VS Code client) into dist/.
// One core is shared by all three; esbuild inlines it into each bundle.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

const builds = [
  { entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' },
  { entryPoints: { cli: 'cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
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
