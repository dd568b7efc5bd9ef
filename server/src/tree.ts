// Small helpers for walking the core syntax tree by position.
import type { Character, Position, Range, Scenario, Step, VariableRef, XmlElement } from '../../core/model.js';

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** Whether `position` lies inside `range`, both ends included (a cursor right after a name is on it). */
export function contains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** Whether the line of `position` lies within the lines of `range`. */
export function containsLine(range: Range, line: number): boolean {
  return range.start.line <= line && line <= range.end.line;
}

export function findCharacter(scenario: Scenario, name: string): Character | undefined {
  return scenario.characters.find((character) => character.name.value === name);
}

/** The step whose action line or block covers `line` (steps are in document order). */
export function stepAtLine(scenario: Scenario, line: number): Step | undefined {
  const steps = scenario.steps;
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = steps[middle].range;
    if (line < range.start.line) high = middle - 1;
    else if (line > range.end.line) low = middle + 1;
    else return steps[middle];
  }
  return undefined;
}

/** Calls `visit` on every element of the tree below and including each of `elements`. */
export function forEachElement(elements: readonly XmlElement[], visit: (element: XmlElement) => void): void {
  for (const element of elements) {
    visit(element);
    for (const child of element.children) {
      if (child.kind === 'element') forEachElement([child], visit);
    }
  }
}

/** Every `${...}` of one step's block, in document order. */
export function stepVariables(step: Step): VariableRef[] {
  const variables: VariableRef[] = [];
  const collect = (elements: readonly XmlElement[]): void => {
    for (const element of elements) {
      for (const attribute of element.attributes) variables.push(...attribute.variables);
      for (const child of element.children) {
        if (child.kind === 'element') collect([child]);
        else variables.push(...child.variables);
      }
    }
  };
  collect(step.block?.stanzas ?? []);
  return variables;
}

/** The innermost element whose range contains `position`. */
export function innermostElement(step: Step, position: Position): XmlElement | undefined {
  let found: XmlElement | undefined;
  let level: readonly XmlElement[] = step.block?.stanzas ?? [];
  for (;;) {
    const next = level.find((element) => contains(element.range, position));
    if (!next) return found;
    found = next;
    level = next.children.filter((child): child is XmlElement => child.kind === 'element');
  }
}
