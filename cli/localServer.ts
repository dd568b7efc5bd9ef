// Throwaway local Prosody servers for `scs run --local-server`, one per job.

import { startProsody, type LocalProsody } from '../core/prosody/index.js';

/** Starts `count` servers from the configuration given (default: the project's own); if one
 *  cannot start, those already started are stopped. */
export async function startLocalServers(count: number, configTemplate?: string): Promise<LocalProsody[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startProsody({ configTemplate, logLevel: 'warn' })));
  const servers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failure = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    await Promise.all(servers.map((server) => server.stop()));
    throw failure.reason;
  }
  return servers;
}
