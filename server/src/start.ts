// dist/server.js, what the extension starts: runs the language server proper (dist/serverMain.js,
// built from main.ts) from V8's code cache (core/codeCache.ts), so that every start after the
// first skips compiling its ~700 KB and the functions its first diagnostics need
// (bench/serverStart.bench.ts). A start that found no usable cache writes one a few seconds later,
// once the first diagnostics have compiled what they need, or when the server exits before that.
import { join } from 'node:path';
import { runCached } from '../../core/codeCache.js';

// __dirname is dist/ in the CommonJS bundle this file becomes.
runCached({ bundle: join(__dirname, 'serverMain.js'), name: 'server', writeAfterMs: 3000 });
