// The connection state of each character through the steps (connects, disconnects; SCANSION.md
// section 1), and the diagnostics that follow from it: a step by a character that has not
// connected, or has disconnected. checkSteps follows all the steps; IncrementalDiagnostics follows
// only the steps an edit read again, from the states they start in (connectionsBefore), when the
// edit changed no connects or disconnects.

import type { Diagnostic, Step } from '../model.js';
import { diagnostic } from './codes.js';
import { actionLine, characterName, verbName } from '../parser/moved.js';

/** A character's connection: connected (true), or the 0-based line where it disconnected, or -1
 *  when it never connected. */
export type Connection = true | number;

/** The action lines whose verb is one edit away from a real one (an `unknown-verb` with a
 *  suggestion among a scenario's parser diagnostics): the 0-based line, the character named and
 *  the verb meant. Such a line still uses its character (no `unused-character` hint follows from a
 *  typo). */
export function* misspeltVerbs(diagnostics: Iterable<Diagnostic>): Generator<{ line: number; name: string; suggestion: string }> {
  for (const item of diagnostics) {
    const { suggestion, character } = item.data ?? {};
    if (item.code !== 'unknown-verb' || typeof suggestion !== 'string' || typeof character !== 'string' || character === '') continue;
    yield { line: item.range.start.line, name: character, suggestion };
  }
}

/** A line read as `connects` or `disconnects` though its verb is misspelt (misspeltConnections). */
export type AssumedConnection = { line: number; name: string; verb: 'connects' | 'disconnects' };

/** The lines whose verb is one edit away from `connects` or `disconnects` (an `unknown-verb` with
 *  that suggestion, among the parser's `diagnostics`), in line order: each is read as that verb for
 *  the connection state, so that a typo does not also mark every later step of that character as
 *  not connected. */
export function misspeltConnections(diagnostics: Iterable<Diagnostic>): AssumedConnection[] {
  const found: AssumedConnection[] = [];
  for (const { line, name, suggestion } of misspeltVerbs(diagnostics)) {
    if (suggestion === 'connects' || suggestion === 'disconnects') found.push({ line, name, verb: suggestion });
  }
  return found.sort((a, b) => a.line - b.line);
}

/** What changes connection states among `steps` and `assumed`, as one string: each connects and
 *  disconnects of a `defined` character, and each misspelt one, with its line. Two runs of steps
 *  with the same events leave every state after them the same. */
export function connectionEvents(steps: readonly Step[], assumed: readonly AssumedConnection[], defined: Set<string>): string {
  const events: unknown[] = [...assumed];
  for (const step of steps) {
    const verb = verbName(step);
    if ((verb === 'connects' || verb === 'disconnects') && defined.has(characterName(step))) events.push([actionLine(step), characterName(step), verb]);
  }
  return JSON.stringify(events);
}

/**
 * The connection state of each of `names` (defined characters) where the steps reach `steps[index]`,
 * `assumed` being all the misspelt connections of the file (misspeltConnections). Reads back from
 * there only to each character's last connects, or misspelt connects or disconnects, which set the
 * state whatever it was; the disconnects after it are then followed forward.
 */
export function connectionsBefore(
  steps: readonly Step[],
  index: number,
  assumed: readonly AssumedConnection[],
  names: Iterable<string>,
): Map<string, Connection> {
  const before = index < steps.length ? actionLine(steps[index]) : Number.POSITIVE_INFINITY;
  let lastAssumed = assumed.length - 1;
  while (lastAssumed >= 0 && assumed[lastAssumed].line >= before) lastAssumed--;
  const states = new Map<string, Connection>();
  for (const name of names) {
    let state: Connection = -1;
    const disconnects: number[] = [];
    let i = index - 1;
    let j = lastAssumed;
    for (;;) {
      const stepLine = i >= 0 ? actionLine(steps[i]) : -1;
      const assumedLine = j >= 0 ? assumed[j].line : -1;
      if (stepLine === -1 && assumedLine === -1) break;
      if (assumedLine > stepLine) {
        const event = assumed[j--];
        if (event.name !== name) continue;
        state = event.verb === 'connects' ? true : event.line;
        break;
      }
      const step = steps[i--];
      if (characterName(step) !== name) continue;
      const verb = verbName(step);
      if (verb === 'connects') {
        state = true;
        break;
      }
      if (verb === 'disconnects') disconnects.push(stepLine);
    }
    // A disconnect changes the state only of a connected character.
    for (let k = disconnects.length - 1; k >= 0; k--) if (state === true) state = disconnects[k];
    states.set(name, state);
  }
  return states;
}

/** Follows each character's connection through `steps` (in document order), from `states` (each
 *  character's state before the first of them: -1 when not given), with the misspelt connections
 *  `assumed` among them, and adds a diagnostic for each step that its character's state forbids.
 *  `states` is updated. */
export function checkConnections(
  steps: readonly Step[],
  assumed: readonly AssumedConnection[],
  defined: Set<string>,
  out: Diagnostic[],
  states = new Map<string, Connection>(),
): void {
  let nextAssumed = 0;
  for (const step of steps) {
    const line = actionLine(step);
    for (; nextAssumed < assumed.length && assumed[nextAssumed].line < line; nextAssumed++) {
      const { line, name, verb } = assumed[nextAssumed];
      states.set(name, verb === 'connects' ? true : line);
    }
    const name = characterName(step);
    if (!defined.has(name)) continue;
    const current = states.get(name) ?? -1;
    const verb = verbName(step);
    switch (verb) {
      case 'connects':
        states.set(name, true);
        break;
      case 'disconnects':
        if (current === -1) {
          out.push(diagnostic('not-connected', step.character.range, `${name} disconnects without having connected.`));
        } else if (current !== true) {
          out.push(diagnostic('already-disconnected', step.actionRange, `${name} already disconnected at line ${current + 1}; this does nothing.`));
        } else {
          states.set(name, line);
        }
        break;
      default:
        if (current === true) break;
        if (current !== -1 && verb === 'sends') {
          // Prosody's trunk muc_outcast_reason.scs ends so, and passes: the step does nothing
          // (SCANSION.md section 1, `NAME sends:` after `NAME disconnects`).
          out.push(
            diagnostic('sent-after-disconnect', step.actionRange, `${name} disconnected at line ${current + 1}: this stanza is not sent, and the step passes.`),
          );
        } else {
          const why = current === -1 ? `has not connected yet: add "${name} connects" before this step` : `disconnected at line ${current + 1}`;
          out.push(diagnostic('not-connected', step.character.range, `${name} ${verb} here but ${why}.`));
        }
    }
  }
}
