// Hovers: what a `${...}` variable resolves to, a character's definition, a character property
// (from core's one table of properties, as completion and diagnostics read it), and what the words of a
// step mean: its verb, and in its block element names, attributes, values and namespaces (from
// core's vocabulary, with the specification and how the matcher compares the element).
import type { Hover, Position } from 'vscode-languageserver/node';
import { MarkupKind } from './lsp.js';
import type { Range, Scenario, VariableRef } from '../../core/model.js';
import { characterProperty, characterPropertyDoc, type CharacterProperty } from '../../core/vocabulary/scansion.js';
import { contains } from './tree.js';
import { toLspRange } from './convert.js';
import type { Analysis } from './documents.js';
import { occurrenceAt, variableAt } from './occurrences.js';
import type { LastRunJids } from './lastRunJids.js';
import { wordHover } from './wordHover.js';
import { variableMeaning } from '../../core/variables.js';
import { bareJidOf, findCharacter, propertyValue } from '../../core/queries.js';

export function hover(analysis: Analysis, position: Position, lastRun: LastRunJids): Hover | null {
  const { scenario } = analysis;
  const variable = variableAt(scenario, position);
  if (variable) return markdown(variableHover(analysis, variable, lastRun), variable.range);

  const property = propertyKeyAt(scenario, position);
  if (property) return markdown(`**${property.info.key}**: ${characterPropertyDoc(property.info)}`, property.range);

  const occurrence = occurrenceAt(scenario, position);
  if (!occurrence) return wordHover(scenario, position);
  const character = findCharacter(scenario, occurrence.name);
  if (!character) return markdown(`No character named **${occurrence.name}** is defined.`, occurrence.range);
  const lines = [codeBlock(analysis.document.getText(toLspRange(character.range)).trimEnd())];
  const bound = lastRun.boundJid(analysis.document.uri, character.name.value);
  if (bound) lines.push(`Bound in the last run to \`${bound}\`.`);
  return markdown(lines.join('\n\n'), occurrence.range);
}

function variableHover(analysis: Analysis, variable: VariableRef, lastRun: LastRunJids): string {
  if (!variable.character || !variable.form) {
    const defined = new Set(analysis.scenario.characters.map((character) => character.name.value));
    const meaning = variableMeaning(variable.raw.slice(2, -1), defined);
    if (meaning.kind === 'literal') return `\`${variable.raw}\` names no character: it is text, sent and matched as written.`;
    const hint =
      meaning.kind === 'near-miss' && meaning.suggestion ? `did you mean \`${meaning.suggestion}\`?` : `write \`\${NAME's JID}\` or \`\${NAME's full JID}\`.`;
    return `\`${variable.raw}\` is not a variable: ${hint}`;
  }
  const name = variable.character.value;
  const character = findCharacter(analysis.scenario, name);
  if (!character) return `No character named **${name}** is defined.`;
  const jid = bareJidOf(character);
  if (variable.form === 'JID') {
    return jid ? `\`${variable.raw}\` is **${name}**'s bare JID: \`${jid}\`` : `**${name}** has no \`jid\`.`;
  }
  const resource = propertyValue(character, 'resource');
  const shape = jid ? ` (\`${jid}/${resource ?? '…'}\`)` : '';
  const lines = [`\`${variable.raw}\` is the full JID the server binds when **${name}** connects${shape}.`];
  const bound = lastRun.boundJid(analysis.document.uri, name);
  if (bound) lines.push(`Last run: \`${bound}\``);
  return lines.join('\n\n');
}

/** The known property whose key is under the cursor, if any. */
function propertyKeyAt(scenario: Scenario, position: Position): { info: CharacterProperty; range: Range } | undefined {
  for (const character of scenario.characters) {
    if (!contains(character.range, position)) continue;
    for (const property of character.properties) {
      const info = contains(property.key.range, position) ? characterProperty(property.key.value) : undefined;
      if (info) return { info, range: property.key.range };
    }
  }
  return undefined;
}

function codeBlock(text: string): string {
  return ['```scansion', text, '```'].join('\n');
}

function markdown(value: string, range: { start: Position; end: Position }): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: toLspRange(range) };
}
