// The language server's processes (dist/server.js, spoken to over Node IPC). The first one is
// forked as soon as VS Code loads the extension, before the language client is even read (main.ts),
// so that the server starts while the extension host loads the client; the language client takes
// it, and has new ones forked after a restart or a crash, through its ServerOptions function
// (languageClient.ts). This module imports nothing but Node's: it is part of the small bundle VS
// Code loads first (dist/client.cjs).

import { fork, type ChildProcess } from 'node:child_process';

/** How long a replaced or left-behind server may take to exit by itself (it is asked to, by the
 *  LSP `exit` notification) before it is killed: what vscode-languageclient allows the servers it
 *  starts itself. */
const defaultExitGraceMs = 2_000;

/** Whether the extension host runs under a debugger (as vscode-languageclient decides it for the
 *  servers it starts itself): the server then waits for one too, on port 6019. */
function hostIsDebugged(): boolean {
  return process.execArgv.some((arg) => /^--(debug|debug-brk|inspect|inspect-brk)(=|$)/.test(arg));
}

/**
 * The Node options the language server runs with, declared once: the benchmarks
 * (bench/languageServer.bench.ts, bench/hugeDocument.bench.ts) and the tests start it so too.
 *
 * What an editing session keeps resident beyond the live heap is V8's slack, sized by these
 * options (issue 12, item 2). Every edit makes a new version of the document's text, one string
 * (600 KB for 20,000 lines): a large object, allocated in the young generation. When the young
 * generation is collected, the version alive then (the document's current one) moves to the old
 * generation, where it stays, as garbage after the next edit, until a full collection.
 */
export const serverNodeOptions: readonly string[] = [
  // The server collects its garbage when a large document closes (server/src/memory.ts).
  '--expose-gc',
  // Semi-spaces of at most 4 MB (V8 grows them to 16 MB when many objects survive, as each
  // parse result does until the next edit): the young generation then holds 8 MB and at most
  // 4 MB of large strings, instead of 32 MB and up to 16 MB.
  '--max-semi-space-size=4',
  // After a full collection, the old generation may grow to twice what survived it before the
  // next one (V8 allows up to 4 times when it collects fast): old versions of the text wait less.
  // No ceiling is set (no --max-old-space-size): a huge document gets the memory it needs.
  '--heap-growing-percent=100',
];

/** The Node options of the server process: serverNodeOptions, and when debugging, an inspector. */
export function serverExecArgv(debug = hostIsDebugged()): string[] {
  return debug ? ['--nolazy', '--inspect=6019', ...serverNodeOptions] : [...serverNodeOptions];
}

/**
 * The environment of the server process (`env`: the extension host's): told to run as plain Node
 * (VS Code's extension host is Electron, whose binary runs as Node only when told so), and without
 * NODE_EXTRA_CA_CERTS. Node 20 reads and parses the certificates that variable names as it starts,
 * before any code runs: 70-90 ms of CPU for Debian's 220 KB bundle on the 2-core test machine,
 * more than the rest of node's start (bench/serverStart.bench.ts). The language server needs no
 * certificate: it opens no connection, and speaks to the extension over IPC only. Runs, which do
 * connect, keep it: they run in the extension host, whose environment is left alone.
 */
export function serverEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const server: NodeJS.ProcessEnv = { ...env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' };
  delete server.NODE_EXTRA_CA_CERTS;
  return server;
}

export class ServerProcesses {
  private ahead: ChildProcess | undefined;
  private current: ChildProcess | undefined;

  /** `module`: the absolute path of dist/server.js. */
  constructor(
    private readonly module: string,
    private readonly exitGraceMs = defaultExitGraceMs,
  ) {}

  /** Forks a server now, for the language client to take when it starts, and returns it. When the
   *  fork fails (the system is out of processes), returns undefined: take() forks again, and the
   *  language client reports the error. */
  startAhead(): ChildProcess | undefined {
    try {
      this.ahead = this.fork();
    } catch {
      this.ahead = undefined;
    }
    return this.ahead;
  }

  /** The process for the language client to connect to: the one started ahead if it is still
   *  running, else a new one. Throws when Node cannot fork. The previous process, if it is still
   *  running after the grace period, is killed. */
  take(): ChildProcess {
    const ahead = this.ahead && running(this.ahead) ? this.ahead : undefined;
    this.ahead = undefined;
    const taken = ahead ?? this.fork();
    if (this.current) retire(this.current, this.exitGraceMs);
    this.current = taken;
    return taken;
  }

  /** After the language client stopped: kills whatever did not exit by itself. */
  dispose(): void {
    for (const child of [this.ahead, this.current]) if (child) retire(child, this.exitGraceMs);
    this.ahead = this.current = undefined;
  }

  /** The arguments vscode-languageserver reads: the IPC transport, and the extension host's pid
   *  (the server exits when that process is gone). */
  private fork(): ChildProcess {
    return fork(this.module, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      execArgv: serverExecArgv(),
      env: serverEnvironment(),
      // stdout and stderr are piped to the output channel (languageClient.ts), not inherited.
      silent: true,
    });
  }
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Kills `child` unless it exits within `graceMs`. */
function retire(child: ChildProcess, graceMs: number): void {
  if (!running(child)) return;
  const timer = setTimeout(() => {
    if (running(child)) child.kill('SIGKILL');
  }, graceMs);
  timer.unref();
  child.once('exit', () => clearTimeout(timer));
}
