// Text for sharing a run: the `scs run` command that repeats it in a terminal, and a failure as
// Markdown for a bug report. Free of `vscode`.

import { formatAddress } from '../../../core/address.js';
import { lineNumber, type ScenarioResult, type StepResult } from '../../../core/results.js';
import { shellWord } from '../../../core/shellWord.js';
import { transcriptLines } from '../testing/resultMapping.js';
import type { ScansionSettings, RunTarget } from './target.js';

/** `scs run FILE ...` with the options the editor's settings give a run (`file` as the terminal
 *  should see it, relative to the workspace). With `line` (1-based, a step's action line),
 *  `FILE:LINE`: the run stops after that step, as the step's run action does. Plain `scs`, as the
 *  README installs it (`npm link`), not `npx scs`: in a folder outside this clone, npx would fetch
 *  and install an unrelated npm package named `scs`. */
export function runCommandLine(file: string, target: RunTarget, settings: ScansionSettings, line?: number): string {
  const parts = ['scs', 'run', shellWord(line === undefined ? file : `${file}:${line}`)];
  if (target.kind === 'local') parts.push('--local-server');
  else parts.push('--server', shellWord(formatAddress(target)));
  if (settings.tls === 'insecure') parts.push('--tls-insecure');
  parts.push('--timeout', String(settings.timeoutMs / 1000));
  if (settings.quietMs !== 300) parts.push('--quiet-period', String(settings.quietMs / 1000));
  if (!settings.sync) parts.push('--no-sync');
  if (settings.ordered) parts.push('--ordered');
  return parts.join(' ');
}

/** A failed step as Markdown: reason, expected and received stanzas, the transcript up to it and
 *  the command that repeats the run. */
export function failureMarkdown(file: string, result: ScenarioResult, step: StepResult, command: string): string {
  const failure = step.failure!;
  const fence = (language: string, text: string) => {
    const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((match) => match[0].length + 1)));
    return `${ticks}${language}\n${text}\n${ticks}`;
  };
  const lines = [
    `### ${result.title ?? file}: step at line ${lineNumber(failure.range)} failed`,
    '',
    `File: \`${file}\`${result.server ? `, server ${result.server}` : ''}`,
    '',
    fence('text', failure.message),
  ];
  if (failure.expected !== undefined) lines.push('', 'Expected:', '', fence('xml', failure.expected));
  lines.push('', 'Received:', '', failure.actual !== undefined ? fence('xml', failure.actual) : '(nothing arrived)');
  const transcript = result.transcript
    .filter((entry) => entry.stepIndex === undefined || entry.stepIndex <= step.index)
    .flatMap((entry) => transcriptLines(entry, new Map()))
    .map((line) => line.text);
  if (transcript.length > 0)
    lines.push('', '<details><summary>Transcript up to the failure</summary>', '', fence('text', transcript.join('\n')), '', '</details>');
  lines.push('', 'Repeat with:', '', fence('sh', command));
  return lines.join('\n');
}
