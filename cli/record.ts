// `scs record --upstream HOST:PORT --output FILE.scs`: a recording proxy between any XMPP client and
// any server (core/recorder). Ctrl+C, or with `--once` the last client leaving, writes the file.
// Exit codes: 0 file written, 1 nothing recorded (no file written), 2 usage or start-up error.

import type { Command } from 'commander';
import { accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatAddress, parseAddress } from '../core/address.js';
import { startRecording, type RecordingSession } from '../core/recorder/index.js';
import { defaultConfigTemplate, describeServerConfig, serverConfigFor, type LocalProsody } from '../core/prosody/index.js';
import { startLocalServers } from './localServer.js';
import { Interruption } from './interrupt.js';
import { waitProblem } from '../core/seconds.js';
import { shellWord } from '../core/shellWord.js';

interface RecordCommandOptions {
  upstream?: string;
  localServer?: boolean;
  serverConfig?: string;
  listen: string;
  output: string;
  tls: boolean;
  tlsInsecure?: boolean;
  keepPasswords?: boolean;
  once?: boolean;
  timeout: string;
}

export function registerRecordCommand(program: Command): void {
  program
    .command('record')
    .description('record the session of any XMPP client with any server into a scenario that replays')
    .requiredOption('--output <file>', 'the .scs file to write')
    .option('--upstream <host:port>', 'the XMPP server the clients really talk to')
    .option('--local-server', 'record against a throwaway local Prosody instead of --upstream')
    .option('--server-config <file>', 'the prosody.cfg.lua the local server adapts (default: the one beside --output, else scenarios/prosody.cfg.lua)')
    .option('--listen <host:port>', 'where clients connect (loopback unless you say otherwise)', '127.0.0.1:5223')
    .option('--no-tls', 'offer clients no STARTTLS (their passwords then cross the loopback in clear)')
    .option('--tls-insecure', 'accept any TLS certificate from the upstream server (a test server)')
    .option('--keep-passwords', "write the clients' real passwords into the scenario")
    .option('--once', 'stop and write the file when the last client leaves')
    .option('--timeout <seconds>', 'how long a login to the upstream server may take', '10')
    .action(async (options: RecordCommandOptions) => {
      const usage = (message: string): never => program.error(`error: ${message}`, { exitCode: 2 });
      process.exitCode = await record(options, usage);
    });
}

