// The debug console as a live XMPP console. A line that reads as a step runs as one, as the
// engine runs any step (core/parser/stepInput.ts, LiveSession.runStep):
//
//   Romeo sends: <presence/>             sends, ${...} resolved (the stanza may go on more lines)
//   Romeo receives: <message/>           waits for a matching stanza and consumes it
//   Romeo receives                       lists Romeo's queue (received, not consumed)
//   Romeo connects / Romeo disconnects
//
// Anything else is evaluated as an expression (expressions.ts).

import type { LiveSession } from '../core/runner/index.js';
import { parseStepInput } from '../core/parser/index.js';
import type { TranscriptEntry } from '../core/results.js';
import { verbs } from '../core/parser/action.js';
import { display, evaluate } from './expressions.js';
import { stanzasOf } from './variables.js';

/** What the console prints for one input: its text, and whether it failed. */
export interface ConsoleAnswer {
  text: string;
  failed: boolean;
}

/** Runs one console input; never rejects. */
export async function runConsoleInput(input: string, live: LiveSession): Promise<ConsoleAnswer> {
  const names = live.characters().map((character) => character.name);
  const parsed = parseStepInput(input, names);
  if ('error' in parsed) {
    if (looksLikeStep(input, names)) return { text: parsed.error, failed: true };
    try {
      return { text: display(evaluate(input, live)), failed: false };
    } catch (error) {
      return { text: (error as Error).message, failed: true };
    }
  }
  const { step } = parsed;
  const name = step.character.value;
  if (step.verb.value === 'receives' && !step.block && !step.nothing) {
    const queued = stanzasOf(live, name, 'pending');
    if (queued.length === 0) return { text: `${name} has received nothing that no step consumed`, failed: false };
    return { text: [`${name} has ${queued.length} stanza(s) waiting:`, ...queued.map((stanza) => stanza.pretty)].join('\n'), failed: false };
  }
  const before = new Set(live.transcript);
  const failure = await live.runStep(step);
  const happened = live.transcript.filter((entry) => !before.has(entry)).map(describeEntry);
  if (failure) return { text: [...happened, `${name} ${step.verb.value}: ${failure.message}`].join('\n'), failed: true };
  return { text: happened.length > 0 ? happened.join('\n') : `${name} ${step.verb.value}: done`, failed: false };
}

/** Suggestions for the text before the cursor: character names first, then verbs, and variables
 *  after `${`. */
export function consoleCompletions(textBeforeCursor: string, names: readonly string[]): { label: string; text: string; start: number }[] {
  const variableStart = textBeforeCursor.lastIndexOf('${');
  if (variableStart !== -1 && !textBeforeCursor.slice(variableStart).includes('}')) {
    return names.flatMap((name) =>
      ['JID', 'full JID'].map((form) => ({ label: `\${${name}'s ${form}}`, text: `\${${name}'s ${form}}`, start: variableStart })),
    );
  }
  if (textBeforeCursor.includes('\n') || textBeforeCursor.includes('<')) return [];
  const name = [...names].sort((a, b) => b.length - a.length).find((candidate) => textBeforeCursor.startsWith(`${candidate} `));
  if (name) {
    const start = name.length + 1;
    const typed = textBeforeCursor.slice(start);
    return verbForms.filter((form) => form.startsWith(typed)).map((form) => ({ label: form, text: form, start }));
  }
  return names.filter((candidate) => candidate.startsWith(textBeforeCursor)).map((candidate) => ({ label: candidate, text: `${candidate} `, start: 0 }));
}

const verbForms = ['connects', 'disconnects', 'sends: ', 'receives: ', 'receives', 'receives: nothing'];

function looksLikeStep(input: string, names: readonly string[]): boolean {
  const first = input.trim().split('\n')[0];
  return names.some(
    (name) =>
      first.startsWith(`${name} `) &&
      verbs.some((verb) =>
        first
          .slice(name.length + 1)
          .trimStart()
          .startsWith(verb),
      ),
  );
}

function describeEntry(entry: TranscriptEntry): string {
  const label = entry.direction === 'passed-over' ? 'passed over' : entry.direction;
  return entry.direction === 'event' ? `${entry.character}: ${entry.text}` : `${entry.character} ${label}:\n${entry.text}`;
}
