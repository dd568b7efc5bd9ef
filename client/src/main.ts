// The extension's entry point (package.json `main`: dist/client.cjs, a few KB). VS Code loads it
// only to activate the extension, and the first diagnostics should wait for as little as possible,
// so loading it starts the language server at once:
// 1. it forks the server process (serverProcess.ts), which then starts while
// 2. it loads the rest of the extension (dist/extension.cjs, extension.ts: the language client and
//    everything else) and starts the language client on that process. That bundle (1.2 MB, mostly
//    vscode-languageclient) runs from V8's code cache (core/codeCache.ts, as the language server's
//    does): in plain Node, loading it takes 45-50 ms of CPU from the cache, 70-80 ms without;
// 3. activate() registers everything else once VS Code has made the extension's context (a round
//    trip to the window for its storage, during which the extension host loads other extensions:
//    seconds on a busy machine, and the language server no longer waits for it).
// The bundle ends in .cjs so that VS Code require()s it at once: for a package of "type": "module"
// it would import() a .js main, an asynchronous load that lets other extensions' loading go first.

import { join } from 'node:path';
import type * as vscode from 'vscode';
import { runCached } from '../../core/codeCache.js';
import { ServerProcesses } from './serverProcess.js';

/** dist/extension.cjs (client/src/extension.ts). */
type Extension = typeof import('./extension.js');

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

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return extension.activate(context, started);
}

/** Stops the language client, then kills a server that did not exit as asked. */
export async function deactivate(): Promise<void> {
  try {
    await extension.deactivate();
  } finally {
    servers.dispose();
  }
}
