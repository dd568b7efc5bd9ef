// `scs run [paths...]`: runs scenarios against a server and reports as they go. The same run, with
// Scansion's way of finding the server, is the `scansion` command (cli/scansion.ts).
// Exit codes: 0 all passed, 1 a scenario failed, 2 usage, configuration or connection setup error
// (a file with errors is not run and counts as errored), 130/143 interrupted by SIGINT/SIGTERM.

import type { Command } from 'commander';
import { checkFile, expandPaths } from '../core/check.js';
import { notRunResult, refusalFrom, type Refusal } from '../core/gate.js';
import type { Scenario } from '../core/model.js';
import { lineNumber, type RunEvent, type ScenarioResult } from '../core/results.js';
import { runScenario, type RunOptions } from '../core/runner/index.js';
import type { Locate } from '../core/runner/locate.js';
import { writeFileAtomically } from '../core/recorder/atomicWrite.js';
import { runUpdatingSnapshots, type SnapshotRun } from '../core/updateSnapshots.js';
import { defaultConfigTemplate, describeServerConfig, serverConfigFor, type LocalProsody, type ServerConfigChoice } from '../core/prosody/index.js';
import { startedCount, startLocalServer, stopServers } from './localServer.js';
import { runLanes } from './lanes.js';
import { openOutput } from './output.js';
import { makeReporter } from './reporters/index.js';
import { addRunOptions, positiveInteger, runSettings, type RunCommandOptions } from './runOptions.js';
import { parseShard, selected, shardFiles, tagSelection } from './selection.js';
import { linesByFile, splitRunPath, stopAfterLine } from './runTo.js';
import { UsageError } from './usage.js';
import { Interruption } from './interrupt.js';
import { noServerHint } from './hints.js';
import type { Reporter } from './reporters/reporter.js';
import { terminalSafe } from '../core/safeText.js';

interface Loaded {
  file: string;
  scenario?: Scenario;
  /** Set when the file may not run (core/gate.ts), or could not be read. */
  refusal?: Refusal;
  /** RunOptions.stopAfter, when the file was given as `FILE.scs:LINE` (cli/runTo.ts). */
  stopAfter?: number;
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run .scs scenarios (files or folders) against an XMPP server')
    .argument('[paths...]', 'files or folders to run (default: the current folder); FILE.scs:LINE runs that file up to and including the step at LINE');
  addRunOptions(command, '127.0.0.1:5222');
  command.action(runAction(command, { defaultPaths: ['.'] }));
}

export interface RunDefaults {
  /** Paths run when none are given (neither arguments nor -d); none: that is a usage error. */
  defaultPaths?: string[];
  /** How characters find their server when neither --server nor --local-server is given
   *  (RunOptions.locate); none: the runner's default address. */
  locate?: Locate;
}

/** The action of a run command: runs, sets the exit code, and turns usage errors into exit 2. */
export function runAction(command: Command, defaults: RunDefaults): (paths: string[], options: RunCommandOptions) => Promise<void> {
  return async (paths, options) => {
    // A reader that stops early (`| head`) is not an error of the run.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
    try {
      process.exitCode = await runCommand([...paths, ...(options.directory ?? [])], options, defaults);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      command.error(`error: ${error.message}`, { exitCode: 2 });
    }
  };
}

