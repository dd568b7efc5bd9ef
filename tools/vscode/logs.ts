// Reads timings from the logs VS Code writes under a profile's user-data folder. With code-server's
// `--log trace`, the extension host logs when each extension activates and when diagnostics reach a
// collection, with millisecond timestamps.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every *.log file under `dir`, recursively. */
function logFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return logFiles(path);
    return entry.name.endsWith('.log') ? [path] : [];
  });
}

/** `2026-11-25 18:21:52.383 [info] ...` -> epoch milliseconds (the log's local time). */
function timestampOf(line: string): number | undefined {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, ms] = match.slice(1).map(Number);
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
}

/** The times of the log lines (in any log under `logsDir`) that satisfy `matches`, in order. */
function logTimes(logsDir: string, matches: (line: string) => boolean): number[] {
  return logFiles(logsDir)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(matches)
        .map(timestampOf)
        .filter((time): time is number => time !== undefined),
    )
    .sort((a, b) => a - b);
}

/** One extension's activation, as the extension host logs it: when, which extension
 *  (publisher.name), and the activation event that caused it (`onLanguage:jsonc`, `*`, ...). */
export interface Activation {
  time: number;
  extensionId: string;
  event: string;
}

/** Every extension activation that the extension hosts logged (any log under `logsDir`), in order
 *  of time. */
export function activations(logsDir: string): Activation[] {
  return logFiles(logsDir)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line) => {
          const match = /ExtensionService#_doActivateExtension ([^,\s]+), .*activationEvent: '([^']*)'/.exec(line);
          const time = timestampOf(line);
          return match && time !== undefined ? [{ time, extensionId: match[1], event: match[2] }] : [];
        }),
    )
    .sort((a, b) => a.time - b.time);
}

/** Each time the extension host activated `extensionId` (publisher.name), in order. */
export function activationTimes(logsDir: string, extensionId: string): number[] {
  return activations(logsDir)
    .filter((activation) => activation.extensionId === extensionId)
    .map((activation) => activation.time);
}

/** Each time the extension host took diagnostics for a file whose URI ends with `fileName` into a
 *  collection (the extension host's own trace, written as it happens; the language client's output
 *  channel log is written in batches, up to a second later). */
export function diagnosticsTimes(logsDir: string, fileName: string): number[] {
  return logTimes(logsDir, (line) => line.includes('[DiagnosticCollection] change') && line.includes(fileName));
}
