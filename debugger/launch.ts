// The launch arguments of a `scansion` debug session (protocol.ts): checked, then turned into the
// engine's run options, as `scs run` turns its flags into them.

import { parseAddress } from '../core/address.js';
import type { LocalProsody } from '../core/prosody/index.js';
import type { RunOptions } from '../core/runner/index.js';
import type { ScansionLaunchArguments } from '../shared/protocol.js';
import { longestWaitSeconds, waitProblem } from '../core/seconds.js';

/** Why the arguments cannot start a session, or undefined when they can. */
export function launchProblem(args: ScansionLaunchArguments | undefined): string | undefined {
  if (!args) return 'launch needs "program": the .scs file to debug';
  if (typeof args.program !== 'string' || args.program === '') return 'launch needs "program": the .scs file to debug';
  if (args.server !== undefined && !args.localServer) {
    const address = typeof args.server === 'string' ? parseAddress(args.server) : `must be a string, not ${JSON.stringify(args.server)}`;
    if (typeof address === 'string') return `"server" ${address}`;
  }
  if (args.timeout !== undefined && !(typeof args.timeout === 'number' && args.timeout > 0)) return '"timeout" must be a number of seconds above 0';
  if (args.quietPeriod !== undefined && !(typeof args.quietPeriod === 'number' && args.quietPeriod > 0))
    return '"quietPeriod" must be a number of seconds above 0';
  // Node fires a longer timer after 1 ms.
  if (args.timeout !== undefined && args.timeout > longestWaitSeconds) return waitProblem(args.timeout, '"timeout"');
  if (args.quietPeriod !== undefined && args.quietPeriod > longestWaitSeconds) return waitProblem(args.quietPeriod, '"quietPeriod"');
  if (args.sync !== undefined && typeof args.sync !== 'boolean') return '"sync" must be true or false';
  if (args.stopAtLine !== undefined && !(Number.isInteger(args.stopAtLine) && args.stopAtLine > 0)) return '"stopAtLine" must be a 1-based line';
  return undefined;
}

/** The engine's options for the arguments (checked by launchProblem) and the local server, if any. */
export function runOptionsOf(args: ScansionLaunchArguments, server: LocalProsody | undefined): Partial<RunOptions> {
  const options: Partial<RunOptions> = { tlsInsecure: args.tlsInsecure === true, ordered: args.ordered === true };
  if (server) Object.assign(options, { host: server.host, port: server.port });
  else if (args.server) {
    const address = parseAddress(args.server);
    if (typeof address !== 'string') Object.assign(options, address);
  }
  if (args.timeout !== undefined) options.timeoutMs = Math.round(args.timeout * 1000);
  if (args.quietPeriod !== undefined) options.quietMs = Math.round(args.quietPeriod * 1000);
  if (args.sync !== undefined) options.sync = args.sync;
  return options;
}
