// A line of advice on stderr after a run, where the reasons alone leave a newcomer stuck.

import type { ScenarioResult } from '../core/results.js';

/**
 * When no server was given (neither --server nor --local-server) and connections were refused,
 * one line naming the addresses and the ways to give a server; undefined otherwise (a server the
 * user named is theirs to fix, and the reason already says it was refused). The address is taken
 * from the runner's reason, `connection refused at HOST:PORT` (core/runner/errors.ts).
 */
export function noServerHint(results: readonly ScenarioResult[], given: { server?: string; localServer?: boolean }): string | undefined {
  if (given.server || given.localServer) return undefined;
  const refused = new Set<string>();
  for (const { failure } of results) {
    const address = failure?.kind === 'connection' ? /^connection refused at (\S+)$/.exec(failure.message)?.[1] : undefined;
    if (address) refused.add(address);
  }
  if (refused.size === 0) return undefined;
  const where = [...refused].join(', ');
  return (
    `hint: nothing listens on ${where}. Name a server that runs with --server HOST:PORT (\`scs server start\` starts ` +
    'a throwaway Prosody and prints its address), or add --local-server to run against a throwaway Prosody of its own.'
  );
}
