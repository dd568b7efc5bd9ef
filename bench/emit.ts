/** Reports one benchmark figure; bench/run.ts prints it as a JSON line. */
export type Emit = (name: string, value: number, unit: string) => void;

/** The p-th percentile (0..100) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
