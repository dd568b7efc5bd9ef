// `scs server start|stop|status`: a throwaway local Prosody for trying scenarios by hand.
// `start` runs in the foreground until Ctrl-C (or `scs server stop` from another terminal);
// `start --detach` leaves it running in the background. Either way a state file records it, so
// `stop` and `status` find it. `start` prints HOST:PORT alone on stdout, for scripts. `start PATHS`
// adapts the prosody.cfg.lua beside those scenarios, by the rule `scs run --local-server` follows.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { terminalSafe } from '../core/safeText.js';
import { expandPaths } from '../core/check.js';
import { formatAddress } from '../core/address.js';
import { shellWord } from '../core/shellWord.js';
import {
  defaultConfigTemplate,
  describeServerConfig,
  processRuns,
  serverConfigFor,
  startProsody,
  stopProcess,
  type LocalProsody,
  type LogLevel,
  type ServerConfigChoice,
} from '../core/prosody/index.js';
import { Interruption } from './interrupt.js';

interface ServerState {
  host: string;
  port: number;
  httpPort: number;
  domain?: string;
  /** Prosody's own pid and its throwaway directory (its command line names a file in it). */
  pid: number;
  dir: string;
  configTemplate: string;
  /** The `scs server start` process holding a foreground server, which `stop` asks to finish. */
  ownerPid?: number;
  /** Set by `scs server stop` before it signals the owner: the owner then exits 0, not 143. */
  stopRequested?: boolean;
}

interface StartOptions {
  config?: string;
  detach?: boolean;
  state?: string;
  logLevel: string;
}

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

function defaultStateFile(): string {
  return join(process.env.XDG_RUNTIME_DIR || tmpdir(), `scs-server-${process.getuid?.() ?? 'user'}.json`);
}

export function registerServerCommand(program: Command): void {
  const server = program.command('server').description("start, stop or check a throwaway local Prosody (Debian's prosody package)");
  const stateOption = ['--state <file>', 'where the running server is recorded (default: a file in $XDG_RUNTIME_DIR or the temp folder)'] as const;

  server
    .command('start')
    .description('start Prosody on a free loopback port and print HOST:PORT')
    .argument('[paths...]', 'the scenarios (files or folders) it is for: it adapts the prosody.cfg.lua beside them, as scs run --local-server does')
    .option('--config <file>', 'the prosody.cfg.lua to adapt (default: the one beside the scenarios given, else scenarios/prosody.cfg.lua)')
    .option('--detach', 'keep it running in the background and return at once')
    .option('--log-level <level>', `Prosody's log level: ${LOG_LEVELS.join(', ')}`, 'info')
    .option(...stateOption)
    .action(async (paths: string[], options: StartOptions) => {
      process.exitCode = await start(paths, options, (message) => program.error(`error: ${message}`, { exitCode: 2 }));
    });

  server
    .command('stop')
    .description('stop the server `scs server start` started')
    .option(...stateOption)
    .action(async (options: { state?: string }) => {
      process.exitCode = await stop(stateFile(options.state));
    });

  server
    .command('status')
    .description('say whether the local server runs, and where (exit 0 if it runs, 1 if not)')
    .option(...stateOption)
    .action((options: { state?: string }) => {
      process.exitCode = status(stateFile(options.state));
    });
}

function stateFile(option: string | undefined): string {
  return resolve(option ?? defaultStateFile());
}

/** The configuration `scs server start PATHS` adapts, by core/serverConfig.ts's rule as `scs run
 *  --local-server PATHS` picks it: --config, else the one beside the .scs files in `paths`, else the
 *  project's. Calls `usage` (which throws) for a path that does not exist, paths without .scs files,
 *  or files beside different configurations. */
async function chooseConfig(paths: string[], given: string | undefined, usage: (message: string) => never): Promise<ServerConfigChoice> {
  if (given || paths.length === 0) return serverConfigFor([], given, defaultConfigTemplate);
  const { files, missing } = await expandPaths(paths);
  if (missing.length > 0) usage(`no such file or folder: ${missing.join(', ')}`);
  if (files.length === 0) usage(`no .scs files in ${paths.join(', ')}`);
  try {
    return serverConfigFor(files, undefined, defaultConfigTemplate);
  } catch (error) {
    return usage(`${(error as Error).message}; start a server for each folder, or choose one with --config`);
  }
}

