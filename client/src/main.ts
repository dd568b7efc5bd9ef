// The extension's entry point (package.json `main`: dist/client.cjs, a few KB). VS Code loads it
// only to activate the extension, and the first diagnostics should wait for as little as possible,
// so loading it starts the language server at once:
// 1. it forks the server process (serverProcess.ts), which then starts while
// 2. it loads the language client (dist/extension.cjs, extension.ts: vscode-languageclient and what
//    needs the client itself, ~1 MB) and starts it on that process. That bundle runs from V8's code
//    cache (core/codeCache.ts, as the language server's does);
// 3. activate() loads the rest (dist/features.cjs, features.ts: the Test Explorer, the status bar,
//    commands, the debugger; from the code cache too) once VS Code has made the extension's context
//    (a round trip to the window for its storage, during which the extension host loads other
//    extensions: seconds on a busy machine, and the language server no longer waits for it).
// The bundles end in .cjs so that VS Code require()s this one at once: for a package of "type":
// "module" it would import() a .js main, an asynchronous load that lets other extensions' loading go
// first.

import { join } from 'node:path';
import type * as vscode from 'vscode';
import { runCached } from '../../core/codeCache.js';
import { ServerProcesses } from './serverProcess.js';

/** dist/extension.cjs (client/src/extension.ts). */
type Extension = typeof import('./extension.js');
/** dist/features.cjs (client/src/features.ts). */
type Features = typeof import('./features.js');

const servers = new ServerProcesses(join(__dirname, 'server.js'));
servers.startAhead();
const { extension, started } = load();

function load(): { extension: Extension; started: ReturnType<Extension['startLanguageClient']> } {
  try {
    const loaded = runCached({
      bundle: join(__dirname, 'extension.cjs'),
      name: 'extension',
      // A cache is written 2 s after the language server first answered `initialize`: the first
      // document's diagnostics and the editor's first requests have been handled by then.
      writeAfterMs: 2000,
      warmedUp: (exports) => (exports as Pick<Extension, 'firstStart'>).firstStart,
    }) as Extension;
    return { extension: loaded, started: loaded.startLanguageClient(servers) };
  } catch (error) {
    // The server would wait for a client that never comes.
    servers.dispose();
    throw error;
  }
}

let features: Features | undefined;

export function activate(context: vscode.ExtensionContext): Promise<void> {
  // Its cache is written 2 s after activate() began (or at exit): its first use has run by then.
  features = runCached({ bundle: join(__dirname, 'features.cjs'), name: 'features', writeAfterMs: 2000 }) as Features;
  return features.activate(context, started);
}

/** Stops runs, then the language client, then kills a server that did not exit as asked. */
export async function deactivate(): Promise<void> {
  try {
    await features?.deactivate();
    await extension.deactivate();
  } finally {
    servers.dispose();
  }
}
