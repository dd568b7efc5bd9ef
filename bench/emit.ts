/** How the samples behind a figure varied: how many runs, the lowest and the highest. */
export interface Spread {
  runs: number;
  min: number;
  max: number;
}

/** Reports one benchmark figure, and when it sums up several runs, their spread; bench/run.ts
 *  prints it as a JSON line. */
export type Emit = (name: string, value: number, unit: string, spread?: Spread) => void;

/** The p-th percentile (0..100) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The spread of a list of samples. */
export function spreadOf(samples: readonly number[]): Spread {
  return { runs: samples.length, min: Math.min(...samples), max: Math.max(...samples) };
}