async function start(paths: string[], options: StartOptions, usage: (message: string) => never): Promise<number> {
  if (!LOG_LEVELS.includes(options.logLevel as LogLevel)) usage(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const config = await chooseConfig(paths, options.config, usage);
  const file = stateFile(options.state);
  const running = liveState(file);
  const stopCommand = `scs server stop${options.state === undefined ? '' : ` --state ${shellWord(options.state)}`}`;
  if (running) usage(`a local server already runs on ${running.host}:${running.port} (pid ${running.pid}); stop it with "${stopCommand}"`);

  // Ctrl-C reaches Prosody too (same process group): the interruption is noted before
  // Prosody's exit is seen.
  const interruption = new Interruption();
  try {
    let server: LocalProsody;
    try {
      server = await startProsody({
        configTemplate: config.file,
        logLevel: options.logLevel as LogLevel,
        detached: options.detach ?? false,
      });
    } catch (error) {
      if (interruption.exitCode !== undefined) return interruption.exitCode;
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    if (interruption.exitCode !== undefined) {
      await server.stop();
      return interruption.exitCode;
    }
    const state: ServerState = {
      host: server.host,
      port: server.port,
      httpPort: server.httpPort,
      domain: server.domain,
      pid: server.pid,
      dir: server.dir,
      configTemplate: server.template,
      ownerPid: options.detach ? undefined : process.pid,
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);

    console.log(`${server.host}:${server.port}`);
    const domain = server.domain ? ` for ${server.domain}` : '';
    console.error(`Prosody${domain} is running on ${server.host}:${server.port} (pid ${server.pid}, logs in ${server.dir}).`);
    console.error(`local server configuration: ${describeServerConfig(config)}`);
    console.error(`Run scenarios with: scs run --server ${shellWord(formatAddress(server))} <files or folders>`);
    if (options.detach) {
      console.error(`Stop it with: ${stopCommand}`);
      return 0;
    }
    console.error(`Stop it with Ctrl-C or "${stopCommand}".`);
    return await foreground(server, file, interruption);
  } finally {
    interruption.dispose();
  }
}

/** Waits until asked to stop (SIGINT, SIGTERM) or until the server exits by itself. Exits 0 when
 *  `scs server stop` asked, 130/143 on another signal, 1 when Prosody stopped by itself. */
async function foreground(server: LocalProsody, file: string, interruption: Interruption): Promise<number> {
  const signalled = new Promise<void>((resolveSignal) => interruption.signal.addEventListener('abort', () => resolveSignal(), { once: true }));
  await Promise.race([signalled, server.exited]);
  // Prosody may see a Ctrl-C first; give our own handler a moment to see it as well.
  if (!interruption.signal.aborted) await Promise.race([signalled, sleep(200)]);
  const byItself = !interruption.signal.aborted;
  const logTail = byItself ? server.logs().trimEnd().split('\n').slice(-20).join('\n') : '';
  const askedByStop = readState(file)?.stopRequested === true;
  await server.stop();
  rmSync(file, { force: true });
  if (byItself) {
    console.error(`Prosody stopped by itself. Last log lines:\n${terminalSafe(logTail, true)}`);
    return 1;
  }
  console.error('Prosody stopped.');
  return askedByStop ? 0 : interruption.exitCode!;
}

async function stop(file: string): Promise<number> {
  const state = readState(file);
  if (!state) {
    console.error(`no local server recorded in ${file}`);
    return 1;
  }
  const died = !processRuns(state.pid, state.dir);
  if (state.ownerPid !== undefined && processRuns(state.ownerPid, 'server')) {
    // A foreground `scs server start`: let it stop its server and remove the state file.
    writeFileSync(file, `${JSON.stringify({ ...state, stopRequested: true }, null, 2)}\n`);
    await stopProcess(state.ownerPid, 'server', undefined, 8000);
  }
  await stopProcess(state.pid, state.dir, state.dir);
  rmSync(file, { force: true });
  console.error(
    died
      ? `Prosody on ${state.host}:${state.port} (pid ${state.pid}) had already stopped; its folder is removed.`
      : `Prosody on ${state.host}:${state.port} stopped.`,
  );
  return 0;
}

function status(file: string): number {
  const recorded = readState(file);
  const state = liveState(file);
  if (!state) {
    console.log(
      recorded ? `not running: the server on ${recorded.host}:${recorded.port} (pid ${recorded.pid}) had stopped; its folder is removed` : 'not running',
    );
    return 1;
  }
  console.log(`running on ${state.host}:${state.port} (pid ${state.pid}, configuration ${state.configTemplate})`);
  return 0;
}

/** The recorded server if it still runs. A server that died by itself leaves no trace: its
 *  record and its folder are removed (unless a foreground owner still runs, which does that). */
function liveState(file: string): ServerState | undefined {
  const state = readState(file);
  if (!state) return undefined;
  if (processRuns(state.pid, state.dir)) return state;
  if (state.ownerPid === undefined || !processRuns(state.ownerPid, 'server')) rmSync(state.dir, { recursive: true, force: true });
  rmSync(file, { force: true });
  return undefined;
}

function readState(file: string): ServerState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(text) as Partial<ServerState>;
    if (typeof state.pid === 'number' && typeof state.dir === 'string' && typeof state.port === 'number' && typeof state.host === 'string') {
      return state as ServerState;
    }
  } catch {
    // not ours or damaged: treated as no record
  }
  return undefined;
}
