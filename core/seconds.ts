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
