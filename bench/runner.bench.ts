// Runner overhead against a real Prosody:
// - step_overhead_ratio: a `sends` + `receives` round trip through the engine, divided by the same
//   round trip (a message to oneself) on a bare socket in the same run (target <= 1.3). Each of
//   the three ways first runs a warm-up that is not measured (the engine is a lot of code for the
//   JIT to optimise; the bare loop is hot after a few rounds), then they take turns in measured
//   passes, each keeping its best median;
// - sync_cost_ms: what the no-race sync (a ping round trip) adds to a step that follows another
//   character's `sends`, from the same scenario run with and without it;
// - corpus_serial_s, corpus_jobs2_s: `scs run --local-server` over ../shared/corpus/prosody-0.12
//   (when present), serially on one server and with --jobs 2 on two, server start-up included,
//   with the Prosody configuration the corpus was written for; three of each, in turn, and
//   corpus_jobs2_to_serial_ratio (target <= 0.55) from each pair. Scenarios that fail on this
//   Prosody wait out the --timeout of 2 s in both. Beside them, what the wall time is made of: the
//   scenarios' time per lane and the fixed chain around it, and corpus_jobs2_even_split_ratio, the
//   ratio a perfect split of the serial run's scenario time would give.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { Element } from 'ltx';
import { parseScenario } from '../core/parser/index.js';
import { connect as openConnection } from '../core/runner/connection.js';
import { runScenario } from '../core/runner/index.js';
import { startProsody } from '../core/prosody/index.js';
import { percentile, spreadOf, type Emit } from './emit.js';

/** Turns of the conversation that measures the sync's cost. */
const conversationTurns = 200;
const warmUpRounds = 2000;
const measuredPasses = 5;
const measuredRounds = 500;

export default async function (emit: Emit): Promise<void> {
  const server = await startProsody({ logLevel: 'warn' });
  try {
    const options = { host: server.host, port: server.port, timeoutMs: 5000 };
    await engineRoundTrips(options, warmUpRounds);
    await libraryRoundTrips(server.port, warmUpRounds);
    await bareRoundTrips(server.port, warmUpRounds);
    // Each keeps its best median: other load on the machine only ever adds time.
    const best = { engine: Infinity, library: Infinity, bare: Infinity };
    for (let pass = 0; pass < measuredPasses; pass++) {
      best.engine = Math.min(best.engine, percentile(await engineRoundTrips(options, measuredRounds), 50));
      best.library = Math.min(best.library, percentile(await libraryRoundTrips(server.port, measuredRounds), 50));
      best.bare = Math.min(best.bare, percentile(await bareRoundTrips(server.port, measuredRounds), 50));
    }
    emit('step_round_trip_engine_ms', best.engine, 'ms');
    // The same round trip on the runner's connection alone (core/runner/connection.ts: the stream's
    // parser and ltx serialisation, no engine): what parsing and building stanzas cost.
    emit('step_round_trip_xmpp_ms', best.library, 'ms');
    emit('step_round_trip_bare_ms', best.bare, 'ms');
    emit('step_overhead_ratio', best.engine / best.bare, 'ratio');

    // Alternate the two and keep each one's best run: other load on the machine only adds time.
    const withSync: number[] = [];
    const withoutSync: number[] = [];
    for (let repeat = 0; repeat < 3; repeat++) {
      withSync.push(await conversation({ ...options, sync: true }));
      withoutSync.push(await conversation({ ...options, sync: false }));
    }
    emit('sync_cost_ms', (Math.min(...withSync) - Math.min(...withoutSync)) / conversationTurns, 'ms');
  } finally {
    await server.stop();
  }

  const corpus = resolve('../shared/corpus/prosody-0.12');
  if (existsSync(corpus)) {
    // Serial and --jobs 2 in turn, the ratio taken for each pair, so that both see the same load.
    const serial: CorpusRun[] = [];
    const jobs2: CorpusRun[] = [];
    for (let pair = 0; pair < corpusPairs; pair++) {
      serial.push(await corpusRun(corpus, 1));
      jobs2.push(await corpusRun(corpus, 2));
    }
    const figure = (name: string, samples: number[], unit: string) => emit(name, percentile(samples, 50), unit, spreadOf(samples));
    figure(
      'corpus_serial_s',
      serial.map((run) => run.wallSeconds),
      's',
    );
    figure(
      'corpus_jobs2_s',
      jobs2.map((run) => run.wallSeconds),
      's',
    );
    // The target: corpus_jobs2_s / corpus_serial_s.
    figure(
      'corpus_jobs2_to_serial_ratio',
      jobs2.map((run, i) => run.wallSeconds / serial[i].wallSeconds),
      'x',
    );
    // CPU time of the CLI and the Prosody servers it started: the same work either way, so a ratio
    // far above 0.5 on a quiet machine means waiting, not computing.
    figure(
      'corpus_serial_cpu_s',
      serial.map((run) => run.cpuSeconds),
      's',
    );
    figure(
      'corpus_jobs2_cpu_s',
      jobs2.map((run) => run.cpuSeconds),
      's',
    );
    // What the wall time is made of: the scenarios (the sum of their durations on each lane) and
    // the rest, a chain of fixed costs both runs pay (node's start, the servers' start and stop).
    figure(
      'corpus_serial_scenarios_s',
      serial.map((run) => run.laneSeconds[0]),
      's',
    );
    figure(
      'corpus_serial_fixed_s',
      serial.map((run) => run.wallSeconds - run.laneSeconds[0]),
      's',
    );
    figure(
      'corpus_jobs2_lanes_s',
      jobs2.map((run) => Math.max(...run.laneSeconds)),
      's',
    );
    // The ratio --jobs 2 would reach if it split the serial run's scenario time exactly in two and
    // paid the serial run's fixed chain once: (fixed + scenarios / 2) / wall, for each serial run.
    figure(
      'corpus_jobs2_even_split_ratio',
      serial.map((run) => (run.wallSeconds - run.laneSeconds[0] / 2) / run.wallSeconds),
      'x',
    );
  }
}

