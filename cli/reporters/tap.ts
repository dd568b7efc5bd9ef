// `--reporter tap`: TAP version 13, one test point per scenario with a YAML block on failure.

import { lineNumber, type ScenarioResult } from '../../core/results.js';
import { terminalSafe } from '../../core/safeText.js';
import type { Reporter, RunSummary } from './reporter.js';

export class TapReporter implements Reporter {
  private count = 0;

  constructor(
    private readonly write: (text: string) => void,
    planned: number,
  ) {
    this.write(`TAP version 13\n1..${planned}\n`);
  }

  notRun(_file: string, _problems: unknown, result: ScenarioResult): void {
    this.point(result);
  }

  event(event: Parameters<Reporter['event']>[0]): void {
    if (event.event === 'scenarioEnd') this.point(event.result);
  }

  end(summary: RunSummary): void {
    for (const file of summary.skippedByTags) this.write(`ok ${++this.count} - ${terminalSafe(file)} # SKIP by tags\n`);
  }

  private point(result: ScenarioResult): void {
    const name = terminalSafe(result.title ? `${result.file} (${result.title})` : result.file);
    this.write(`${result.status === 'passed' ? 'ok' : 'not ok'} ${++this.count} - ${name.replace(/#/g, '\\#')}\n`);
    const { failure } = result;
    if (!failure) return;
    const yaml = ['  ---', `  status: ${result.status}`, `  line: ${lineNumber(failure.range)}`, `  message: ${JSON.stringify(failure.message)}`];
    if (failure.details) yaml.push('  details:', ...failure.details.map((detail) => `    - ${JSON.stringify(detail)}`));
    if (failure.expected) yaml.push('  expected: |', block(terminalSafe(failure.expected, true)));
    if (failure.actual) yaml.push('  actual: |', block(terminalSafe(failure.actual, true)));
    yaml.push('  ...');
    this.write(yaml.join('\n') + '\n');
  }
}

function block(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
