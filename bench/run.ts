// Runs every bench/*.bench.ts in turn and prints each figure as one JSON line.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Emit } from './emit.js';

const only = process.argv.slice(2);
const round = (value: number) => Math.round(value * 100) / 100;
const emit: Emit = (name, value, unit, spread) => {
  const line = spread
    ? { name, value: round(value), unit, runs: spread.runs, min: round(spread.min), max: round(spread.max) }
    : { name, value: round(value), unit };
  console.log(JSON.stringify(line));
};

const files = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((part) => file.includes(part)))
  .sort();
let failed = false;
for (const file of files) {
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as {
    default: (emit: Emit) => Promise<void>;
  };
  try {
    await module.default(emit);
  } catch (error) {
    failed = true;
    console.error(`bench ${file} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
