// How a run reaches its server and how long it waits, and who may hold it between steps.

import type { StepControl } from './control.js';
import type { Locate } from './locate.js';

export interface RunOptions {
  /** Server address used for every character without `connect_host` (unless `locate` is set). */
  host: string;
  port: number;
  /** How long a `receives` waits for its stanza, and the bound on every network wait. */
  timeoutMs: number;
  /** How long `receives: nothing` listens before checking the queue is empty. */
  quietMs: number;
  /** Accept any TLS certificate (a local server with a self-signed one). */
  tlsInsecure: boolean;
  /** Before a step that follows another character's `sends`, make sure the server handled it. */
  sync: boolean;
  /** When set, each character without `connect_host` connects where its JID's domain leads, as
   *  an XMPP client finds it (core/runner/locate.ts: `srvLocator()`), and `host`/`port` are unused.
   *  Unset by default: everyone connects to `host`:`port`. */
  locate?: Locate;
  /** Pause points around each step (a debugger); none by default. */
  control?: StepControl;
  /** Most stanzas a character's queue holds unconsumed; one more fails the step that reads the
   *  queue as flooded, and later ones are dropped (issue 13: a flood takes bounded memory). */
  maxQueue: number;
  /** Match consecutive `receives` of one character in the order written, not in any order
   *  (SCANSION.md section 3, "Consecutive receives match in any order"). */
  ordered: boolean;
  /** Index (into Scenario.steps) of the last step to run: the run stops after it, closes every
   *  connection as at the end of a scenario, and reports each later step `skipped` with its
   *  `skipReason` (issue 8: a step's run action runs the scenario up to and including it). The step
   *  runs exactly as in a full run: a `receives` still forms its group with the steps after it
   *  (SCANSION.md section 3), so it passes or fails as it would there. Unset: every step runs. */
  stopAfter?: number;
}

export const defaultRunOptions: RunOptions = {
  host: '127.0.0.1',
  port: 5222,
  timeoutMs: 5000,
  quietMs: 300,
  tlsInsecure: false,
  sync: true,
  maxQueue: 10_000,
  ordered: false,
};

/** Fills in defaults for the options not given. */
export function runOptions(partial: Partial<RunOptions> = {}): RunOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  return { ...defaultRunOptions, ...defined };
}