/** How many serial and --jobs 2 runs of the corpus, each. */
const corpusPairs = 3;

interface CorpusRun {
  wallSeconds: number;
  /** CPU time (user + system) of the CLI and the processes it waited for (its Prosody servers). */
  cpuSeconds: number;
  /** Per lane (server), the sum of its scenarios' durations, in seconds, longest first. */
  laneSeconds: number[];
}

/** Linux's USER_HZ, the unit of /proc/PID/stat times: 100 on every common platform. */
const clockTicksPerSecond = 100;

/** CPU time of this process's children that have ended and been waited for, from /proc, in seconds. */
function childrenCpuSeconds(): number {
  // Fields after the command name, which is in parentheses and may hold spaces: cutime, cstime.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / clockTicksPerSecond;
}

/** The built CLI running the whole corpus folder, each job with its own local Prosody. */
function corpusRun(corpus: string, jobs: number): Promise<CorpusRun> {
  const args = [
    'dist/cli.js',
    'run',
    '--local-server',
    '--server-config',
    join(corpus, 'prosody.cfg.lua'),
    '--jobs',
    String(jobs),
    '--timeout',
    '2',
    '--reporter',
    'json',
    corpus,
  ];
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      const wallSeconds = (performance.now() - started) / 1000;
      const events = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; server?: string; durationMs?: number });
      // Exit code 1 (a scenario failed) still measures the run; anything else means it did not run.
      if (events.at(-1)?.event !== 'summary' || (error && error.code !== 1)) fail(new Error(`corpus run failed: ${error?.message}`));
      else done({ wallSeconds, cpuSeconds: childrenCpuSeconds() - cpuBefore, laneSeconds: laneSeconds(events) });
    });
  });
}

/** The sum of the scenarios' durations on each server (`scenarioEnd` lines), in seconds, longest first. */
function laneSeconds(events: Array<{ event: string; server?: string; durationMs?: number }>): number[] {
  const lanes = new Map<string, number>();
  for (const { event, server, durationMs } of events) {
    if (event === 'scenarioEnd' && server !== undefined) lanes.set(server, (lanes.get(server) ?? 0) + (durationMs ?? 0) / 1000);
  }
  return [...lanes.values()].sort((a, b) => b - a);
}

