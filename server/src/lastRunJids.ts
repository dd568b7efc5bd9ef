// What the last run of each scenario bound: the client reports it with the `scansion/runResult`
// notification (shared/protocol.ts) after a run, and hovers show it.
import type { RunResultParams } from '../../shared/protocol.js';

export class LastRunJids {
  private readonly boundJids = new Map<string, Map<string, string>>();

  /** Records a run's result; malformed parameters are ignored. */
  record(params: unknown): void {
    if (!isRunResult(params)) return;
    const jids = new Map<string, string>();
    for (const [name, jid] of Object.entries(params.boundJids)) {
      if (typeof jid === 'string') jids.set(name, jid);
    }
    this.boundJids.set(params.uri, jids);
  }

  /** The full JID `name` was bound to in the last run of `uri`, when known. */
  boundJid(uri: string, name: string): string | undefined {
    return this.boundJids.get(uri)?.get(name);
  }
}

function isRunResult(params: unknown): params is RunResultParams {
  if (typeof params !== 'object' || params === null) return false;
  const { uri, boundJids } = params as Record<string, unknown>;
  return typeof uri === 'string' && typeof boundJids === 'object' && boundJids !== null;
}
