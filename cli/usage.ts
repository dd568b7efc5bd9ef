// Usage errors and exit codes shared by the `scs` and `scansion` programs: a mistake in the
// command line or its configuration is reported as `error: ...` with exit code 2.

import { Command } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { killOwnedServersNow } from '../core/prosody/index.js';

export class UsageError extends Error {}

/** A program whose usage errors that commander finds (unknown option or command, missing
 *  argument, a value outside its choices) exit with 2, and asking for help or the version
 *  (`--version`: the package's) with 0. Subcommands inherit this when they are added after it, so
 *  create the program with it first. The program's own options (`-V`/`--version`) count only
 *  before a command: after one (`scs run scenarios/ -V`, a verbose flag guessed) they are unknown
 *  options of that command, not a request for the version that ran nothing and exited 0. */
export function program(name: string): Command {
  return new Command(name)
    .version(packageJson.version)
    .enablePositionalOptions()
    .exitOverride((error) => {
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
  command.parseAsync(withoutHelpForUnknownCommand(command, helpAsOption(process.argv.slice(2))), { from: 'user' }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}

const helpFlags = new Set(['-h', '--help']);

/** `help A B ...` (commander's help command takes one word) as `A B ... --help`, so that
 *  `scs help server start` shows the help of `scs server start`, not of `scs server`. Other
 *  arguments come back unchanged. Never throws. */
function helpAsOption(args: readonly string[]): string[] {
  const [first, ...rest] = args;
  return first === 'help' && rest.length > 1 && rest.every((word) => !word.startsWith('-')) ? [...rest, '--help'] : [...args];
}

/** `args` (the words after the program's name) without the request for help when it asks for help
 *  about a command that does not exist: `scs bogus --help`, `scs help bogus`, `scs server help
 *  bogus`. Given those, commander prints the parent's help (and for the first exits 0) without
 *  naming the word; without the request, it says `error: unknown command 'bogus'` (with its
 *  did-you-mean) and exits 2 through program(). Other arguments come back unchanged, so `--help`
 *  on a command that exists still wins over anything else on the line. Never throws. */
function withoutHelpForUnknownCommand(command: Command, args: readonly string[]): string[] {
  let current = command;
  let helpWord: number | undefined;
  for (let index = 0; index < args.length && current.commands.length > 0; index++) {
    const word = args[index];
    if (word.startsWith('-')) {
      // An option of the group that takes a value (`--name value`, not `--name=value`) holds the next word.
      const option = current.options.find((candidate) => candidate.long === word || candidate.short === word);
      if (option && (option.required || option.optional)) index++;
      continue;
    }
    if (word === 'help' && helpWord === undefined) {
      helpWord = index;
      continue;
    }
    const known = current.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
    if (!known) return args.filter((other, at) => at !== helpWord && !helpFlags.has(other));
    current = known;
  }
  return [...args];
}
