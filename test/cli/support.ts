// Shared pieces of the CLI tests: small scenarios, and running a built command.

import { execFile } from 'node:child_process';
import { character, selfPresence } from '../runner/support.js';

/** Romeo gets his own presence back: passes on a real server. */
export const passing = (title: string, tags = '') => `# ${title}\n${tags}\n${character('Romeo', 'romeo')}${selfPresence}Romeo disconnects\n`;

/** Romeo sends himself "hello" and waits for "goodbye": fails at its `receives` (a timeout). */
export const failing = `# A body, changed

${character('Romeo', 'romeo')}-----
Romeo connects

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat"><body>hello</body></message>

Romeo receives:
	<message type="chat"><body>goodbye</body></message>
`;

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a built command (`dist/…js`) with node; never rejects. */
export function runBuilt(script: string, args: string[], cwd?: string): Promise<Ran> {
  return new Promise((done) => {
    execFile(process.execPath, [script, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The JSON lines of `--reporter json`. */
export function jsonLines(stdout: string): Array<Record<string, any>> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, any>);
}
