// The default reporter: a line per step as it runs, failures in full, then a summary.
// With several jobs, each scenario's lines are held back and printed together when it ends.

import type { Diagnostic, Scenario } from '../../core/model.js';
import type { Failure, RunEvent, ScenarioResult, StepResult } from '../../core/results.js';
import type { Palette } from './colors.js';
import { countStatuses, describeStep, type Reporter, type RunSummary } from './reporter.js';

export class HumanReporter implements Reporter {
  private readonly held = new Map<string, string[]>();

  constructor(
    private readonly write: (text: string) => void,
    private readonly paint: Palette,
    private readonly holdPerScenario: boolean,
  ) {}

  notRun(file: string, problems: Diagnostic[]): void {
    const lines = [`${this.paint.red('✗')} ${this.paint.bold(file)} ${this.paint.red('not run')}`];
    for (const problem of problems) {
      lines.push(`    ${file}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.severity} ${problem.code}: ${problem.message}`);
    }
    this.write(lines.join('\n') + '\n');
  }

  event(event: RunEvent, scenario: Scenario): void {
    switch (event.event) {
      case 'scenarioStart':
        return this.line(event.file, `${this.paint.bold(event.file)}${event.title ? this.paint.dim(` — ${event.title}`) : ''}`);
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
    this.write(`${count} scenario${count === 1 ? '' : 's'}: ${parts.join(', ')} (${seconds(summary.durationMs)})\n`);
  }

  private step(file: string, step: StepResult, scenario: Scenario): void {
    if (step.status === 'skipped') return;
    const mark = step.status === 'passed' ? this.paint.green('✓') : this.paint.red('✗');
    const line = step.actionRange.start.line + 1;
    this.line(file, `  ${mark} ${String(line).padStart(4)}  ${describeStep(scenario, step.index)} ${this.paint.dim(`(${Math.round(step.durationMs)} ms)`)}`);
    if (step.failure) this.line(file, this.failure(file, step.failure));
  }

  private failure(file: string, failure: Failure): string {
    const lines = [`        ${this.paint.red(`${file}:${failure.line}: ${failure.message}`)}`];
    for (const detail of failure.details ?? []) lines.push(`          ${detail}`);
    if (failure.expected) lines.push('        expected:', indent(failure.expected, '          '));
    if (failure.actual) lines.push('        received:', indent(failure.actual, '          '));
    return lines.join('\n');
  }

  private scenarioEnd(result: ScenarioResult): void {
    const skipped = result.steps.filter((step) => step.status === 'skipped').length;
    const status =
      result.status === 'passed' ? this.paint.green('passed') : this.paint.red(result.status === 'failed' ? 'FAILED' : 'ERRORED');
    const rest = skipped > 0 ? `, ${skipped} step${skipped === 1 ? '' : 's'} not run` : '';
    this.line(result.file, `  ${status} ${this.paint.dim(`in ${seconds(result.durationMs)}${rest}`)}\n`);
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

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
