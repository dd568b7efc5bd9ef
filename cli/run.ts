// `scs run [paths...]`: runs scenarios against a server and reports as they go.
// Exit codes: 0 all passed, 1 a scenario failed, 2 usage, configuration or connection setup error
// (a file with errors is not run and counts as errored).

import type { Command } from 'commander';
import { checkFile, expandPaths } from '../core/check.js';
import type { Diagnostic, Scenario } from '../core/model.js';
import type { ScenarioResult } from '../core/results.js';
import { runScenario, type RunOptions } from '../core/runner/index.js';
import { colorsWanted, palette } from './reporters/colors.js';
import { HumanReporter } from './reporters/human.js';
import { JsonReporter } from './reporters/json.js';
import { JunitReporter } from './reporters/junit.js';
import type { Reporter } from './reporters/reporter.js';
import { TapReporter } from './reporters/tap.js';
import type { LocalProsody } from '../core/prosody/index.js';
import { startLocalServers } from './localServer.js';

interface RunCommandOptions {
  server?: string;
  tlsInsecure?: boolean;
  timeout?: string;
  quietPeriod?: string;
  sync: boolean;
  onlyTags?: string;
  skipTags?: string;
  reporter: string;
  output?: string;
  localServer?: boolean;
  serverConfig?: string;
  jobs: string;
}

interface Loaded {
  file: string;
  scenario?: Scenario;
  /** Errors that keep the file from running. */
  problems: Diagnostic[];
}

class UsageError extends Error {}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run .scs scenarios (files or folders) against an XMPP server')
    .argument('[paths...]', 'files or folders to run', ['.'])
    .option('--server <host:port>', 'server address (default 127.0.0.1:5222)')
    .option('--tls-insecure', 'accept any TLS certificate (a local server with a self-signed one)')
    .option('--timeout <seconds>', 'how long a step waits for the server', '5')
    .option('--quiet-period <seconds>', 'how long "receives: nothing" listens', '0.3')
    .option('--no-sync', 'do not wait for the server to handle one character\'s stanzas before another acts')
    .option('--only-tags <tags>', 'run only scenarios with one of these tags (comma-separated)')
    .option('--skip-tags <tags>', 'skip scenarios with one of these tags (comma-separated)')
    .option('--reporter <name>', 'human, json, junit or tap', 'human')
    .option('--output <file>', 'write the junit report to this file')
    .option('--local-server', 'start a throwaway local Prosody for the run')
    .option('--server-config <file>', 'the prosody.cfg.lua the local server adapts (default: scenarios/prosody.cfg.lua)')
    .option('--jobs <n>', 'scenarios run at once, each on its own server (needs --local-server)', '1')
    .action(async (paths: string[], options: RunCommandOptions) => {
      // A reader that stops early (`| head`) is not an error of the run.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
      });
      try {
        process.exitCode = await runCommand(paths, options);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        program.error(`error: ${error.message}`, { exitCode: 2 });
      }
    });
}