async function runCommand(given: string[], options: RunCommandOptions, defaults: RunDefaults): Promise<number> {
  const settings = runSettings(options);
  if (defaults.locate && !options.server && !options.localServer) settings.locate = defaults.locate;
  const jobs = positiveInteger(options.jobs, '--jobs');
  if (jobs > 1 && !options.localServer) throw new UsageError('--jobs above 1 needs --local-server (each job gets its own server)');
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const tags = tagSelection(options.onlyTags, options.skipTags);
  const runPaths = (given.length > 0 ? given : (defaults.defaultPaths ?? [])).map(splitRunPath);
  if (runPaths.length === 0) throw new UsageError('give scenario files, or a folder with -d DIR');
  const paths = runPaths.map((entry) => entry.path);
  const lines = linesByFile(runPaths);
  const { files: found, missing } = await expandPaths(paths);
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  if (found.length === 0) throw new UsageError(`no .scs files in ${paths.join(', ')}`);
  // Checked before anything runs: a report that cannot be written is a usage error, not a surprise at the end.
  const output = await openOutput(options.output);

  const files = shard ? shardFiles(found, shard) : found;
  // Made first: an unknown --reporter is a usage error before any server starts. Every file is
  // planned: run, refused, or skipped by its tags.
  const reporter = makeReporter(options.reporter, output, { planned: files.length, jobs });
  const interruption = new Interruption();
  const startServer = options.localServer ? localServerStarter(files, options.serverConfig) : undefined;
  const servers: Array<Promise<LocalProsody>> = [];
  try {
    // With --local-server the files are read and checked one by one until one will run. Then the
    // servers start, one per job and at most one per file that may still run, and the other files
    // are read and checked while Prosody starts up on the other core; each lane starts as soon as
    // its own server is ready (cli/lanes.ts). A run with nothing to run starts no server.
    const loaded: Loaded[] = [];
    while (startServer && servers.length === 0 && loaded.length < files.length) {
      const file = files[loaded.length];
      const entry = await load(file, lines.get(file));
      if (!entry.refusal && selected(entry.scenario!.metadata.tags, tags)) {
        for (let count = Math.min(jobs, files.length - loaded.length); count > 0; count--) servers.push(startServer());
      }
      loaded.push(entry);
    }
    loaded.push(...(await Promise.all(files.slice(loaded.length).map((file) => load(file, lines.get(file))))));
    const skippedByTags: string[] = [];
    const toRun: Loaded[] = [];
    for (const entry of loaded) {
      // A file with errors is reported whatever its tags: its tags may be what is wrong.
      if (!entry.refusal && !selected(entry.scenario!.metadata.tags, tags)) skippedByTags.push(entry.file);
      else toRun.push(entry);
    }

    const code = await runAll(toRun, skippedByTags, reporter, settings, options, servers, interruption);
    await output.close();
    return code;
  } finally {
    // Already done by runAll unless something threw before it finished.
    await stopServers(servers);
    interruption.dispose();
  }
}

/** A function that starts a local server adapting the prosody.cfg.lua chosen for `files`
 *  (core/serverConfig.ts: --server-config, else the one beside the files, else the project's).
 *  Whichever server is up first names that configuration on stderr, before any scenario runs on a
 *  server. Throws a UsageError at once when the files lie beside different ones. */
