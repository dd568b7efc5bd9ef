// The messages between the debug adapter and the extension beyond the Debug Adapter Protocol
// itself: custom events the adapter sends and the custom request the extension makes. Declared once
// here and imported by both sides (to join the one protocol module of issue 9).

import type { Range } from '../core/model.js';
import type { ScenarioResult } from '../core/results.js';
import type { TextEdit } from '../core/snapshot.js';

/** The launch arguments of a `scansion` debug session (package.json `debuggers` describes them). */
export interface ScansionLaunchArguments {
  /** The `.scs` file to debug (absolute path). */
  program: string;
  /** `host:port` of the XMPP server; ignored when `localServer` is true. Default 127.0.0.1:5222. */
  server?: string;
  /** Start a throwaway local Prosody for the session (core/prosody), as runs do. */
  localServer?: boolean;
  /** The prosody.cfg.lua the local server adapts (the extension passes its own). */
  prosodyConfig?: string;
  /** Seconds a step waits for the server (default 5), as `scs run --timeout`. */
  timeout?: number;
  /** Seconds `receives: nothing` listens (default 0.3), as `scs run --quiet-period`. */
  quietPeriod?: number;
  /** Wait for the server between two characters' actions (default true); false is `scs run --no-sync`. */
  sync?: boolean;
  /** Stop before the first step. */
  stopOnEntry?: boolean;
  /** Match consecutive `receives` in the order written (SCANSION.md section 3). */
  ordered?: boolean;
  /** Accept any TLS certificate. */
  tlsInsecure?: boolean;
  /** Stop once before the step that owns this 1-based line (the Test Explorer's "debug this step"). */
  stopAtLine?: number;
  /** Passwords by lower-case bare JID, from the extension's secret storage (never in launch.json). */
  passwords?: Record<string, string>;
}

/** Event `scansion/boundJids`: the full JIDs bound so far, sent at each stop and at the end (the
 *  extension passes them to the language server's hovers). */
export const boundJidsEvent = 'scansion/boundJids';
export interface BoundJidsBody {
  program: string;
  boundJids: Record<string, string>;
}

/** Event `scansion/stopped`: where the session stopped, for the "Insert received stanza as step"
 *  code lens. `range` is the paused step's action line in the file as it is now (0-based). */
export const stoppedEvent = 'scansion/stopped';
export interface StoppedBody {
  program: string;
  range: Range;
  /** Connected characters: whose received stanzas may become a step (stanzas keep arriving while
   *  stopped, so the request itself says when none is waiting). */
  connectedCharacters: string[];
}

/** Event `scansion/running`: the session no longer stands at a step. */
export const runningEvent = 'scansion/running';

/** Event `scansion/result`: the run ended (or was stopped) with this result. */
export const resultEvent = 'scansion/result';
export interface ResultBody {
  program: string;
  result: ScenarioResult;
}

/** Request `scansion/insertReceivedStep`: takes the oldest received stanza that `character` (or
 *  the first character with one) has not consumed, and answers the edit that writes it as a
 *  `receives` step above the paused step of `text` (the file as the editor has it now). The
 *  extension applies the edit; the adapter counts the new lines in its stack frames. */
export const insertReceivedStepRequest = 'scansion/insertReceivedStep';
export interface InsertReceivedStepArguments {
  character?: string;
  text: string;
}
export interface InsertReceivedStepResponse {
  character: string;
  edit: TextEdit;
}
