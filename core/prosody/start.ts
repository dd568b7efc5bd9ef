// Starts Debian's `prosody` in the foreground on free loopback ports with a throwaway data
// directory, and stops it cleanly.

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { formatAddress } from '../address.js';
import { adaptedConfig, firstVirtualHost, type LogLevel } from './config.js';
import { disown, handOver, own, ownedFolderPrefix, removeLeftovers, type OwnedServer } from './owned.js';
import { freePort, waitUntilServing } from './ports.js';
import { terminate } from './terminate.js';

export interface StartProsodyOptions {
  /** A prosody.cfg.lua to adapt (default: the project's scenarios/prosody.cfg.lua). */
  configTemplate?: string;
  /** The prosody executable (default: $SCS_PROSODY, else `prosody` on PATH). */
  binary?: string;
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** How long to wait for the server to answer on its client port (default 10 s). */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL, in milliseconds (default 3 s). 0: SIGKILL
   *  alone, for a server nobody is connected to any more whose folder goes with it (`scs run`'s):
   *  a graceful stop takes Prosody 5-15 ms on a quiet machine, over 100 ms on a loaded one, and about
   *  a second when a client dropped its socket without closing its stream (Prosody waits for
   *  sessions to close). */
  stopGraceMs?: number;
  /** Prosody's log level (default "info"). */
  logLevel?: LogLevel;
  /** Run in its own process group and let this process exit while it runs (`scs server start --detach`).
   *  A detached server is not among this process's owned servers (owned.ts). */
  detached?: boolean;
}

export interface LocalProsody {
  host: string;
  /** The client-to-server port. */
  port: number;
  httpPort: number;
  /** The template's first VirtualHost, when it has one. */
  domain?: string;
  /** The configuration this server adapts (absolute path). */
  template: string;
  pid: number;
  /** The throwaway directory: generated config, data, pidfile, logs. Removed by `stop()`. */
  dir: string;
  configFile: string;
  /** Prosody's log file (in `dir`, so removed by `stop()` too). */
  logFile: string;
  /** Prosody's log file and console output so far. */
  logs(): string;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<void>;
  /** SIGTERM, SIGKILL after the grace period (SIGKILL alone when `stopGraceMs` is 0), then removes
   *  the directory. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL and removal of the directory, synchronously (for a process about to exit). */
  killNow(): void;
}

const INSTALL_HINT = 'Install it with "apt-get install prosody" (Debian/Ubuntu) or run "npm run setup".';
const PORT_ATTEMPTS = 3;

/** The project's own configuration, found from this module's location (source or bundle). */
export function defaultConfigTemplate(): string {
  const found = findUpwards(join('scenarios', 'prosody.cfg.lua'));
  if (!found) throw new Error('cannot find scenarios/prosody.cfg.lua; pass a configuration explicitly');
  return found;
}

/**
 * Starts Debian's Prosody on two free loopback ports (client and HTTP) with the configuration
 * `options.configTemplate` (default scenarios/prosody.cfg.lua) included unchanged and only the
 * loopback address, ports, data directory, pid and log files set after it (core/prosody/config.ts),
 * in a throwaway directory. Resolves once the server answers an XMPP stream header on its client
 * port (not when the port first accepts: ports.ts waitUntilServing), with
 * where it listens and how to stop it; until it is stopped it counts among this process's owned
 * servers (owned.ts: whoever owns the process stops them), unless `detached`. Folders left by processes that no longer run are removed first. A port taken
 * between the check and Prosody's bind is retried with other ports, three times in all.
 * Rejects with an Error when the configuration is missing, Prosody is not installed (with how to
 * install it), it cannot open its ports, or it exits or does not answer within
 * `startTimeoutMs` (default 10 s), the message ending with its last log lines; nothing is left
 * running or on disk then. README "Quick start" (`--local-server`) and "Where runs go".
 */
export async function startProsody(options: StartProsodyOptions = {}): Promise<LocalProsody> {
  removeLeftovers();
  const binary = findBinary(options.binary ?? (process.env.SCS_PROSODY || 'prosody'));
  const template = resolve(options.configTemplate ?? defaultConfigTemplate());
  if (!existsSync(template)) throw new Error(`Prosody configuration not found: ${template}`);
  const domain = firstVirtualHost(readFileSync(template, 'utf8'));
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    try {
      return await startOnce(binary, template, domain, options);
    } catch (error) {
      if (!(error instanceof PortTakenError)) throw error;
      lastError = error; // another process took a port between our check and Prosody's bind
    }
  }
  throw lastError ?? new Error(`Prosody did not start in ${PORT_ATTEMPTS} attempts`);
}

class PortTakenError extends Error {}

