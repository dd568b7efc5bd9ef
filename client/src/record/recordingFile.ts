// Where "Scansion: Record Scenario" writes its file. Free of `vscode`.

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** `recording-YYYY-MM-DD-HHMMSS.scs` (local time) in `folder`, with `-2`, `-3`, … added when a file
 *  of that name exists already. */
export function recordingFile(folder: string, now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  for (let attempt = 1; ; attempt++) {
    const file = join(folder, `recording-${stamp}${attempt === 1 ? '' : `-${attempt}`}.scs`);
    if (!existsSync(file)) return file;
  }
}

/** The status bar text while recording. */
export function recordingStatusText(clients: number): string {
  return `$(record) Recording: ${clients} client${clients === 1 ? '' : 's'}`;
}
