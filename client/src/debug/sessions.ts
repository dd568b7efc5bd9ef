// What the running `scansion` debug sessions tell the extension beyond DAP (shared/protocol.ts):
// where each stands (for the "Insert received stanza as step" code lens), the JIDs bound so far
// (for the language server's hovers) and the result at the end (for the Test Explorer, the code
// lenses of failed steps and the diff panel).

import * as vscode from 'vscode';
import {
  boundJidsEvent,
  resultEvent,
  runningEvent,
  stoppedEvent,
  type DebugEventType,
  type ResultBody,
  type StoppedBody,
} from '../../../shared/debugProtocol.js';
import { debugType } from './configuration.js';

/** Where a stopped session stands. */
export interface PausedAt {
  session: vscode.DebugSession;
  uri: vscode.Uri;
  body: StoppedBody;
}

export interface SessionListeners {
  /** Full JIDs bound so far in a session debugging `uri`. */
  boundJids(uri: vscode.Uri, boundJids: Record<string, string>): void;
  /** A session ended its run with this result. */
  result(session: vscode.DebugSession, uri: vscode.Uri, body: ResultBody): void;
}

export class DebugSessions implements vscode.Disposable {
  private readonly paused = new Map<string, PausedAt>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a session stops, resumes or ends. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(listeners: SessionListeners) {
    this.subscriptions = [
      this.changed,
      vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
        if (event.session.type !== debugType) return;
        const body = event.body as { program?: unknown } | undefined;
        if (typeof body?.program !== 'string') return;
        const uri = vscode.Uri.file(body.program);
        const stopped = bodyOf(stoppedEvent, event);
        const bound = bodyOf(boundJidsEvent, event);
        const result = bodyOf(resultEvent, event);
        if (stopped) {
          this.paused.set(event.session.id, { session: event.session, uri, body: stopped });
          this.changed.fire();
        } else if (bodyOf(runningEvent, event)) {
          if (this.paused.delete(event.session.id)) this.changed.fire();
        } else if (bound) {
          listeners.boundJids(uri, bound.boundJids);
        } else if (result) {
          listeners.result(event.session, uri, result);
        }
      }),
      vscode.debug.onDidTerminateDebugSession((session) => {
        if (this.paused.delete(session.id)) this.changed.fire();
      }),
    ];
  }

  /** The stopped session debugging `uri`, if any (the active one first). */
  pausedIn(uri: vscode.Uri): PausedAt | undefined {
    const all = [...this.paused.values()].filter((paused) => paused.uri.toString() === uri.toString());
    return all.find((paused) => paused.session === vscode.debug.activeDebugSession) ?? all[0];
  }

  /** The active session, when it is a stopped `scansion` one. */
  activePaused(): PausedAt | undefined {
    const active = vscode.debug.activeDebugSession;
    return active ? this.paused.get(active.id) : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The body of `event` when it is the custom event `type`. */
function bodyOf<Body>(type: DebugEventType<Body>, event: vscode.DebugSessionCustomEvent): Body | undefined {
  return event.event === type.event ? (event.body as Body) : undefined;
}
