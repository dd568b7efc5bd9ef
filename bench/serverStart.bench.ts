// The language server's share of activation (issue 12, item 3): from spawning dist/server.js to the
// first diagnostics of a corpus file opened at once, as the extension starts it (node with
// serverNodeOptions, in the environment serverEnvironment makes: client/src/serverProcess.ts), here
// over stdio (the extension uses node IPC; the messages are the same). Needs no VS Code. Each
// figure is the median of `runs` fresh servers, with the spread between runs, broken down into:
// - server_node_start_ms: node itself, spawned with the same options on an empty script to its exit;
// - server_initialize_ms: spawn to the answer to `initialize` (node start, loading the bundle, the
//   initialize handler);
// - server_load_ms: the median of the one less the median of the other: loading the bundle and
//   answering `initialize` (an estimate: a loaded machine stretches each start differently);
// - server_open_to_diagnostics_ms: `didOpen`, sent right after `initialized`, to its diagnostics;
// - server_first_diagnostics_ms: spawn to those diagnostics, the sum of the two before;
// - server_first_diagnostics_cpu_ms: the server's CPU time (all threads) by then, from /proc in
//   10 ms ticks: what the start costs whatever else runs on the machine.
// These are starts from V8's code cache (server/src/start.ts), as every start but the first after
// an install or update is; the same figures with `_uncached_ms` are starts without it, each run right
// after its cached twin.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverEnvironment, serverNodeOptions } from '../client/src/serverProcess.js';
import { LspClient, repoRoot } from '../test/server/lspClient.js';
import { percentile, spreadOf, type Emit } from './emit.js';
import { cpuMilliseconds } from './languageServer.js';

const runs = 7;
/** The extension's options for node. */
const nodeOptions = [...serverNodeOptions];
const corpusFile = join(repoRoot, '../shared/corpus/prosody-0.12/muc_members_only_deregister.scs');

export default async function serverStartBench(emit: Emit): Promise<void> {
  const text = readFileSync(corpusFile, 'utf8');
  emit('load_average_1m_at_start', loadavg()[0], '');
  const figures = new Map<string, number[]>();
  const record = (name: string, value: number) => figures.set(name, [...(figures.get(name) ?? []), value]);
  const cacheDirectory = mkdtempSync(join(tmpdir(), 'scansion-bench-cache-'));
  // The servers and node below inherit this process's environment: the one the extension gives.
  const environment = process.env;
  process.env = serverEnvironment(environment);
  const cacheSetting = process.env.SCANSION_CODE_CACHE_DIR;
  try {
    // The first start makes the cache.
    process.env.SCANSION_CODE_CACHE_DIR = cacheDirectory;
    await firstDiagnostics(text, 'warm-up');
    for (let run = 0; run < runs; run++) {
      record('server_node_start_ms', await nodeStart());
      for (const [suffix, directory] of [
        ['', cacheDirectory],
        ['_uncached', ''],
      ]) {
        process.env.SCANSION_CODE_CACHE_DIR = directory;
        for (const [name, value] of Object.entries(await firstDiagnostics(text, `${run}${suffix}`))) record(name.replace(/_ms$/, `${suffix}_ms`), value);
      }
    }
  } finally {
    if (cacheSetting === undefined) delete process.env.SCANSION_CODE_CACHE_DIR;
    else process.env.SCANSION_CODE_CACHE_DIR = cacheSetting;
    process.env = environment;
    rmSync(cacheDirectory, { recursive: true, force: true });
  }
  for (const [name, values] of figures) emit(name, percentile(values, 50), 'ms', spreadOf(values));
  const median = (name: string) => percentile(figures.get(name)!, 50);
  for (const suffix of ['', '_uncached']) {
    emit(`server_load${suffix}_ms`, median(`server_initialize${suffix}_ms`) - median('server_node_start_ms'), 'ms');
  }
  emit('load_average_1m_at_end', loadavg()[0], '');
}

/** Starts a server, opens the corpus file in it and stops it; the times of that start. */
async function firstDiagnostics(text: string, run: string): Promise<Record<string, number>> {
  const spawned = performance.now();
  const client = await LspClient.start(nodeOptions);
  try {
    const initialized = performance.now();
    const published = await client.open(`file:///bench/start-${run}.scs`, text);
    const diagnosed = performance.now();
    if (published.diagnostics.length !== 0) throw new Error(`${corpusFile} got diagnostics: ${JSON.stringify(published.diagnostics[0])}`);
    return {
      server_initialize_ms: initialized - spawned,
      server_open_to_diagnostics_ms: diagnosed - initialized,
      server_first_diagnostics_ms: diagnosed - spawned,
      server_first_diagnostics_cpu_ms: cpuMilliseconds(client.process.pid!),
    };
  } finally {
    await client.stop();
  }
}

/** Milliseconds from spawning node, with the server's options, on an empty script to its exit. */
function nodeStart(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeOptions, '-e', ''], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node exited with ${code}`))));
  });
}