function localServerStarter(files: string[], given: string | undefined): () => Promise<LocalProsody> {
  let choice: ServerConfigChoice;
  try {
    choice = serverConfigFor(files, given, defaultConfigTemplate);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; run each folder on its own, or choose one with --server-config`);
  }
  let named = false;
  const name = () => {
    if (!named) process.stderr.write(`local server configuration: ${describeServerConfig(choice)}\n`);
    named = true;
  };
  return () => {
    // Killed when done: no client is connected by then, and the folder goes with the server.
    const starting = startLocalServer(choice.file, 0);
    // Before the lane's own wait for this server, so before its first scenario.
    starting.then(name, () => {}); // a server that cannot start is said by the run
    return starting;
  };
}

/** Runs the loaded files, each lane on its own local server (`servers`, still starting) or, with
 *  none, one lane on the server `settings` names; on SIGINT/SIGTERM, aborts the running scenarios
 *  (they close their connections), starts no more, stops the local servers and says what was cut
 *  short. A local server that cannot start stops the run: a usage error (exit 2). */
async function runAll(
  toRun: Loaded[],
  skippedByTags: string[],
  reporter: Reporter,
  settings: Partial<RunOptions>,
  options: RunCommandOptions,
  servers: Array<Promise<LocalProsody>>,
  interruption: Interruption,
): Promise<number> {
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const entry of toRun) {
    if (!entry.refusal) continue;
    const result = notRunResult(entry.file, entry.scenario, entry.refusal);
    results.push(result);
    reporter.notRun(entry.file, entry.refusal.problems, result);
  }

  const runnable = toRun.filter((item) => !item.refusal);
  /** The running scenarios and the line of the step each is at. */
  const running = new Map<string, number>();
  const lanes: Array<Promise<Lane>> = servers.length > 0 ? servers.map(async (starting) => laneOn(settings, await starting)) : [Promise.resolve({ settings })];
  const runOne = async (entry: Loaded, { settings: lane }: Lane, signal: AbortSignal) => {
    const scenario = entry.scenario!;
    running.set(entry.file, 0);
    const onEvent = (event: RunEvent, ran: Scenario) => {
      if (event.event === 'stepStart') running.set(entry.file, lineNumber(event.actionRange));
      reporter.event(event, ran);
    };
    if (options.updateSnapshots) {
      const updated = await runUpdatingSnapshots(scenario, entry.file, { ...lane, stopAfter: entry.stopAfter }, onEvent, signal);
      results.push(updated.result);
      if (!signal.aborted) await saveAccepted(entry.file, updated);
    } else {
      results.push(await runScenario(scenario, entry.file, { ...lane, stopAfter: entry.stopAfter }, (event) => onEvent(event, scenario), signal));
    }
    if (!signal.aborted) running.delete(entry.file);
  };
  let outcome;
  try {
    // A lane out of files stops its server while the others finish (cli/lanes.ts).
    outcome = runnable.length > 0 ? await runLanes(lanes, runnable, runOne, interruption.signal, async (lane) => lane.server?.stop()) : { notStarted: 0 };
  } finally {
    await stopServers(servers);
  }
  if (outcome.serverFailure) throw new UsageError(`could not start a local server: ${outcome.serverFailure.message}`);

  await reporter.end({ results, skippedByTags, durationMs: performance.now() - started });
  if (interruption.exitCode !== undefined) {
    process.stderr.write(`${interruptedSummary(interruption.by!, running, outcome.notStarted, await startedCount(servers))}\n`);
    return interruption.exitCode;
  }
  const hint = noServerHint(results, options);
  if (hint) process.stderr.write(`${hint}\n`);
  if (results.some((result) => result.status === 'errored')) return 2;
  return results.some((result) => result.status === 'failed') ? 1 : 0;
}

/** One lane of a run: the run options its scenarios get, and its local server, if it has one. */
interface Lane {
  settings: Partial<RunOptions>;
  server?: LocalProsody;
}

/** A lane on a local server: the options given, with that server's address. */
function laneOn(settings: Partial<RunOptions>, server: LocalProsody): Lane {
  return { settings: { ...settings, host: server.host, port: server.port }, server };
}

/** What a signal cut short, for stderr: `SIGTERM: run interrupted; cut short a.scs (at line 12); 3 files not started; ...`. */
function interruptedSummary(by: string, running: Map<string, number>, notStarted: number, servers: number): string {
  const parts = [`${by}: run interrupted`];
  if (running.size > 0) {
    const cut = [...running].map(([file, line]) => `${terminalSafe(file)}${line > 0 ? ` (at line ${line})` : ''}`);
    parts.push(`cut short ${cut.join(', ')}`);
  }
  parts.push(`${notStarted} file${notStarted === 1 ? '' : 's'} not started`);
  if (servers > 0) parts.push(`${servers} local server${servers === 1 ? '' : 's'} stopped and ${servers === 1 ? 'its folder' : 'their folders'} removed`);
  return `${parts.join('; ')}.`;
}

/** Writes a scenario whose expectations `--update-snapshots` changed, and says so on stderr. */
async function saveAccepted(file: string, updated: SnapshotRun): Promise<void> {
  if (updated.acceptedLines.length === 0) return;
  await writeFileAtomically(file, updated.text);
  const lines = updated.acceptedLines.join(', ');
  process.stderr.write(`scs: updated ${terminalSafe(file)}: accepted the received stanza at line${updated.acceptedLines.length > 1 ? 's' : ''} ${lines}\n`);
}

/** Reads and checks a file; the gate decides from the diagnostics `scs check` prints. With `line`,
 *  the run stops after the step at that 1-based line. */
async function load(file: string, line?: number): Promise<Loaded> {
  const check = await checkFile(file);
  if (check.readError !== undefined || !check.scenario) {
    const at = { line: 0, character: 0 };
    const unreadable = { code: 'read-error', severity: 'error' as const, range: { start: at, end: at }, message: check.readError ?? 'could not be read' };
    return { file, refusal: refusalFrom([unreadable]) };
  }
  const loaded: Loaded = { file, scenario: check.scenario, refusal: refusalFrom(check.diagnostics) };
  if (line !== undefined) loaded.stopAfter = stopAfterLine(check.scenario, line);
  return loaded;
}
