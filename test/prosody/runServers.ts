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
  return readdirSync(temp)
    .filter((name) => name.startsWith('scs-prosody-'))
    .flatMap((name) => {
      const dir = join(temp, name);
      try {
        const pid = Number(readFileSync(join(dir, 'prosody.pid'), 'utf8'));
        const port = Number(/c2s_ports = \{ (\d+) \}/.exec(readFileSync(join(dir, 'prosody.cfg.lua'), 'utf8'))![1]);
        return [{ pid, port, dir }];
      } catch {
        return [];
      }
    });
}
