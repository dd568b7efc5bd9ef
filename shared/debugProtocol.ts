// The extension <-> debug adapter messages beyond DAP (custom events and one custom request),
// typed by name and body, declared once here and imported by both ends (shared/protocol.ts
// re-exports them with the language server's). Apart from the language server's because those
// need vscode-jsonrpc at run time and these nothing: the extension's bundle loaded at activate()
// (dist/features.cjs) holds no JSON-RPC library.

import type { Range } from '../core/model.js';
import type { ScenarioResult } from '../core/results.js';
import type { TextEdit } from '../core/snapshot.js';

/** A custom DAP event: its name and the shape of its body. */
export class DebugEventType<Body> {
  /** Only carries the body's type. */
  declare readonly body?: Body;
  constructor(readonly event: string) {}
}

/** A custom DAP request: its command, arguments and response body. */
export class DebugRequestType<Arguments, Response> {
  /** Only carry the types. */
  declare readonly arguments?: Arguments;
  declare readonly response?: Response;
  constructor(readonly command: string) {}
}

/** The launch arguments of a `scansion` debug session (package.json `debuggers` describes them). */
export interface ScansionLaunchArguments {
  /** The `.scs` file to debug (absolute path). */
  program: string;
  /** `host:port`, `host` or `[v6]:port` of the XMPP server (core/address.ts; port 5222 when left out);
   *  ignored when `localServer` is true. Default 127.0.0.1:5222. */
  server?: string;
  /** Start a throwaway local Prosody for the session (core/prosody), as runs do. */
  localServer?: boolean;
  /** The prosody.cfg.lua the local server adapts; default as `scs run --local-server` picks it
   *  (core/serverConfig.ts): the one beside `program`, else the project's. */
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

export interface BoundJidsBody {
  program: string;
  boundJids: Record<string, string>;
}

/** Event `scansion/boundJids`, adapter -> extension: the full JIDs bound so far, sent at each stop
 *  and at the end (the extension passes them to the language server's hovers). */
export const boundJidsEvent = new DebugEventType<BoundJidsBody>('scansion/boundJids');

export interface StoppedBody {
  program: string;
  /** The paused step's action line in the file as it is now (0-based). */
  range: Range;
  /** Connected characters: whose received stanzas may become a step (stanzas keep arriving while
   *  stopped, so the request itself says when none is waiting). */
  connectedCharacters: string[];
}

/** Event `scansion/stopped`, adapter -> extension: where the session stopped, for the "Insert
 *  received stanza as step" code lens. */
export const stoppedEvent = new DebugEventType<StoppedBody>('scansion/stopped');

export interface RunningBody {
  program: string;
}

/** Event `scansion/running`, adapter -> extension: the session no longer stands at a step. */
export const runningEvent = new DebugEventType<RunningBody>('scansion/running');

export interface ResultBody {
  program: string;
  result: ScenarioResult;
}

/** Event `scansion/result`, adapter -> extension: the run ended (or was stopped) with this result. */
export const resultEvent = new DebugEventType<ResultBody>('scansion/result');

export interface InsertReceivedStepArguments {
  /** Whose received stanza; the first character with one when absent. */
  character?: string;
  /** The file as the editor has it now. */
  text: string;
}

export interface InsertReceivedStepResponse {
  character: string;
  edit: TextEdit;
}

/** Request `scansion/insertReceivedStep`, extension -> adapter: takes the oldest received stanza
 *  that `character` (or the first character with one) has not consumed, and answers the edit that
 *  writes it as a `receives` step above the paused step of `text`. The extension applies the edit;
 *  the adapter counts the new lines in its stack frames. Fails (an error response) when the session
 *  is not stopped, no stanza is waiting, or the file changed otherwise since the session started. */
export const insertReceivedStepRequest = new DebugRequestType<InsertReceivedStepArguments, InsertReceivedStepResponse>('scansion/insertReceivedStep');
