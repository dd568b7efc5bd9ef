// Document outline: the scenario's title, the characters with their properties, then the steps,
// each under the comment heading right above it.
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { SymbolKind } from './lsp.js';
import type { Comment, Range, Scenario, Step } from '../../core/model.js';
import { toLspRange } from './convert.js';
import { contains } from './tree.js';
import { firstStanzaAttribute, stanzaNames } from '../../core/parser/glance.js';
import { characterName, verbName } from '../../core/parser/moved.js';

export function documentSymbols(scenario: Scenario): DocumentSymbol[] {
  const characters = scenario.characters.map((character) =>
    symbol(
      character.name.value,
      SymbolKind.Class,
      character.range,
      character.name.range,
      character.className.value,
      character.properties.map((property) => symbol(property.key.value, SymbolKind.Property, property.range, property.key.range, property.value.value, [])),
    ),
  );
  const title = scenario.metadata.title;
  const heading = title ? [symbol(title.value, SymbolKind.File, title.range, title.range, 'title', [])] : [];
  return [...heading, ...characters, ...stepSymbols(scenario)];
}

function stepSymbols(scenario: Scenario): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  let group: { heading: Comment; symbol: DocumentSymbol } | undefined;
  const comments = scenario.comments;
  // The heading of a step is the nearest comment above it with the heading's text.
  const latestByText = new Map<string, Comment>();
  let next = 0;
  for (const step of scenario.steps) {
    // Made when read (core/parser/steps.ts): read once.
    const stepRange = step.range;
    for (; next < comments.length && comments[next].range.start.line < stepRange.start.line; next++) {
      latestByText.set(comments[next].text, comments[next]);
    }
    const heading = step.heading === undefined ? undefined : latestByText.get(step.heading);
    const stepSymbol = symbol(stepName(step), SymbolKind.Event, stepRange, step.actionRange, stanzaDetail(step), []);
    if (!heading) {
      group = undefined;
      top.push(stepSymbol);
    } else if (group?.heading === heading) {
      group.symbol.children!.push(stepSymbol);
      group.symbol.range = toLspRange({ start: heading.range.start, end: stepRange.end });
    } else {
      const range = { start: heading.range.start, end: stepRange.end };
      group = { heading, symbol: symbol(heading.text, SymbolKind.Namespace, range, heading.range, undefined, [stepSymbol]) };
      top.push(group.symbol);
    }
  }
  return top;
}

function stepName(step: Step): string {
  const verb = step.nothing ? 'receives nothing' : verbName(step);
  return `${characterName(step)} ${verb}`;
}

function stanzaDetail(step: Step): string | undefined {
  const { block } = step;
  const name = block ? stanzaNames(block)[0] : undefined;
  if (!block || name === undefined) return undefined;
  const type = firstStanzaAttribute(block, 'type')[0];
  return type ? `<${name} type="${type}">` : `<${name}>`;
}

function symbol(name: string, kind: SymbolKind, range: Range, selection: Range, detail: string | undefined, children: DocumentSymbol[]): DocumentSymbol {
  // Editors reject empty names and selections outside the range.
  const selectionRange = contains(range, selection.start) && contains(range, selection.end) ? selection : range;
  const result: DocumentSymbol = {
    name: name.trim() === '' ? '(unnamed)' : name,
    kind,
    range: toLspRange(range),
    selectionRange: toLspRange(selectionRange),
    children,
  };
  if (detail) result.detail = detail;
  return result;
}
