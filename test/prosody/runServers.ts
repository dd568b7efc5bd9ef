// The Prosody servers a `scs run --local-server` started, seen from outside: found in the temp
// folder it was given (TMPDIR), and whether their processes still run.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Started {
  pid: number;
  port: number;
  dir: string;
}

/** Whether `pid` runs: a killed process not yet reaped by its new parent (a zombie) does not. */
export function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
}

/** The servers the run started, read from the folders in its own temp folder. */
export function startedServers(temp: string): Started[] {
  return serverFolders(temp).flatMap(({ dir, port }) => {
    try {
      return [{ pid: Number(readFileSync(join(dir, 'prosody.pid'), 'utf8')), port, dir }];
    } catch {
      return [];
    }
  });
}

/** The server folders in the run's temp folder with the client port each configures: known from
 *  before Prosody starts (its pid file comes later) until the folder is removed. */
export function serverFolders(temp: string): Array<{ dir: string; port: number }> {
  return readdirSync(temp)
    .filter((name) => name.startsWith('scs-prosody-'))
    .flatMap((name) => {
      const dir = join(temp, name);
      try {
        return [{ dir, port: Number(/c2s_ports = \{ (\d+) \}/.exec(readFileSync(join(dir, 'prosody.cfg.lua'), 'utf8'))![1]) }];
      } catch {
        return [];
      }
    });
}

/** The pids of running processes whose command line names something in `folder`. */
export function processesNaming(folder: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(folder) && pidRuns(Number(pid));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The environment of a CLI whose temp folder is `temp` and that makes no code cache there
 *  (core/codeCache.ts): the folder then holds only what its Prosody servers leave. */
export function tempFolderEnv(temp: string): NodeJS.ProcessEnv {
  return { ...process.env, TMPDIR: temp, SCANSION_CODE_CACHE_DIR: '' };
}
