// The default reporter: a line per step as it runs, failures in full, then a summary.
// With several jobs, each scenario's lines are held back and printed together when it ends.
// Whatever comes from a file or a server (names, messages, stanzas) goes through terminalSafe:
// its control characters are shown (`\e`), never obeyed by the terminal.

import type { Diagnostic, Scenario } from '../../core/model.js';
import { lineNumber, type Failure, type RunEvent, type ScenarioResult, type StepResult } from '../../core/results.js';
import { terminalSafe } from '../../core/safeText.js';
import { formatSeconds } from '../../core/seconds.js';
import { diagnosticLine } from '../diagnosticLine.js';
import type { Palette } from './colors.js';
import { countStatuses, describeStep, type Reporter, type RunSummary } from './reporter.js';

export class HumanReporter implements Reporter {
  private readonly held = new Map<string, string[]>();

  constructor(
    private readonly write: (text: string) => void,
    private readonly paint: Palette,
    private readonly holdPerScenario: boolean,
  ) {}

  notRun(given: string, problems: Diagnostic[]): void {
    const file = terminalSafe(given);
    const lines = [`${this.paint.red('✗')} ${this.paint.bold(file)} ${this.paint.red('not run')}`];
    for (const problem of problems) lines.push(`    ${diagnosticLine(file, problem)}`);
    this.write(lines.join('\n') + '\n');
  }

  event(event: RunEvent, scenario: Scenario): void {
    switch (event.event) {
      case 'scenarioStart':
        return this.line(event.file, `${this.paint.bold(terminalSafe(event.file))}${event.title ? this.paint.dim(` — ${terminalSafe(event.title)}`) : ''}`);
      case 'stepEnd':
        return this.step(event.file, event.step, scenario);
      case 'scenarioEnd':
        return this.scenarioEnd(event.result);
      default:
        return;
    }
  }

  end(summary: RunSummary): void {
    const { passed, failed, errored } = countStatuses(summary.results);
    const parts = [
      this.paint.green(`${passed} passed`),
      failed > 0 ? this.paint.red(`${failed} failed`) : `${failed} failed`,
      errored > 0 ? this.paint.red(`${errored} errored`) : `${errored} errored`,
    ];
    if (summary.skippedByTags.length > 0) parts.push(this.paint.yellow(`${summary.skippedByTags.length} skipped by tags`));
    const count = summary.results.length;
    this.write(`${count} scenario${count === 1 ? '' : 's'}: ${parts.join(', ')} (${formatSeconds(summary.durationMs, { keepZeros: true })})\n`);
  }

  private step(file: string, step: StepResult, scenario: Scenario): void {
    if (step.status === 'skipped') return;
    const mark = step.status === 'passed' ? this.paint.green('✓') : this.paint.red('✗');
    const line = step.actionRange.start.line + 1;
    this.line(
      file,
      `  ${mark} ${String(line).padStart(4)}  ${terminalSafe(describeStep(scenario, step.index))} ${this.paint.dim(`(${Math.round(step.durationMs)} ms)`)}`,
    );
    if (step.failure) this.line(file, this.failure(file, step.failure));
  }

  private failure(file: string, failure: Failure): string {
    const lines = [`        ${this.paint.red(`${terminalSafe(file)}:${lineNumber(failure.range)}: ${terminalSafe(failure.message)}`)}`];
    for (const detail of failure.details ?? []) lines.push(`          ${terminalSafe(detail)}`);
    if (failure.expected) lines.push('        expected:', indent(terminalSafe(failure.expected, true), '          '));
    if (failure.actual) lines.push('        received:', indent(terminalSafe(failure.actual, true), '          '));
    return lines.join('\n');
  }

  private scenarioEnd(result: ScenarioResult): void {
    const skipped = result.steps.filter((step) => step.status === 'skipped').length;
    const status = result.status === 'passed' ? this.paint.green('passed') : this.paint.red(result.status === 'failed' ? 'FAILED' : 'ERRORED');
    const stopped = result.stoppedAfter ? ` (stopped after line ${result.stoppedAfter.line})` : '';
    const rest = skipped > 0 ? `, ${skipped} step${skipped === 1 ? '' : 's'} not run${stopped}` : '';
    this.line(result.file, `  ${status} ${this.paint.dim(`in ${formatSeconds(result.durationMs, { keepZeros: true })}${rest}`)}\n`);
    const held = this.held.get(result.file);
    if (held) {
      this.write(held.join('\n') + '\n');
      this.held.delete(result.file);
    }
  }

  private line(file: string, text: string): void {
    if (!this.holdPerScenario) return this.write(text + '\n');
    const held = this.held.get(file) ?? [];
    held.push(text);
    this.held.set(file, held);
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
