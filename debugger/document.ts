// The file being debugged as the editor has it now. The engine runs the scenario as it was read at
// launch; "Insert received stanza as step" then adds steps to the file above the paused step. This
// keeps the two apart: the step the engine runs and the step (and line) the editor shows.

import type { Scenario, Step } from '../core/model.js';
import { parseScenario } from '../core/parser/index.js';
import { stepAtOrAfterLine } from '../core/queries.js';

export class DocumentSteps {
  private document: Scenario;
  /** For each step of the document, the index of the engine's step, or undefined for an inserted one. */
  private engineIndex: (number | undefined)[];

  constructor(private readonly running: Scenario) {
    this.document = running;
    this.engineIndex = running.steps.map((step) => step.index);
  }

  /** The document's step for the engine's step `index`. */
  documentStep(index: number): Step {
    return this.document.steps[this.engineIndex.indexOf(index)] ?? this.running.steps[index];
  }

  /** The engine's step a breakpoint on this 0-based document line stops before: the step owning
   *  the line or the next one (an inserted step moves to the engine's step below it). */
  engineStepAt(line: number): Step | undefined {
    const start = stepAtOrAfterLine(this.document, line);
    if (!start) return undefined;
    const index = this.engineIndex.slice(start.index).find((candidate) => candidate !== undefined);
    return index === undefined ? undefined : this.running.steps[index];
  }

  /** The document as it is now, parsed. */
  get scenario(): Scenario {
    return this.document;
  }

  /**
   * Takes the document's new text after a `receives` step was inserted just above the engine's
   * step `before`. Throws when the text does not hold the known steps plus that one (edited
   * otherwise meanwhile): the session then keeps the lines it had.
   */
  stepInserted(text: string, before: number): void {
    const next = parseScenario(text);
    const at = this.engineIndex.indexOf(before);
    const expected = [...this.engineIndex.slice(0, at), undefined, ...this.engineIndex.slice(at)];
    const same = (a: Step | undefined, b: Step | undefined) => a?.character.value === b?.character.value && a?.verb.value === b?.verb.value;
    const matches =
      next.steps.length === expected.length &&
      expected.every((index, position) => index === undefined || same(next.steps[position], this.running.steps[index]));
    if (!matches) throw new Error('the file changed in other ways since the session started: restart the session to insert steps');
    this.document = next;
    this.engineIndex = expected;
  }

  /** Whether `text` holds the same steps as the document the session knows (character and verb). */
  isCurrent(text: string): boolean {
    const steps = parseScenario(text).steps;
    return (
      steps.length === this.document.steps.length &&
      steps.every((step, i) => step.character.value === this.document.steps[i].character.value && step.verb.value === this.document.steps[i].verb.value)
    );
  }
}

/** `text` with `edit` applied (0-based lines, UTF-16 columns, as the model's ranges). */
export function applyEdit(
  text: string,
  edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string },
): string {
  const offset = (position: { line: number; character: number }) => {
    let at = 0;
    for (let line = 0; line < position.line; line++) {
      const end = text.indexOf('\n', at);
      if (end === -1) return text.length;
      at = end + 1;
    }
    return Math.min(at + position.character, text.length);
  };
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}
