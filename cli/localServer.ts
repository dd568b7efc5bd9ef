// Throwaway local Prosody servers for `scs run --local-server` (one per job) and `scs record
// --local-server`.

import { startProsody, type LocalProsody } from '../core/prosody/index.js';

/** Starts `count` servers at once from the configuration given (default: the project's own), each
 *  promise settling on its own, so that a job can start on the first server ready. Whoever calls
 *  this stops them all with stopServers(), even those still starting. `stopGraceMs` as
 *  StartProsodyOptions' (default 3 s; 0 kills at once). */
export function startLocalServerEach(count: number, configTemplate?: string, stopGraceMs?: number): Array<Promise<LocalProsody>> {
  return Array.from({ length: count }, () => startLocalServer(configTemplate, stopGraceMs));
}

/** Starts one server as startLocalServerEach does; whoever calls this stops it with stopServers(). */
export function startLocalServer(configTemplate?: string, stopGraceMs?: number): Promise<LocalProsody> {
  const starting = startProsody({ configTemplate, logLevel: 'warn', stopGraceMs });
  // Its failure is seen when a job awaits it, maybe only after the files are read: until then it
  // must not count as an unhandled rejection, which would end the process.
  starting.catch(() => {});
  return starting;
}

/** Starts `count` servers from the configuration given (default: the project's own); if one
 *  cannot start, those already started are stopped and its error is thrown. */
export async function startLocalServers(count: number, configTemplate?: string): Promise<LocalProsody[]> {
  const starting = startLocalServerEach(count, configTemplate);
  const started = await Promise.allSettled(starting);
  const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    await stopServers(starting);
    throw failure.reason;
  }
  return started.map((outcome) => (outcome as PromiseFulfilledResult<LocalProsody>).value);
}

/** Waits for servers still starting and stops every one that started (a server that could not
 *  start has left nothing behind: core/prosody/start.ts). Safe to call twice. */
export async function stopServers(servers: Array<Promise<LocalProsody>>): Promise<void> {
  await Promise.all(
    servers.map((server) =>
      server.then(
        (started) => started.stop(),
        () => undefined,
      ),
    ),
  );
}

/** How many of `servers` did start (each stopped by now, or about to be). */
export async function startedCount(servers: Array<Promise<LocalProsody>>): Promise<number> {
  const outcomes = await Promise.allSettled(servers);
  return outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
}
