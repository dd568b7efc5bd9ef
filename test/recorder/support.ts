// The recorder tests' pieces: the built `scs record` as a child process, and the scripted
// third-party client (fixtures/session-client.mjs, @xmpp/client) run against it.

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { after } from 'node:test';

const cli = resolve('dist/cli.js');
const sessionClient = resolve('test/recorder/fixtures/session-client.mjs');

export interface RunningRecorder {
  pid: number;
  /** Where clients connect. */
  host: string;
  port: number;
  /** The proxy's certificate authority file (undefined with --no-tls). */
  authorityFile?: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once the recorder exits. */
  exited: Promise<number>;
  /** Sends SIGINT (Ctrl+C). */
  interrupt(): void;
  /** Kills it if still running (after a failed test). */
  kill(): void;
}

/** Starts `scs record ARGS --listen 127.0.0.1:0` (in `env`, default this process's) and waits until
 *  it has said how to connect. */
export async function startRecorder(args: string[], env?: NodeJS.ProcessEnv): Promise<RunningRecorder> {
  const child = spawn(process.execPath, [cli, 'record', '--listen', '127.0.0.1:0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1))));
  const deadline = Date.now() + 20_000;
  while (!/(Press Ctrl\+C to stop and write|The file is written when)[^\n]*\n/.test(text)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`scs record did not start:\n${text}`);
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }
  const [, host, port] = /Recording proxy on ([\d.]+):(\d+)/.exec(text)!;
  const authorityFile = /authority certificate: (\S+)/.exec(text)?.[1];
  return {
    pid: child.pid!,
    host,
    port: Number(port),
    authorityFile,
    output: () => text,
    exited,
    interrupt: () => void child.kill('SIGINT'),
    kill: () => void (child.exitCode === null && child.kill('SIGKILL')),
  };
}

/** For one test file: a `startRecorder` whose recorders still running when the file's tests end
 *  are killed (after a failed test). */
export function recorderStarter(): (args: string[], env?: NodeJS.ProcessEnv) => Promise<RunningRecorder> {
  const started: RunningRecorder[] = [];
  after(() => {
    for (const recorder of started) recorder.kill();
  });
  return async (args, env) => {
    const recorder = await startRecorder(args, env);
    started.push(recorder);
    return recorder;
  };
}

export interface ClientRun {
  code: number;
  output: string;
}

/** Runs the scripted client in one of its modes against the recorder, trusting its authority. */
export function runClient(
  recorder: Pick<RunningRecorder, 'host' | 'port' | 'authorityFile'>,
  mode: 'session' | 'login' | 'mid-stanza' | 'linger',
  onLine?: (line: string) => void,
): { done: Promise<ClientRun>; child: ChildProcess } {
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: recorder.authorityFile ?? '' };
  const child = spawn(process.execPath, [sessionClient, recorder.host, String(recorder.port), mode], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line) onLine?.(line);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const done = new Promise<ClientRun>((finish) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      finish({ code: code ?? 1, output });
    }),
  );
  return { done, child };
}
