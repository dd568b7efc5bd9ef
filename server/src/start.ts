// dist/server.js, what the extension starts: runs the language server proper (dist/serverMain.js,
// built from main.ts) from V8's code cache (core/codeCache.ts), so that every start after the
// first skips compiling its ~700 KB and the functions its first diagnostics need
// (bench/serverStart.bench.ts). A start that found no usable cache writes one a little after its
// first diagnostics (main.ts firstDiagnostics), so that it holds the code they needed, or when the
// server exits after them. A server that never sent diagnostics (the extension starts one ahead of
// any document) writes none: its cache would lack the parser's code for good.
import { join } from 'node:path';
import { runCached } from '../../core/codeCache.js';
import type * as ServerMain from './main.js';

runCached({
  // __dirname is dist/ in the CommonJS bundle this file becomes.
  bundle: join(__dirname, 'serverMain.js'),
  name: 'server',
  // The editor's first requests after opening a document (outline, folding, code actions) have
  // come by then.
  writeAfterMs: 2000,
  warmedUp: (exports) => (exports as Pick<typeof ServerMain, 'firstDiagnostics'>).firstDiagnostics,
});
