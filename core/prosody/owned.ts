// What this process started: its local Prosody servers, each with a throwaway folder. Nothing
// here runs by itself (no exit hook on import): whoever owns the process decides when to clean
// up (the CLI on SIGINT/SIGTERM and on exit, the extension when it deactivates).
//
// Each folder is named `scs-prosody-<owner pid>-XXXXXX` in the temp folder, so a later start can
// tell the folders of a process that no longer exists (it crashed, or was killed with SIGKILL)
// and remove them, stopping a Prosody still running in one. The recorder's certificate folders
// (`scs-record-<owner pid>-XXXXXX`, core/recorder/session.ts) follow the same rule.

import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processRuns } from './detached.js';

/** A server this process started and must stop. */
export interface OwnedServer {
  /** Graceful: SIGTERM, SIGKILL after a grace period, then the folder is removed. */
  stop(): Promise<void>;
  /** At once and synchronously, for a process about to exit: SIGKILL, then the folder is removed. */
  killNow(): void;
}

const owned = new Set<OwnedServer>();

export function own(server: OwnedServer): void {
  owned.add(server);
}

export function disown(server: OwnedServer): void {
  owned.delete(server);
}

/** How many servers this process runs now. */
export function ownedServerCount(): number {
  return owned.size;
}

/** Stops every server this process started (each removes its folder); resolves when all are gone. */
export async function stopOwnedServers(): Promise<void> {
  await Promise.all([...owned].map((server) => server.stop()));
}

/** Kills every server this process started and removes their folders, synchronously: for
 *  `process.on('exit')` and a second Ctrl+C, when there is no time to wait. */
export function killOwnedServersNow(): void {
  for (const server of [...owned]) {
    server.killNow();
    owned.delete(server);
  }
}

/** What a throwaway folder holds: a local Prosody, or a recording's certificate authority. */
export type OwnedFolderKind = 'prosody' | 'record';
const OWNED_FOLDER = /^scs-(?:prosody|record)-(\d+)-/;
/** A file in the folder naming another owner than the one in the folder's name (a detached
 *  server is its own owner: the `scs server start --detach` that started it has exited). */
const OWNER_FILE = 'owner.pid';

/** The prefix for `mkdtemp` of a folder owned by this process: `<temp>/scs-<kind>-<pid>-`. */
export function ownedFolderPrefix(kind: OwnedFolderKind): string {
  return join(tmpdir(), `scs-${kind}-${process.pid}-`);
}

/** Records that the server in `dir` outlives this process: its owner is now `pid`. */
export function handOver(dir: string, pid: number): void {
  writeFileSync(join(dir, OWNER_FILE), `${pid}\n`);
}

/** Removes the folders (Prosody's and the recorder's) of owners that no longer run, stopping any
 *  Prosody still running in one (SIGKILL: nobody will use it). Returns the folders removed. Folders of live owners, and
 *  anything not named like ours, are left alone. */
export function removeLeftovers(parent = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = OWNED_FOLDER.exec(name);
    if (!match) continue;
    const dir = join(parent, name);
    const owner = Number(readIfExists(join(dir, OWNER_FILE)) || match[1]);
    if (owner === process.pid || pidExists(owner)) continue;
    const prosody = Number(readIfExists(join(dir, 'prosody.pid')));
    if (prosody > 0 && processRuns(prosody, dir)) {
      try {
        process.kill(prosody, 'SIGKILL');
      } catch {
        // it ended meanwhile
      }
    }
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
