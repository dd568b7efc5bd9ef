// The options of a run, declared once for `scs run` and the drop-in `scansion` command, and turned
// into the runner's RunOptions here.

import { Option, type Command } from 'commander';
import { parseAddress } from '../core/address.js';
import type { RunOptions } from '../core/runner/index.js';
import { waitProblem } from '../core/seconds.js';
import { reporterNames } from './reporters/index.js';
import { UsageError } from './usage.js';

export interface RunCommandOptions {
  directory?: string[];
  server?: string;
  tlsInsecure?: boolean;
  timeout?: string;
  quietPeriod?: string;
  sync: boolean;
  ordered?: boolean;
  onlyTags?: string;
  skipTags?: string;
  shard?: string;
  reporter: string;
  output?: string;
  localServer?: boolean;
  serverConfig?: string;
  jobs: string;
  maxQueue: string;
  updateSnapshots?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds every run option to `command` (its paths argument is the caller's). `defaultServer`
 *  only words the help of `--server`. */
export function addRunOptions(command: Command, defaultServer: string): Command {
  return command
    .option('-d, --directory <dir>', "run every .scs file in this folder (repeatable), as Scansion's -d", collect)
    .option('--server <host:port>', `server address (default: ${defaultServer})`)
    .option('--tls-insecure', 'accept any TLS certificate (a local server with a self-signed one)')
    .option('--timeout <seconds>', 'how long a step waits for the server', '5')
    .option('--quiet-period <seconds>', 'how long "receives: nothing" listens', '0.3')
    .option('--no-sync', "do not wait for the server to handle one character's stanzas before another acts")
    .option('--ordered', 'match consecutive receives of one character in the order written, not in any order')
    .option('--only-tags <tags>', 'run only scenarios with one of these tags: "name" (any value) or "name: value", comma-separated')
    .option('--skip-tags <tags>', 'skip scenarios with one of these tags, written as for --only-tags')
    .option('--shard <i/n>', 'run only the i-th of n parts of the files (1-based), split the same way on every machine')
    .addOption(new Option('--reporter <name>', 'output format').choices(reporterNames).default('human'))
    .option('--output <file>', 'write the report to this file instead of standard output')
    .option('--local-server', 'start a throwaway local Prosody for the run')
    .option('--server-config <file>', 'the prosody.cfg.lua the local server adapts (default: the one beside the scenarios, else scenarios/prosody.cfg.lua)')
    .option('--jobs <n>', 'scenarios run at once, each on its own server (needs --local-server)', '1')
    .option('--max-queue <stanzas>', 'unconsumed stanzas a character holds before its step fails as flooded', '10000')
    .option('--update-snapshots', 'accept what failing receives steps got: rewrite their expectations (the smallest change that passes) and run again');
}

/** The runner's options from the command line (the server address aside when absent). Throws a
 *  UsageError for a value out of range or options that do not go together. */
export function runSettings(options: RunCommandOptions): Partial<RunOptions> {
  const settings: Partial<RunOptions> = {
    timeoutMs: seconds(options.timeout ?? '5', '--timeout') * 1000,
    quietMs: seconds(options.quietPeriod ?? '0.3', '--quiet-period') * 1000,
    tlsInsecure: options.tlsInsecure === true,
    sync: options.sync,
    maxQueue: positiveInteger(options.maxQueue ?? '10000', '--max-queue'),
    ordered: options.ordered === true,
  };
  if (options.serverConfig && !options.localServer) throw new UsageError('--server-config needs --local-server');
  if (options.server) {
    if (options.localServer) throw new UsageError('--server and --local-server cannot be used together');
    const address = parseAddress(options.server);
    if (typeof address === 'string') throw new UsageError(`--server ${address}`);
    Object.assign(settings, address);
  }
  return settings;
}

/** A wait in seconds (core/seconds.ts waitProblem); throws a UsageError otherwise. */
function seconds(text: string, option: string): number {
  const value = Number(text);
  const problem = waitProblem(value, option, text);
  if (problem) throw new UsageError(problem);
  return value;
}

export function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} must be a whole number of at least 1, not "${text}"`);
  return value;
}