const header = `[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n[Client] Juliet\n\tjid: juliet@localhost\n\tpassword: password\n\n-----\nRomeo connects\nJuliet connects\n`;

/** Per round: from the start of Romeo's `sends` to the start of the next round's, so the
 *  engine's work between steps counts too. */
async function engineRoundTrips(options: { host: string; port: number; timeoutMs: number }, rounds: number): Promise<number[]> {
  let text = header;
  for (let n = 0; n < rounds; n++) {
    text += `Romeo sends:\n\t<message to="\${Romeo's full JID}" type="chat"><body>round ${n}</body></message>\n`;
    text += `Romeo receives:\n\t<message type="chat"><body>round ${n}</body></message>\n`;
  }
  // Filled in place: the listener's own work stays out of the measured steps.
  const starts = new Float64Array(rounds + 1);
  let stamped = 0;
  const result = await runScenario(parseScenario(text), 'engine.scs', options, (event) => {
    // Steps 0 and 1 connect; even steps from 2 on are the `sends` of each round.
    if (event.event === 'stepStart' && event.index >= 2 && event.index % 2 === 0) starts[stamped++] = performance.now();
    else if (event.event === 'stepEnd' && event.step.index === 2 * rounds + 1) starts[stamped++] = performance.now();
  });
  if (result.status !== 'passed') throw new Error(`engine round trips failed: ${result.failure?.message}`);
  return Array.from(starts.subarray(1), (time, index) => time - starts[index]);
}

/** Total time of a scenario where Romeo and Juliet take turns sending, so every step but the first
 *  follows the other character's `sends`. */
async function conversation(options: { host: string; port: number; timeoutMs: number; sync: boolean }): Promise<number> {
  let text = header;
  for (let n = 0; n < conversationTurns; n++) {
    const [from, to] = n % 2 === 0 ? ['Romeo', 'Juliet'] : ['Juliet', 'Romeo'];
    text += `${from} sends:\n\t<message to="\${${to}'s full JID}" type="chat"><body>turn ${n}</body></message>\n`;
    text += `${to} receives:\n\t<message type="chat"><body>turn ${n}</body></message>\n`;
  }
  const started = performance.now();
  const result = await runScenario(parseScenario(text), 'conversation.scs', options);
  if (result.status !== 'passed') throw new Error(`conversation failed: ${result.failure?.message}`);
  return performance.now() - started;
}

/** The same round trips on the runner's XMPP connection, without the engine around it. */
async function libraryRoundTrips(port: number, rounds: number): Promise<number[]> {
  const connection = await openConnection({
    host: '127.0.0.1',
    port,
    domain: 'localhost',
    username: 'library',
    password: 'password',
    tlsInsecure: false,
    timeoutMs: 5000,
  });
  let arrived: () => void = () => {};
  connection.onStanza(() => arrived());
  const times: number[] = [];
  try {
    for (let n = 0; n < rounds; n++) {
      const started = performance.now();
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      await connection.send(new Element('message', { to: connection.jid, type: 'chat' }).c('body').t(`round ${n}`).root());
      await arrival;
      times.push(performance.now() - started);
    }
  } finally {
    await connection.close();
  }
  return times;
}

/** The same message-to-self round trips on a raw TCP socket, with a hand-made login. */
async function bareRoundTrips(port: number, rounds: number): Promise<number[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let buffer = '';
  let wanted: { text: string; resolve: () => void } | undefined;
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    if (wanted && buffer.includes(wanted.text)) {
      buffer = '';
      const { resolve } = wanted;
      wanted = undefined;
      resolve();
    }
  });
  const exchange = (send: string, until: string) =>
    new Promise<void>((resolve) => {
      wanted = { text: until, resolve };
      socket.write(send);
    });
  const open = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>`;
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    await exchange(open, '</stream:features>');
    const plain = Buffer.from('\0bare\0password').toString('base64');
    await exchange(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`, '<success');
    await exchange(open, '</stream:features>');
    await exchange(`<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bare</resource></bind></iq>`, '</iq>');
    const times: number[] = [];
    for (let n = 0; n < rounds; n++) {
      const started = performance.now();
      await exchange(`<message to='bare@localhost/bare' type='chat'><body>round ${n}</body></message>`, '</message>');
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    socket.destroy();
  }
}
