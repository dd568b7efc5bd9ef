// "Accept received stanza": turns the stanza a `receives` step actually got into the text of its
// expected block, so a scenario can be updated from a run (snapshot testing for XMPP).
//
// JIDs the run knows are written back as variables, so the block keeps working on the next run,
// when the server binds other resources: full JIDs first (`${Romeo's full JID}`), then bare JIDs
// (`${Romeo's JID}`), longest first within each kind so that `juliet@localhost/phone` is never
// half-replaced by a shorter JID. Values that change on every run become `{scansion:any}`, by the
// one rule in core/volatile.ts (ids the scenario did not send, delay stamps, ...).

import { escapeXMLText, parse, type Element } from 'ltx';
import type { Range, Scenario } from './model.js';
import { bareJidsByName } from './queries.js';
import { formatVariable } from './variables.js';
import { idsIn, markVolatile, type VolatileContext } from './volatile.js';
import { elementFromModel } from './xml/fromModel.js';
import { prettyStanza } from './xml/pretty.js';

/** What the run knows about its characters. */
export interface KnownJids {
  /** Character name -> bare JID, from the `jid` properties. */
  bare: Record<string, string>;
  /** Character name -> full JID bound at `connects`. */
  full: Record<string, string>;
}

/** How the block is indented: its first level, and one level more (for nested elements). */
export interface BlockIndent {
  base: string;
  unit: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

interface Replacement {
  text: string;
  variable: string;
  /** Characters that may not follow the JID for it to be the whole JID. */
  notFollowedBy: string;
}

// Characters that can continue a bare JID (so `romeo@localhost` does not match inside
// `romeo@localhost.example`); a `/` may follow, since a resource is not part of a bare JID.
const bareContinuation = '[\\w.@+-]';
// A full JID ends where its resource ends: at a quote, a tag, whitespace or the end of the text.
const fullContinuation = '[^\\s"\'<>]';
const jidStart = '(?<![\\w.@+/-])';

/** `text` (XML as text) with every JID in `known` written as its variable, full JIDs first, longest
 *  first (see the file comment); a JID inside a longer one is left alone. Pure; never throws. */
export function jidsToVariables(text: string, known: KnownJids): string {
  const replacements = [...fullReplacements(known), ...bareReplacements(known)];
  // One pass with one alternation: a replaced variable is never scanned again.
  if (replacements.length === 0) return text;
  const pattern = new RegExp(replacements.map((r) => `(${jidStart}${escapeRegExp(escapeXMLText(r.text))}(?!${r.notFollowedBy}))`).join('|'), 'g');
  return text.replace(pattern, (...groups: unknown[]) => {
    const index = groups.slice(1, replacements.length + 1).findIndex((group) => group !== undefined);
    return replacements[index].variable;
  });
}

function fullReplacements(known: KnownJids): Replacement[] {
  return byLength(
    Object.entries(known.full)
      .filter(([, jid]) => jid.includes('/'))
      .map(([name, jid]) => ({ text: jid, variable: formatVariable(name, 'full JID'), notFollowedBy: fullContinuation })),
  );
}

function bareReplacements(known: KnownJids): Replacement[] {
  // Several characters may share an account (Juliet and Juliet's phone): the first defined wins.
  const seen = new Set<string>();
  const replacements: Replacement[] = [];
  for (const [name, jid] of Object.entries(known.bare)) {
    const bare = jid.split('/')[0];
    if (!bare.includes('@') || seen.has(bare)) continue;
    seen.add(bare);
    replacements.push({ text: bare, variable: formatVariable(name, 'JID'), notFollowedBy: bareContinuation });
  }
  return byLength(replacements);
}

function byLength(replacements: Replacement[]): Replacement[] {
  return replacements.sort((a, b) => b.text.length - a.text.length);
}

/** Replaces the values the server makes up (core/volatile.ts) in a pretty-printed stanza by
 *  `{scansion:any}`, and prints it again; text that is not one well-formed element is returned as
 *  it is. */
export function markVolatileValues(text: string, context: VolatileContext = { sentIds: new Set() }): string {
  let stanza: Element;
  try {
    stanza = parse(text);
  } catch {
    return text;
  }
  return prettyStanza(markVolatile(stanza, context));
}

/** Re-indents a pretty-printed stanza (two spaces per level) into a block's indentation. */
export function reindent(pretty: string, indent: BlockIndent): string {
  return pretty
    .split('\n')
    .map((line) => {
      const spaces = line.length - line.trimStart().length;
      return indent.base + indent.unit.repeat(Math.floor(spaces / 2)) + ' '.repeat(spaces % 2) + line.trimStart();
    })
    .join('\n');
}

/** The new text of a block from `received` (one stanza as XML text, pretty-printed or not): values
 *  the server makes up as `{scansion:any}` (core/volatile.ts, given the ids the scenario sent in
 *  `context`), known JIDs as variables, in the block's indentation; lines joined with `\n`, no
 *  final line break. Text that is not one well-formed element is kept as it is. Never throws. */
export function acceptedBlock(received: string, known: KnownJids, indent: BlockIndent, context?: VolatileContext): string {
  return reindent(jidsToVariables(markVolatileValues(received, context), known), indent);
}

/** The indentation a block uses: its first line's, and one level deeper as its lines show it
 *  (a tab when the block is tab-indented and shows no deeper line, else two spaces). */
export function blockIndent(lines: string[]): BlockIndent {
  const leading = (line: string) => line.slice(0, line.length - line.trimStart().length);
  const written = lines.filter((line) => line.trim() !== '');
  const base = written.length > 0 ? leading(written[0]) : '\t';
  const deeper = written.map(leading).find((indent) => indent.length > base.length && indent.startsWith(base));
  const unit = deeper ? deeper.slice(base.length) : base.startsWith('\t') ? '\t' : '  ';
  return { base: base || '\t', unit };
}

/** The edit that replaces the expected block of `receives` step `stepIndex` (0-based index into
 *  Scenario.steps) with `received` (acceptedBlock), given the full JIDs the run bound (character
 *  name -> JID, ScenarioResult.boundJids). The edit's range is 0-based, from the block's first line
 *  to its end. Undefined when there is no such step or it is not a `receives` with a block. Never
 *  throws. README, its opening list ("Accept received stanza"). */
export function acceptReceivedEdit(scenario: Scenario, stepIndex: number, received: string, boundJids: Record<string, string>): TextEdit | undefined {
  const step = scenario.steps[stepIndex];
  if (!step || step.verb.value !== 'receives' || step.nothing || !step.block) return undefined;
  const { range } = step.block;
  const lines = scenario.text.split(/\r?\n/).slice(range.start.line, range.end.line + 1);
  const known = { bare: bareJidsByName(scenario), full: boundJids };
  return {
    range: { start: { line: range.start.line, character: 0 }, end: range.end },
    newText: acceptedBlock(received, known, blockIndent(lines), { sentIds: sentIdsOf(scenario) }),
  };
}

/** The ids the scenario's `sends` steps carry (as written: a variable in an id stays unresolved). */
export function sentIdsOf(scenario: Scenario): Set<string> {
  const sent = scenario.steps.filter((step) => step.verb.value === 'sends').flatMap((step) => step.block?.stanzas ?? []);
  return idsIn(sent.map((model) => elementFromModel(model, (value) => value)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * "Insert received stanza as step": the edit that writes a `receives` step for `character` with
 * the stanza it received, just before step `beforeStepIndex` (after the step above it, so that the
 * comment heading of the next step stays with it), or at the end when there is no such step.
 * The block is written as "Accept received stanza" writes one (acceptedBlock), in the indentation
 * the file's blocks use.
 */
export function receivedStepEdit(
  scenario: Scenario,
  beforeStepIndex: number,
  character: string,
  received: string,
  boundJids: Record<string, string>,
): TextEdit {
  const lines = scenario.text.split(/\r?\n/);
  const sample = scenario.steps.find((step) => step.block)?.block?.range;
  const indent = blockIndent(sample ? lines.slice(sample.start.line, sample.end.line + 1) : []);
  const known = { bare: bareJidsByName(scenario), full: boundJids };
  const step = `${character} receives:\n${acceptedBlock(received, known, indent, { sentIds: sentIdsOf(scenario) })}\n`;
  const previous = scenario.steps[beforeStepIndex - 1];
  const after = previous?.range.end.line ?? scenario.separator?.start.line;
  if (after !== undefined && after + 1 < lines.length) {
    const at = { line: after + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `\n${step}` };
  }
  const next = scenario.steps[beforeStepIndex];
  if (after === undefined && next) {
    const at = next.actionRange.start;
    return { range: { start: at, end: at }, newText: `${step}\n` };
  }
  // The end of the file, which may lack a final line break.
  const last = lines.length - 1;
  const end = { line: last, character: lines[last].length };
  const before = lines[last] === '' ? '' : '\n';
  return { range: { start: end, end }, newText: `${before}\n${step}` };
}
