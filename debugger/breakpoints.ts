// Breakpoints on the steps of the scenario being debugged. A breakpoint on any line stops before
// the step that owns the line, or the next step (core/queries.ts); the adapter answers with the
// line it moved to. Conditions and log messages are read by expressions.ts; hit counts are
// counted per breakpoint over the whole debug session, restarts included (a breakpoint set again on
// the same step keeps its count) (a step runs once per
// run, so "stop the third time" means the third run).

import type { Step } from '../core/model.js';
import type { DocumentSteps } from './document.js';

export interface StepBreakpoint {
  id: number;
  /** The engine's step it stops before. */
  stepIndex: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
  hits: number;
}

export interface BreakpointRequest {
  /** 0-based line in the document. */
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export interface BreakpointAnswer {
  id?: number;
  verified: boolean;
  /** 0-based line of the step it moved to. */
  line?: number;
  message?: string;
}

const hitPattern = /^\s*(==|>=|>|%)?\s*(\d+)\s*$/;

export class StepBreakpoints {
  private byStep = new Map<number, StepBreakpoint>();
  private nextId = 1;

  /** Replaces every breakpoint of the file (DAP sends the whole list each time). */
  set(requests: BreakpointRequest[], document: DocumentSteps): BreakpointAnswer[] {
    const previous = this.byStep;
    this.byStep = new Map();
    return requests.map((request): BreakpointAnswer => {
      const step = document.engineStepAt(request.line);
      if (!step) return { verified: false, message: 'no step at or below this line' };
      if (request.hitCondition && !hitPattern.test(request.hitCondition)) {
        return { verified: false, message: `hit count "${request.hitCondition}": write N, == N, >= N, > N or % N` };
      }
      const line = document.documentStep(step.index).actionRange.start.line;
      const kept = previous.get(step.index);
      const breakpoint: StepBreakpoint = { id: kept?.id ?? this.nextId++, stepIndex: step.index, hits: kept?.hits ?? 0 };
      if (request.condition?.trim()) breakpoint.condition = request.condition.trim();
      if (request.hitCondition?.trim()) breakpoint.hitCondition = request.hitCondition.trim();
      if (request.logMessage !== undefined && request.logMessage !== '') breakpoint.logMessage = request.logMessage;
      this.byStep.set(step.index, breakpoint);
      return { id: breakpoint.id, verified: true, line };
    });
  }

  /** The breakpoint before `step`, if any. */
  at(step: Step): StepBreakpoint | undefined {
    return this.byStep.get(step.index);
  }

  /** Counts a hit (its condition held) and says whether the hit count lets it stop. */
  hit(breakpoint: StepBreakpoint): boolean {
    breakpoint.hits++;
    if (!breakpoint.hitCondition) return true;
    const [, operator = '==', count] = hitPattern.exec(breakpoint.hitCondition)!;
    const n = Number(count);
    switch (operator) {
      case '>=':
        return breakpoint.hits >= n;
      case '>':
        return breakpoint.hits > n;
      case '%':
        return n > 0 && breakpoint.hits % n === 0;
      default:
        return breakpoint.hits === n;
    }
  }
}
