// Usage errors and exit codes shared by the `scs` and `scansion` programs: a mistake in the
// command line or its configuration is reported as `error: ...` with exit code 2.

import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { killOwnedServersNow } from '../core/prosody/index.js';

export class UsageError extends Error {}

/** A program whose usage errors that commander finds (unknown option or command, missing
 *  argument, a value outside its choices) exit with 2, and asking for help or the version
 *  (`--version`: the package's) with 0. Subcommands inherit this when they are added after it, so
 *  create the program with it first. */
export function program(name: string): Command {
  return new Command(name).version(packageJson.version).exitOverride((error) => {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') process.exit(0);
    process.exit(error.exitCode === 1 ? 2 : error.exitCode);
  });
}

/** Runs `program` on this process's arguments; anything thrown and not handled prints its
 *  message and exits with 2. However the process ends (an exit on a broken pipe, an uncaught
 *  exception), no Prosody it started outlives it; signals are handled by the commands themselves
 *  (interrupt.ts). */
export function runProgram(command: Command): void {
  process.on('exit', killOwnedServersNow);
  command.parseAsync(process.argv).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
