// The launch arguments of a `scansion` debug session (protocol.ts): checked, then turned into the
// engine's run options, as `scs run` turns its flags into them.

import type { LocalProsody } from '../core/prosody/index.js';
import type { RunOptions } from '../core/runner/index.js';
import type { ScansionLaunchArguments } from '../shared/protocol.js';
import { longestWaitSeconds, waitProblem } from '../core/seconds.js';

const address = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/;

/** Why the arguments cannot start a session, or undefined when they can. */
export function launchProblem(args: ScansionLaunchArguments | undefined): string | undefined {
  if (!args) return 'launch needs "program": the .scs file to debug';
  if (typeof args.program !== 'string' || args.program === '') return 'launch needs "program": the .scs file to debug';
  if (args.server !== undefined && !args.localServer && !parseServer(args.server)) return `"server" must be host:port, not "${args.server}"`;
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
  else if (args.server) Object.assign(options, parseServer(args.server));
  if (args.timeout !== undefined) options.timeoutMs = Math.round(args.timeout * 1000);
  if (args.quietPeriod !== undefined) options.quietMs = Math.round(args.quietPeriod * 1000);
  if (args.sync !== undefined) options.sync = args.sync;
  return options;
}

function parseServer(text: string): { host: string; port: number } | undefined {
  const match = address.exec(text.trim());
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}
