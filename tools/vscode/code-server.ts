// Starts and stops a real VS Code (code-server 4.100.3, installed by scripts/setup-e2e.sh) for the
// end-to-end test and `npm start`. See ../shared/notes/real-vscode.md for why code-server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { terminate } from '../../core/prosody/terminate.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const codeServerEntry = join(repoRoot, '.cache/code-server/node_modules/code-server/out/node/entry.js');
export const chromiumPath = '/usr/bin/chromium';

/** Throws a message that tells the user what to run when code-server or Chromium is missing. */
export function assertRealVsCodeInstalled(): void {
  const missing = [
    existsSync(codeServerEntry) ? undefined : `code-server (expected at ${codeServerEntry})`,
    existsSync(chromiumPath) ? undefined : `Chromium (expected at ${chromiumPath})`,
  ].filter((item): item is string => item !== undefined);
  if (missing.length > 0) {
    throw new Error(`Missing for the real-VS-Code run: ${missing.join(', ')}. Run \`npm run setup\` first.`);
  }
}

/** A user-data folder and an extensions folder: one VS Code profile. */
export interface Profile {
  userDataDir: string;
  extensionsDir: string;
}

/** Makes a fresh profile under `root` with the given user settings. */
export function createProfile(root: string, settings: Record<string, unknown>): Profile {
  const profile = { userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions') };
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  writeUserSettings(profile, settings);
  return profile;
}

export function writeUserSettings(profile: Profile, settings: Record<string, unknown>): void {
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
  };
  const file = join(profile.userDataDir, 'User', 'settings.json');
  writeFileSync(file, JSON.stringify({ ...quiet, ...settings }, null, 2));
}

export function installExtension(profile: Profile, vsix: string): void {
  const result = spawnSync(process.execPath, [codeServerEntry, ...profileArgs(profile), '--install-extension', vsix, '--force'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`code-server could not install ${vsix}:\n${result.stdout}\n${result.stderr}`);
  }
}

export interface CodeServer {
  /** Base address, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Address that opens `folder` in the workbench. */
  folderUrl: string;
  /** Everything code-server printed so far (for failure messages). */
  output(): string;
  /** Settles when code-server's main process has exited, whoever stopped it. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  host?: string;
  /** 0 (the default) takes any free port. */
  port?: number;
  /** VS Code's log level; 'trace' also makes output channels log at trace level. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** Starts code-server (on a free loopback port unless told) and resolves once it answers HTTP. */
export async function startCodeServer(
  profile: Profile,
  folder: string,
  { host = '127.0.0.1', port = 0, logLevel }: CodeServerOptions = {},
): Promise<CodeServer> {
  assertRealVsCodeInstalled();
  const child = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--bind-addr',
      `${host}:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...profileArgs(profile),
      ...(logLevel ? ['--log', logLevel] : []),
      folder,
    ],
    // Its own process group, so that stop() also ends the extension host and file watcher it forks.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  trackGroup(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => stopGroup(child);
  try {
    const url = await waitForListening(child, () => output);
    await waitForHttp(url);
    return { url, folderUrl: `${url}/?folder=${encodeURIComponent(folder)}`, output: () => output, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The profile's folders, and a code-server config file of its own (else it writes one in ~/.config). */
function profileArgs(profile: Profile): string[] {
  return ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--config', join(profile.userDataDir, 'code-server.yaml')];
}

function waitForListening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => fail(new Error('code-server did not start within 30 s')), 30_000);
    const check = () => {
      const match = /HTTP server listening on (http:\/\/[^/\s]+)/.exec(output());
      if (match) {
        cleanup();
        resolvePromise(match[1]);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`code-server exited with ${code}`));
    const fail = (error: Error) => {
      cleanup();
      reject(new Error(`${error.message}\n${output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

async function waitForHttp(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`code-server at ${url} does not answer: ${String(error)}`, { cause: error });
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

// Process groups started here; killed when this process exits (see also killAllCodeServers). The
// exit listener is added when the first one starts, not when this module is imported.
const liveGroups = new Set<number>();
let exitListenerAdded = false;

/** Kills every code-server this process started, at once. For signal handlers: a process ended
 *  by a signal runs no 'exit' listeners, and code-server, in its own process group, does not get
 *  the terminal's Ctrl+C. */
export function killAllCodeServers(): void {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
}

function trackGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const pgid = child.pid;
  liveGroups.add(pgid);
  if (!exitListenerAdded) {
    process.once('exit', killAllCodeServers);
    exitListenerAdded = true;
  }
  child.once('exit', () => {
    // The leader is gone; its forks may still be running in the group.
    killGroup(pgid, 'SIGKILL');
    liveGroups.delete(pgid);
  });
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const pgid = child.pid;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await terminate((signal) => killGroup(pgid, signal), exited, 5_000);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}
