// SIGINT and SIGTERM for `scs run` and `scs server start`. The first signal aborts the work
// (`signal` below: runs close their connections) and lets the command clean up and report; the
// command then exits with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM). A second
// signal, or a cleanup that takes too long, kills every Prosody this process started, removes
// their folders and exits at once.

import { killOwnedServersNow } from '../core/prosody/index.js';

const exitCodes = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof exitCodes;

/** How long cleanup after the first signal may take before the exit is forced. */
const CLEANUP_LIMIT_MS = 15_000;

export class Interruption {
  private readonly controller = new AbortController();
  private received: HandledSignal | undefined;
  private readonly listeners: Array<[HandledSignal, () => void]> = [];

  /** Listens for SIGINT and SIGTERM until `dispose()`. */
  constructor() {
    for (const name of Object.keys(exitCodes) as HandledSignal[]) {
      const listener = () => this.onSignal(name);
      process.on(name, listener);
      this.listeners.push([name, listener]);
    }
  }

  /** Aborted at the first signal. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first signal received, if any. */
  get by(): HandledSignal | undefined {
    return this.received;
  }

  /** 130 after SIGINT, 143 after SIGTERM; undefined when no signal came. */
  get exitCode(): number | undefined {
    return this.received && exitCodes[this.received];
  }

  dispose(): void {
    for (const [name, listener] of this.listeners) process.off(name, listener);
  }

  private onSignal(name: HandledSignal): void {
    if (this.received) {
      forceExit(`second signal (${name}): killing local servers and exiting now.`, exitCodes[this.received]);
      return;
    }
    this.received = name;
    process.stderr.write(`\n${name}: stopping (${name === 'SIGINT' ? 'Ctrl+C again' : 'a second signal'} forces the exit)...\n`);
    const limit = setTimeout(() => forceExit(`cleanup took more than ${CLEANUP_LIMIT_MS / 1000} s: exiting now.`, exitCodes[name]), CLEANUP_LIMIT_MS);
    limit.unref();
    this.controller.abort(new Error(`interrupted by ${name}`));
  }
}

function forceExit(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  killOwnedServersNow();
  process.exit(code);
}
