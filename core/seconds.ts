// Durations for people: the model and the results keep milliseconds; messages and reports show seconds.

/**
 * `ms` milliseconds as seconds with their unit: at most `decimals` decimals (default 2) with trailing
 * zeros dropped ("5 s", "0.46 s"), or with `keepZeros` always `decimals` of them ("0.120 s"), so
 * that times listed one under another line up.
 */
export function formatSeconds(ms: number, { decimals = 2, keepZeros = false } = {}): string {
  const fixed = (ms / 1000).toFixed(decimals);
  return `${keepZeros ? fixed : Number(fixed)} s`;
}

/** The longest wait a run, a recording or a debug session takes, in seconds (about 24.8 days):
 *  Node's timers hold at most 2^31 - 1 ms, and fire a longer one after 1 ms. */
export const longestWaitSeconds = 2_147_483;

/** Why `seconds` cannot be a wait (`what` names the option or argument), or undefined when it can:
 *  a finite number above 0 and at most longestWaitSeconds. */
export function waitProblem(seconds: number, what: string, written: string = String(seconds)): string | undefined {
  if (!Number.isFinite(seconds) || seconds <= 0) return `${what} must be a positive number of seconds, not "${written}"`;
  if (seconds > longestWaitSeconds) return `${what} must be at most ${longestWaitSeconds} seconds (24 days), not "${written}"`;
  return undefined;
}