async function record(options: RecordCommandOptions, usage: (message: string) => never): Promise<number> {
  if (!options.upstream === !options.localServer) usage('give either --upstream HOST:PORT or --local-server');
  if (options.serverConfig && !options.localServer) usage('--server-config needs --local-server');
  const timeoutProblem = waitProblem(Number(options.timeout), '--timeout', options.timeout);
  if (timeoutProblem) usage(timeoutProblem);
  const timeoutMs = Number(options.timeout) * 1000;
  const address = (text: string, option: string, lowestPort: 0 | 1 = 1) => {
    const parsed = parseAddress(text, lowestPort);
    return typeof parsed === 'string' ? usage(`${option} ${parsed}`) : parsed;
  };
  // Port 0 lets the system choose a free port (printed once listening).
  const listen = address(options.listen, '--listen', 0);
  let upstream = options.upstream ? address(options.upstream, '--upstream') : undefined;
  const output = resolve(options.output);
  // Say it now, not after a whole session: the file is written only when recording stops.
  try {
    accessSync(dirname(output), constants.W_OK);
  } catch {
    usage(`cannot write ${options.output}: its folder does not exist or is not writable`);
  }
  const started = performance.now();
  const log = (text: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);

  const interruption = new Interruption();
  let server: LocalProsody | undefined;
  if (options.localServer) {
    // The rule of `scs run --local-server` (core/serverConfig.ts) for the scenario being written, so
    // that the replay printed at the end runs against the same configuration.
    const config = serverConfigFor([output], options.serverConfig, defaultConfigTemplate);
    [server] = await startLocalServers(1, config.file).catch((error: Error) => usage(`could not start a local server: ${error.message}`));
    upstream = { host: server.host, port: server.port };
    log(`local server configuration: ${describeServerConfig(config)}`);
  }
  let session: RecordingSession;
  try {
    session = await startRecording({
      listenHost: listen.host,
      listenPort: listen.port,
      upstream: { ...upstream!, tlsInsecure: options.tlsInsecure === true, timeoutMs },
      tls: options.tls,
      keepPasswords: options.keepPasswords === true,
      output,
      onNotice: log,
    });
  } catch (error) {
    await server?.stop();
    return usage(`cannot listen on ${options.listen}: ${(error as Error).message}`);
  }
  printHowToConnect(session, upstream!, output, options.once === true);

  // Ctrl+C is how a recording normally ends: the first signal writes the file (exit 0); a second one
  // exits at once (interrupt.ts), and the file is then written whole or not at all.
  // The signal is said by Interruption (stderr); the last client leaving is said here.
  const stopRequested = new Promise<undefined>((resolveStop) => {
    if (interruption.signal.aborted) resolveStop(undefined);
    interruption.signal.addEventListener('abort', () => resolveStop(undefined));
  });
  const lastClientLeft = options.once ? untilLastClientLeaves(session) : new Promise<never>(() => {});
  const why = await Promise.race([stopRequested, lastClientLeft]);
  if (why) log(`${why}: stopping`);
  try {
    const outcome = await session.finish();
    if (!outcome.file) {
      console.log('Nothing was recorded (no client logged in and bound a resource): no file written.');
      return 1;
    }
    console.log(`Wrote ${outcome.file}: ${outcome.characters} character${outcome.characters === 1 ? '' : 's'}, ${outcome.steps} steps.`);
    const config = options.serverConfig ? ` --server-config ${shellWord(options.serverConfig)}` : '';
    const target = options.localServer ? `--local-server${config}` : `--server ${shellWord(options.upstream!)}`;
    console.log(`Replay it with: scs run ${shellWord(options.output)} ${target}${options.tlsInsecure ? ' --tls-insecure' : ''}`);
    return 0;
  } catch (error) {
    console.error(`error: could not write ${output}: ${(error as Error).message}`);
    return 2;
  } finally {
    await server?.stop();
    interruption.dispose();
  }
}

/** Resolves when the client count drops to zero after a client came. */
async function untilLastClientLeaves(session: RecordingSession): Promise<string> {
  for (;;) {
    const left = await session.proxy.nextDeparture();
    if (left === 0) return 'the last client left (--once)';
  }
}

function printHowToConnect(session: RecordingSession, upstream: { host: string; port: number }, output: string, once: boolean): void {
  const { host, port } = session.proxy.address;
  console.log(`Recording proxy on ${formatAddress({ host, port })}, relaying to ${formatAddress(upstream)}.`);
  console.log(`Point your XMPP client at host ${host}, port ${port} (its "connect to host/port" setting), and log in as usual.`);
  const authority = session.proxy.authority;
  if (authority && session.authorityFile) {
    console.log('The proxy offers STARTTLS with a certificate signed by its own authority, made just now:');
    console.log(`  authority certificate: ${session.authorityFile}`);
    console.log(`  SHA-256 fingerprint:   ${authority.fingerprint}`);
    console.log('  Trust it for this session: accept that fingerprint when your client asks, or import the file');
    console.log(`  (Node.js clients: NODE_EXTRA_CA_CERTS=${session.authorityFile}; system-wide on Debian: copy it to`);
    console.log('  /usr/local/share/ca-certificates/scs-record.crt and run update-ca-certificates).');
  } else {
    console.log('STARTTLS is not offered (--no-tls).');
  }
  console.log(`${once ? 'The file is written when the last client leaves, or on Ctrl+C' : 'Press Ctrl+C to stop and write'}: ${output}`);
}
