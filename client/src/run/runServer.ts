// The server a run connects to: the remote one as it is, or a throwaway local Prosody started for
// the run and stopped after it. Logs what it does (runLog.ts). Free of `vscode`; loaded on demand
// with the runner (onDemandEntry.ts).

import { describeServerConfig, startProsody, type LocalProsody, type ServerConfigChoice } from '../../../core/prosody/index.js';
import { localProsodyStartedLine, localProsodyStoppedLines, type Log } from './runLog.js';
import type { RunTarget } from './target.js';

export interface RunServer {
  host: string;
  port: number;
  /** The local Prosody started for this run, if any. */
  local?: LocalProsody;
  /** Stops the local Prosody (logging the end of its log) or does nothing. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a local Prosody (adapting `prosodyConfig`, at log level warn) when `target` is local,
 * logging its port, log file and configuration. Rejects when Prosody cannot start (not installed, no port):
 * the error says why.
 */
export async function openRunServer(target: RunTarget, prosodyConfig: ServerConfigChoice, log: Log): Promise<RunServer> {
  if (target.kind === 'remote') return { host: target.host, port: target.port, close: () => Promise.resolve() };
  const local = await startProsody({ configTemplate: prosodyConfig.file, logLevel: 'warn' });
  log.info(localProsodyStartedLine(local, describeServerConfig(prosodyConfig)));
  let closing: Promise<void> | undefined;
  const close = async () => {
    // Its log is read before stop() removes its folder.
    const said = local.logs();
    await local.stop();
    const [stopped, ...rest] = localProsodyStoppedLines(local, said);
    log.info(stopped);
    if (rest.length > 0) log.warn(rest.join('\n'));
  };
  return { host: local.host, port: local.port, local, close: () => (closing ??= close()) };
}