async function startOnce(binary: string, template: string, domain: string | undefined, options: StartProsodyOptions): Promise<LocalProsody> {
  const host = options.host ?? '127.0.0.1';
  const dir = mkdtempSync(ownedFolderPrefix('prosody'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const logFile = join(dir, 'prosody.log');
  const consoleFile = join(dir, 'console.log');
  const configFile = join(dir, 'prosody.cfg.lua');
  const port = await unreservedPort(host);
  const httpPort = await unreservedPort(host);
  writeFileSync(
    configFile,
    adaptedConfig({ template, host, c2sPort: port, httpPort, dataDir, pidFile: join(dir, 'prosody.pid'), logFile, logLevel: options.logLevel ?? 'info' }),
  );

  const output = openSync(consoleFile, 'a');
  let child: ChildProcess;
  try {
    // This process's environment as it is: a configuration may read any variable as ENV_NAME, as
    // Prosody's own spec configuration reads ENV_PROSODY_NETWORK_SETTINGS and
    // ENV_PROSODY_NETWORK_BACKEND (corpus/prosody-0.12/prosody.cfg.lua). Nothing needs taking out:
    // what running here needs is set after the template's Include (config.ts) and wins over what
    // the template read, and --config wins over PROSODY_CONFIG (Prosody's util/startup.lua).
    child = spawn(binary, ['--config', configFile, '-F'], {
      cwd: dir,
      stdio: ['ignore', output, output],
      detached: options.detached ?? false,
    });
  } finally {
    closeSync(output);
  }
  const logs = () => [readIfExists(consoleFile), readIfExists(logFile)].filter(Boolean).join('\n');
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.once('error', (error) => {
      spawnError = error;
      resolveExit();
    });
  });
  const hasExited = () => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;

  let stopping: Promise<void> | undefined;
  const release = () => {
    disown(owned);
    reserved.delete(port);
    reserved.delete(httpPort);
    rmSync(dir, { recursive: true, force: true });
  };
  const owned: OwnedServer = {
    stop: () => (stopping ??= stopChild(child, exited, hasExited, options.stopGraceMs ?? 3000).finally(release)),
    killNow: () => {
      if (!hasExited()) child.kill('SIGKILL');
      release();
    },
  };
  if (options.detached) {
    if (child.pid !== undefined) handOver(dir, child.pid);
  } else {
    own(owned);
  }

  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  const portTaken = () => /Failed to open server port/.test(readIfExists(logFile));
  const listening = await waitUntilServing(host, port, domain ?? 'localhost', deadline, () => hasExited() || portTaken());
  if (!listening) {
    const tail = lastLines(logs(), 30);
    const taken = portTaken();
    await owned.stop();
    if (spawnError) throw new Error(`could not run ${binary}: ${spawnError.message}. ${INSTALL_HINT}`);
    if (taken) throw new PortTakenError(`Prosody could not open its ports:\n${tail}`);
    const why = hasExited()
      ? `exited with ${child.exitCode ?? child.signalCode}`
      : `did not answer on ${formatAddress({ host, port })} within ${options.startTimeoutMs ?? 10_000} ms`;
    throw new Error(`Prosody ${why} (configuration ${template}).${tail ? `\nLast log lines:\n${tail}` : ' It printed nothing.'}`);
  }
  if (options.detached) child.unref();
  return { host, port, httpPort, domain, template, pid: child.pid!, dir, configFile, logFile, logs, exited, stop: owned.stop, killNow: owned.killNow };
}

async function stopChild(child: ChildProcess, exited: Promise<void>, hasExited: () => boolean, graceMs: number): Promise<void> {
  if (hasExited()) return;
  if (graceMs <= 0) {
    // No SIGTERM first: Prosody would start its graceful shutdown before the SIGKILL comes.
    child.kill('SIGKILL');
    return exited;
  }
  await terminate(
    (signal) => {
      if (!hasExited()) child.kill(signal);
    },
    exited,
    graceMs,
  );
}

/** Ports given to this process's servers: servers started at once (`--jobs N`) must not be
 *  handed the same free port, or one would answer on the other's behalf. */
const reserved = new Set<number>();

async function unreservedPort(host: string): Promise<number> {
  for (;;) {
    const port = await freePort(host);
    if (!reserved.has(port)) {
      reserved.add(port);
      return port;
    }
  }
}

/** The executable's path, or a clear error saying how to install Prosody. */
function findBinary(binary: string): string {
  const candidates = binary.includes('/')
    ? [resolve(binary)]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, binary));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  const where = binary.includes('/') ? `${resolve(binary)} does not exist or is not executable` : `no "${binary}" on PATH`;
  throw new Error(`Prosody is not installed (${where}). ${INSTALL_HINT}`);
}

function findUpwards(relative: string): string | undefined {
  // __dirname exists in the CommonJS bundles (dist/); sources run as ES modules from the repository.
  const script = process.argv[1];
  const starts = [typeof __dirname === 'string' ? __dirname : undefined, script ? resolve(script, '..') : undefined, process.cwd()];
  for (const start of starts) {
    if (!start) continue;
    let dir = isAbsolute(start) ? start : resolve(start);
    for (;;) {
      const candidate = join(dir, relative);
      if (existsSync(candidate)) return candidate;
      const parent = resolve(dir, '..');
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
