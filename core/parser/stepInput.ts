// One step typed outside a file (a debugger's console), read with the one parser: `Romeo connects`,
// `Romeo receives: nothing`, and `sends`/`receives` with the stanza after the colon on the same
// line or on the lines below, indented or not:
//
//   Romeo sends: <message to="${Juliet's full JID}"><body>Hi</body></message>
//
// The input becomes a one-step scenario with the given characters (SCANSION.md section 1), so it
// means exactly what the same step means in a file.

import type { Step } from '../model.js';
import { ScenarioParser } from './scenario.js';

const stanzaVerb = /^(.*?\s(?:sends|receives))[ \t]*:[ \t]*(.*)$/;

/**
 * Parses `input` as one step of a scenario whose characters are `characterNames`.
 * Returns the step, or the parser's first error message.
 * A `receives` without a colon or a stanza parses as a step without a block.
 */
export function parseStepInput(input: string, characterNames: readonly string[]): { step: Step } | { error: string } {
  const [first = '', ...rest] = input.trim().split(/\r?\n/);
  const action = stanzaVerb.exec(first);
  const sameLine = action && action[2].trim() !== '' && action[2].trim() !== 'nothing' ? action[2] : undefined;
  const actionLine = action && sameLine !== undefined ? `${action[1]}:` : first;
  const blockLines = [...(sameLine !== undefined ? [sameLine] : []), ...rest].map((line) => (line.trim() === '' ? '' : `\t${line}`));
  const definitions = characterNames.map((name) => `[Client] ${name}\n`).join('');
  const scenario = new ScenarioParser(`${definitions}-----\n${[actionLine, ...blockLines].join('\n')}\n`).parse();
  const error = scenario.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (error) return { error: error.message };
  const [step, extra] = scenario.steps;
  if (!step) return { error: 'not a step: write NAME connects, NAME sends: <stanza/>, NAME receives or NAME disconnects' };
  if (extra) return { error: 'one step at a time' };
  return { step };
}
