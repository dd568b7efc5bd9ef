// Pieces shared by the language server benchmarks (languageServer.bench.ts, hugeDocument.bench.ts): typing
// in a document over LSP, and the server process's memory and CPU time from /proc (Linux only).
import { readFileSync } from 'node:fs';
import type { Position } from 'vscode-languageserver/node';
import type { LspClient } from '../test/server/lspClient.js';

/**
 * Types one character into a `<body>` text in the second half of the open document `uri` (whose
 * text is `lines`) and deletes it again, in turn, `count` edits in all, so that the document stays
 * valid and every edit changes it. Returns each edit's time from the change to its published
 * diagnostics, in milliseconds. Throws when an edit gets diagnostics (the document is not valid).
 */
export async function typeInBody(client: LspClient, uri: string, lines: readonly string[], count: number): Promise<number[]> {
  const bodyLine = lines.findIndex((line, index) => index > lines.length / 2 && line.includes('<body>'));
  const at: Position = { line: bodyLine, character: lines[bodyLine].indexOf('<body>') + 6 };
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const change =
      i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    const started = performance.now();
    const published = await client.change(uri, [change]);
    times.push(performance.now() - started);
    if (published.diagnostics.length !== 0) throw new Error(`edit ${i} produced diagnostics`);
  }
  return times;
}

/** Linux's USER_HZ, the unit of /proc/PID/stat times: 100 on every common platform. */
const clockTicksPerSecond = 100;

/** CPU time (user + system) the process has used, from /proc, in milliseconds. */
export function cpuMilliseconds(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
}

/** The process's resident set size, from /proc, in MiB. */
export function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}
