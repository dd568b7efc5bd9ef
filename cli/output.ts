// Where a report goes: standard output as it is written, or, with `--output FILE`, that file,
// written whole when the run ends (to a temporary name first, then renamed, so a run that dies
// leaves no half-written report behind).

import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './usage.js';

export interface Output {
  write(text: string): void;
  /** Whether the report goes to a terminal (colours are wanted only there). */
  readonly terminal: boolean;
  /** Writes the file, if there is one. Rejects when it cannot be written. */
  close(): Promise<void>;
}

/** Standard output, or `file`. Throws a UsageError at once (before anything runs) when `file`
 *  is a folder or its folder does not exist or is not writable. */
export async function openOutput(file: string | undefined): Promise<Output> {
  if (file === undefined) {
    return { write: (text) => void process.stdout.write(text), terminal: process.stdout.isTTY === true, close: async () => {} };
  }
  if ((await stat(file).catch(() => undefined))?.isDirectory()) throw new UsageError(`--output ${file} is a folder, not a file`);
  await access(dirname(file), constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--output ${file} cannot be written: ${error.code === 'ENOENT' ? 'its folder does not exist' : error.message}`);
  });
  const chunks: string[] = [];
  return {
    write: (text) => void chunks.push(text),
    terminal: false,
    close: async () => {
      const partial = `${file}.${process.pid}.partial`;
      try {
        await writeFile(partial, chunks.join(''));
        await rename(partial, file);
      } finally {
        await rm(partial, { force: true });
      }
    },
  };
}
