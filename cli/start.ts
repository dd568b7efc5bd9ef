// dist/cli.js, the `scs` command: runs the command line tool proper (dist/cliMain.js, built from
// main.ts) from V8's code cache (core/codeCache.ts), so that every `scs` after the first skips
// compiling its bundle and the functions an earlier run compiled. A run that found no usable cache
// writes one as it exits: it then holds all that run compiled (after an `scs run`, the parser and
// the runner).
import { join } from 'node:path';
import { runCached } from '../core/codeCache.js';

// __dirname is dist/ in the CommonJS bundle this file becomes.
runCached({ bundle: join(__dirname, 'cliMain.js'), name: 'cli' });
