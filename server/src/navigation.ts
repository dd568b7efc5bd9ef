// Go to definition, find references, document highlights and rename for character names.
import type { DocumentHighlight, Location, Position, PrepareRenameResult, WorkspaceEdit } from 'vscode-languageserver/node';
import { DocumentHighlightKind, ResponseError, ErrorCodes, TextEdit } from './lsp.js';
import { toLspRange } from './convert.js';
import type { Analysis } from './documents.js';
import { occurrenceAt, occurrencesOf } from './occurrences.js';
import { findCharacter } from '../../core/queries.js';
import { startsLikeComment } from '../../core/parser/index.js';

export function definition(analysis: Analysis, position: Position): Location | null {
  const occurrence = occurrenceAt(analysis.scenario, position);
  const character = occurrence && findCharacter(analysis.scenario, occurrence.name);
  if (!character) return null;
  return { uri: analysis.document.uri, range: toLspRange(character.name.range) };
}

export function references(analysis: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  const occurrence = occurrenceAt(analysis.scenario, position);
  if (!occurrence) return [];
  return occurrencesOf(analysis.scenario, occurrence.name)
    .filter((found) => includeDeclaration || found.kind !== 'definition')
    .map((found) => ({ uri: analysis.document.uri, range: toLspRange(found.range) }));
}

/** Document highlights: exactly the occurrences of the character under the cursor (so `Juliet`
 *  leaves `Juliet's phone` alone, which the editor's word highlighting would not); the definition
 *  is a write, the uses reads. An empty list elsewhere keeps the editor from guessing by words. */
export function documentHighlights(analysis: Analysis, position: Position): DocumentHighlight[] {
  const occurrence = occurrenceAt(analysis.scenario, position);
  if (!occurrence) return [];
  return occurrencesOf(analysis.scenario, occurrence.name).map((found) => ({
    range: toLspRange(found.range),
    kind: found.kind === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

export function prepareRename(analysis: Analysis, position: Position): PrepareRenameResult | null {
  const occurrence = occurrenceAt(analysis.scenario, position);
  if (!occurrence) return null;
  return { range: toLspRange(occurrence.range), placeholder: occurrence.name };
}

export function rename(analysis: Analysis, position: Position, newName: string): WorkspaceEdit | null {
  const occurrence = occurrenceAt(analysis.scenario, position);
  if (!occurrence) return null;
  const problem = nameProblem(newName);
  if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
  if (newName !== occurrence.name && findCharacter(analysis.scenario, newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `A character named "${newName}" already exists.`);
  }
  const edits = occurrencesOf(analysis.scenario, occurrence.name).map((found) => TextEdit.replace(toLspRange(found.range), newName));
  return { changes: { [analysis.document.uri]: edits } };
}

/** Why `name` cannot be a character name, if it cannot (it must fit on an action line). */
function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'A character name cannot be empty.';
  if (name !== name.trim()) return 'A character name cannot start or end with a space.';
  if (/[\r\n]/.test(name)) return 'A character name must fit on one line.';
  if (/[\]{}$]/.test(name)) return 'A character name cannot hold "]", "{", "}" or "$".';
  if (startsLikeComment(name) || name.startsWith('[')) return 'A character name cannot start like a comment or a header.';
  return undefined;
}
