// A recording from start to file, shared by `scs record` and the VS Code command: starts the proxy,
// writes its certificate authority where clients can be pointed at it, and on `finish()` stops the
// proxy and writes the scenario atomically (or no file at all when nothing was recorded).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ownedFolderPrefix, removeLeftovers } from '../prosody/owned.js';
import { writeFileAtomically } from './atomicWrite.js';
import { RecordingProxy, type ProxyOptions } from './proxy.js';
import { writeScenario } from './scenarioWriter.js';
import { formatAddress } from '../address.js';

export interface RecordingOptions extends ProxyOptions {
  /** The .scs file to write. */
  output: string;
  keepPasswords: boolean;
}

export interface RecordingOutcome {
  /** The file written, or undefined when nothing was recorded (no client bound a resource). */
  file?: string;
  characters: number;
  /** Steps written (connects, sends, receives, disconnects). */
  steps: number;
}

export interface RecordingSession {
  readonly proxy: RecordingProxy;
  /** The PEM file of the proxy's certificate authority (while recording), when TLS is offered. */
  readonly authorityFile?: string;
  /** Stops the proxy (clients' streams are ended), writes the file, removes the authority file.
   *  Safe to call more than once. Rejects when the file cannot be written. */
  finish(): Promise<RecordingOutcome>;
}

/** Starts recording; rejects when the proxy cannot listen. */
export async function startRecording(options: RecordingOptions): Promise<RecordingSession> {
  const proxy = await RecordingProxy.start(options);
  let folder: string | undefined;
  let authorityFile: string | undefined;
  if (proxy.authority) {
    // Named after this process, so that a later start removes it if this one is killed (SIGKILL).
    removeLeftovers();
    folder = await mkdtemp(ownedFolderPrefix('record'));
    authorityFile = join(folder, 'scs-record-ca.pem');
    await writeFile(authorityFile, proxy.authority.cert);
  }
  let finishing: Promise<RecordingOutcome> | undefined;
  const finish = async (): Promise<RecordingOutcome> => {
    try {
      await proxy.stop();
      const { recording } = proxy;
      const characters = recording.connections.length;
      if (recording.isEmpty) return { characters, steps: 0 };
      const upstream = formatAddress(options.upstream);
      const text = writeScenario(recording, { keepPasswords: options.keepPasswords, upstream, date: new Date() });
      await writeFileAtomically(options.output, text);
      return { file: options.output, characters, steps: recording.events.length };
    } finally {
      if (folder) await rm(folder, { recursive: true, force: true });
    }
  };
  return {
    proxy,
    authorityFile,
    finish: () => (finishing ??= finish()),
  };
}
