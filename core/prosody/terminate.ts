// The one way this project ends a process it started: SIGTERM, then SIGKILL when a grace period
// passes without an exit. Used for our own Prosody (start.ts), one started by another `scs`
// process (detached.ts), and the VS Code that the e2e tools start (tools/vscode/code-server.ts).

/**
 * Sends SIGTERM through `kill`, waits up to `graceMs` milliseconds for `exited` to resolve, and if
 * it has not, sends SIGKILL and waits for `exited` again. `kill` decides what a signal goes to (a
 * child, a pid, a process group) and must not throw for a process that is already gone. Resolves
 * once `exited` has; never rejects unless `kill` throws or `exited` rejects.
 */
export async function terminate(kill: (signal: NodeJS.Signals) => void, exited: Promise<void>, graceMs: number): Promise<void> {
  kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'grace over'>((resolveGrace) => (timer = setTimeout(() => resolveGrace('grace over'), graceMs)));
  const outcome = await Promise.race([exited.then(() => 'exited' as const), graceOver]);
  clearTimeout(timer);
  if (outcome === 'grace over') {
    kill('SIGKILL');
    await exited;
  }
}
