// The lanes of `scs run --jobs N`: each lane has its own server and runs files one after another,
// taking the next file whenever it is free. A lane starts as soon as its own server is ready, not
// when every server is: with --local-server, the first Prosody up is already running scenarios
// while the others start. A lane that finds no file left gives its server back at once, so that
// its Prosody stops while the other lanes finish their last files.

export interface LanesOutcome {
  /** How many items no lane started (an interruption or a server failure stopped the lanes). */
  notStarted: number;
  /** The first server that could not start, unless the run was being interrupted anyway. */
  serverFailure?: Error;
}

/**
 * Runs `items` on one lane per entry of `servers` (each a promise of that lane's server: a lane
 * waits only for its own). `run` gets the item, its lane's server and a signal that aborts when
 * `signal` does or when a server fails; it should settle soon after that signal aborts. When a
 * server's promise rejects and `signal` has not aborted (an interrupted run may see its servers
 * die), the lanes take no more items, the running ones are aborted, and the failure is returned.
 * A lane that has ended (no item left, or stopped) calls `release` with its server, if given, and
 * waits for it. Resolves once every lane has ended and released its server; rejects only if `run`
 * rejects (the other lanes still end first, aborted) or `release` does.
 */
export async function runLanes<Server, Item>(
  servers: Array<Promise<Server>>,
  items: Item[],
  run: (item: Item, server: Server, signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
  release?: (server: Server) => Promise<void>,
): Promise<LanesOutcome> {
  const stop = new AbortController();
  const laneSignal = AbortSignal.any([signal, stop.signal]);
  let next = 0;
  let serverFailure: Error | undefined;
  let runFailure: { error: unknown } | undefined;
  const lane = async (ready: Promise<Server>): Promise<void> => {
    let server: Server;
    try {
      server = await ready;
    } catch (error) {
      if (signal.aborted || serverFailure) return;
      serverFailure = error instanceof Error ? error : new Error(String(error));
      stop.abort(serverFailure);
      return;
    }
    while (next < items.length && !laneSignal.aborted) {
      const item = items[next++];
      try {
        await run(item, server, laneSignal);
      } catch (error) {
        runFailure ??= { error };
        stop.abort(error);
      }
    }
    await release?.(server);
  };
  await Promise.all(servers.map(lane));
  if (runFailure) throw runFailure.error;
  return { notStarted: items.length - next, serverFailure };
}
