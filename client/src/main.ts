// The extension's entry point (package.json `main`: dist/client.cjs, a few KB). VS Code loads it
// only to activate the extension, and the first diagnostics should wait for as little as possible,
// so loading it starts the language server at once:
// 1. it forks the server process (serverProcess.ts), which then starts while
// 2. it loads the rest of the extension (dist/extension.cjs, extension.ts: the language client and
//    everything else) and starts the language client on that process;
// 3. activate() registers everything else once VS Code has made the extension's context (a round
//    trip to the window for its storage, during which the extension host loads other extensions:
//    seconds on a busy machine, and the language server no longer waits for it).
// The bundle ends in .cjs so that VS Code require()s it at once: for a package of "type": "module"
// it would import() a .js main, an asynchronous load that lets other extensions' loading go first.

import { join } from 'node:path';
import type * as vscode from 'vscode';
import { ServerProcesses } from './serverProcess.js';

/** dist/extension.cjs (client/src/extension.ts). */
type Extension = typeof import('./extension.js');

const servers = new ServerProcesses(join(__dirname, 'server.js'));
servers.startAhead();
const { extension, started } = load();

function load(): { extension: Extension; started: ReturnType<Extension['startLanguageClient']> } {
  try {
    // A computed path, so that esbuild leaves this require alone instead of bundling the module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load of a sibling CommonJS bundle, on purpose
    const loaded = require(join(__dirname, 'extension.cjs')) as Extension;
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
