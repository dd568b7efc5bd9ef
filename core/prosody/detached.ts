// Stopping a server started by another process (`scs server start --detach`, then `scs server stop`).

import { readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { terminate } from './terminate.js';

/** Whether `pid` is alive and, where /proc tells, its command line mentions `marker`
 *  (so a recycled pid of some other program is never signalled). */
export function processRuns(pid: number, marker: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return true; // no /proc here: trust the signal check
  }
}

/** SIGTERM, then SIGKILL after `graceMs` (terminate.ts); removes `dir` (the server's throwaway directory). */
export async function stopProcess(pid: number, marker: string, dir: string | undefined, graceMs = 3000): Promise<void> {
  if (processRuns(pid, marker)) {
    const kill = (signal: NodeJS.Signals) => {
      if (processRuns(pid, marker)) process.kill(pid, signal);
    };
    await terminate(kill, gone(pid, marker), graceMs);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Resolves once `pid` no longer runs (checked every 25 ms: another process's child sends us no exit event). */
async function gone(pid: number, marker: string): Promise<void> {
  while (processRuns(pid, marker)) await sleep(25);
}