async function runCommand(paths: string[], options: RunCommandOptions): Promise<number> {
  const settings = runSettings(options);
  const jobs = positiveInteger(options.jobs, '--jobs');
  if (jobs > 1 && !options.localServer) throw new UsageError('--jobs above 1 needs --local-server (each job gets its own server)');
  const { files, missing } = await expandPaths(paths);
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  if (files.length === 0) throw new UsageError(`no .scs files in ${paths.join(', ')}`);

  const loaded = await Promise.all(files.map(load));
  const only = tagList(options.onlyTags);
  const skip = tagList(options.skipTags);
  const skippedByTags: string[] = [];
  const toRun: Loaded[] = [];
  for (const entry of loaded) {
    const tags = new Set(entry.scenario?.metadata.tags.map((tag) => tag.name.value) ?? []);
    const excluded = (only.length > 0 && !only.some((tag) => tags.has(tag))) || skip.some((tag) => tags.has(tag));
    if (excluded && entry.problems.length === 0) skippedByTags.push(entry.file);
    else toRun.push(entry);
  }

  const reporter = makeReporter(options, toRun.length + skippedByTags.length, jobs);
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const entry of toRun.filter((item) => item.problems.length > 0)) {
    const result = notRunResult(entry);
    results.push(result);
    reporter.notRun(entry.file, entry.problems, result);
  }

  const runnable = toRun.filter((item) => item.problems.length === 0);
  let servers: LocalProsody[] = [];
  try {
    if (options.localServer && runnable.length > 0) {
      servers = await startLocalServers(Math.min(jobs, runnable.length), options.serverConfig).catch((error: Error) => {
        throw new UsageError(`could not start a local server: ${error.message}`);
      });
    }
    const lanes = servers.length > 0 ? servers.map((server) => ({ ...settings, host: server.host, port: server.port })) : [settings];
    // Each lane (one server) takes the next file when it is free.
    let next = 0;
    await Promise.all(
      lanes.map(async (lane) => {
        while (next < runnable.length) {
          const entry = runnable[next++];
          const scenario = entry.scenario!;
          results.push(await runScenario(scenario, entry.file, lane, (event) => reporter.event(event, scenario)));
        }
      }),
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }

  await reporter.end({ results, skippedByTags, durationMs: performance.now() - started });
  if (results.some((result) => result.status === 'errored')) return 2;
  return results.some((result) => result.status === 'failed') ? 1 : 0;
}

function runSettings(options: RunCommandOptions): Partial<RunOptions> {
  const settings: Partial<RunOptions> = {
    timeoutMs: seconds(options.timeout ?? '5', '--timeout') * 1000,
    quietMs: seconds(options.quietPeriod ?? '0.3', '--quiet-period') * 1000,
    tlsInsecure: options.tlsInsecure === true,
    sync: options.sync,
  };
  if (options.serverConfig && !options.localServer) throw new UsageError('--server-config needs --local-server');
  if (options.server) {
    if (options.localServer) throw new UsageError('--server and --local-server cannot be used together');
    Object.assign(settings, parseServer(options.server));
  }
  return settings;
}

/** `host`, `host:port`, `[v6]:port`. */
export function parseServer(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(text.trim());
  if (!match) throw new UsageError(`--server must be HOST or HOST:PORT, not "${text}"`);
  const port = match[3] === undefined ? 5222 : Number(match[3]);
  if (port < 1 || port > 65535) throw new UsageError(`--server port must be between 1 and 65535, not ${match[3]}`);
  return { host: match[1] ?? match[2], port };
}

function seconds(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${option} must be a positive number of seconds, not "${text}"`);
  return value;
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} must be a whole number of at least 1, not "${text}"`);
  return value;
}

function tagList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

async function load(file: string): Promise<Loaded> {
  const check = await checkFile(file);
  if (check.readError !== undefined) {
    const at = { line: 0, character: 0 };
    return { file, problems: [{ code: 'read-error', severity: 'error', range: { start: at, end: at }, message: check.readError }] };
  }
  return { file, scenario: check.scenario, problems: check.diagnostics.filter((item) => item.severity === 'error') };
}

function notRunResult(entry: Loaded): ScenarioResult {
  const [first] = entry.problems;
  const count = entry.problems.length;
  return {
    file: entry.file,
    title: entry.scenario?.metadata.title?.value,
    status: 'errored',
    durationMs: 0,
    steps: [],
    failure: {
      kind: 'internal',
      line: first.range.start.line + 1,
      message: `not run: ${count} error${count === 1 ? '' : 's'} in the file; first: ${first.message}`,
    },
    transcript: [],
    boundJids: {},
  };
}

function makeReporter(options: RunCommandOptions, planned: number, jobs: number): Reporter {
  const write = (text: string) => void process.stdout.write(text);
  switch (options.reporter) {
    case 'human':
      return new HumanReporter(write, palette(colorsWanted(process.stdout)), jobs > 1);
    case 'json':
      return new JsonReporter(write);
    case 'junit':
      return new JunitReporter(options.output, write);
    case 'tap':
      return new TapReporter(write, planned);
    default:
      throw new UsageError(`--reporter must be human, json, junit or tap, not "${options.reporter}"`);
  }
}
