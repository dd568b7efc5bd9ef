// `--reporter github`: GitHub Actions workflow commands. Each failed or errored scenario becomes an
// `::error file=…,line=…,title=…::reason` annotation at its failing step, and a file that is not
// run one per error, so they show on the changed lines of a pull request. A line per scenario and
// the summary are plain log text. Escaping follows GitHub's toolkit (@actions/core, command.ts):
// `%`, CR and LF in the message; also `:` and `,` in properties.

import { isAbsolute, relative } from 'node:path';
import type { Diagnostic } from '../../core/model.js';
import { lineNumber, type RunEvent, type ScenarioResult } from '../../core/results.js';
import { terminalSafe } from '../../core/safeText.js';
import { countStatuses, type Reporter, type RunSummary } from './reporter.js';

/** Also shows other control characters (`\e`; core/safeText.ts): a workflow log is a terminal too. */
export function escapeData(text: string): string {
  return terminalSafe(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=F,line=L,…::message`, every part escaped. */
export function workflowCommand(command: 'error' | 'warning' | 'notice', properties: Record<string, string | number>, message: string): string {
  const list = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command} ${list}::${escapeData(message)}\n`;
}

/** Annotations are placed by a path relative to the repository: a path under the current folder
 *  (where a workflow runs) is made relative; others are kept as given. */
function annotationPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(process.cwd(), file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

export class GithubReporter implements Reporter {
  constructor(private readonly write: (text: string) => void) {}

  notRun(file: string, problems: Diagnostic[], result: ScenarioResult): void {
    for (const problem of problems) {
      const at = { file: annotationPath(file), line: problem.range.start.line + 1, col: problem.range.start.character + 1 };
      this.write(workflowCommand('error', { ...at, title: `${problem.code}: not run` }, problem.message));
    }
    this.scenarioLine(result);
  }

  event(event: RunEvent): void {
    if (event.event !== 'scenarioEnd') return;
    const { result } = event;
    const { failure } = result;
    if (failure) {
      const details = [failure.message, ...(failure.details ?? [])];
      if (failure.expected) details.push('', 'expected:', failure.expected);
      if (failure.actual) details.push('', 'received:', failure.actual);
      const title = `${result.title ?? result.file} ${result.status}`;
      this.write(workflowCommand('error', { file: annotationPath(result.file), line: lineNumber(failure.range), title }, details.join('\n')));
    }
    this.scenarioLine(result);
  }

  end(summary: RunSummary): void {
    const { passed, failed, errored } = countStatuses(summary.results);
    const skipped = summary.skippedByTags.length > 0 ? `, ${summary.skippedByTags.length} skipped by tags` : '';
    const count = summary.results.length;
    this.write(`${count} scenario${count === 1 ? '' : 's'}: ${passed} passed, ${failed} failed, ${errored} errored${skipped}\n`);
  }

  private scenarioLine(result: ScenarioResult): void {
    const title = result.title ? ` (${result.title})` : '';
    this.write(`${result.status}: ${terminalSafe(`${result.file}${title}`)}\n`);
  }
}
