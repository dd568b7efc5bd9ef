// The Variables view of a stopped scenario: one scope per character (connected or not, bare and
// full JID, the received stanzas no step consumed yet, the stanzas passed over so far) and a scope
// of `{scansion:capture:NAME}` values. Stanzas are expandable: one child per line of the stanza
// pretty-printed.

import { Handles, Scope } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LiveCharacter, LiveSession } from '../core/runner/index.js';
import { oneLineStanza, prettyStanza } from '../core/xml/pretty.js';

type Container =
  | { kind: 'character'; name: string }
  | { kind: 'captures' }
  | { kind: 'stanzas'; character: string; which: 'pending' | 'passed-over' }
  | { kind: 'stanza'; pretty: string };

/** A stanza as the views list it: one line, and its pretty-printed text for expanding. */
interface ShownStanza {
  line: string;
  pretty: string;
}

export class VariableStore {
  private readonly handles = new Handles<Container>();

  /** Forgets every reference handed out (the scenario moved on). */
  reset(): void {
    this.handles.reset();
  }

  scopes(live: LiveSession): DebugProtocol.Scope[] {
    const scopes = live.characters().map((character) => new Scope(character.name, this.handles.create({ kind: 'character', name: character.name }), false));
    scopes.push(new Scope('Captures', this.handles.create({ kind: 'captures' }), false));
    return scopes;
  }

  /** The reference that expands a character (for watch and hover of its name). */
  characterReference(name: string): number {
    return this.handles.create({ kind: 'character', name });
  }

  variables(reference: number, live: LiveSession): DebugProtocol.Variable[] {
    const container = this.handles.get(reference);
    if (!container) return [];
    switch (container.kind) {
      case 'character': {
        const character = live.characters().find((candidate) => candidate.name === container.name);
        return character ? this.characterVariables(character, live) : [];
      }
      case 'captures':
        return [...live.captures].map(([name, value]) => text(`{scansion:capture:${name}}`, value));
      case 'stanzas':
        return stanzasOf(live, container.character, container.which).map((stanza, index) => this.stanzaVariable(`[${index}]`, stanza));
      case 'stanza':
        return container.pretty.split('\n').map((line, index) => text(String(index + 1), line));
    }
  }

  private characterVariables(character: LiveCharacter, live: LiveSession): DebugProtocol.Variable[] {
    if (character.error) return [text('error', character.error)];
    const variables = [
      text('connected', String(character.connected)),
      text('JID', character.bareJid ?? ''),
      text('full JID', character.fullJid ?? (character.connected ? '' : 'not connected yet')),
    ];
    for (const which of ['pending', 'passed-over'] as const) {
      const stanzas = stanzasOf(live, character.name, which);
      const name = which === 'pending' ? 'received, not consumed' : 'passed over';
      const summary =
        stanzas.length === 0 ? 'none' : `${stanzas.length} stanza${stanzas.length === 1 ? '' : 's'}: ${stanzas.map((stanza) => stanza.line).join(' ')}`;
      const reference = stanzas.length === 0 ? 0 : this.handles.create({ kind: 'stanzas', character: character.name, which });
      variables.push({ name, value: summary, variablesReference: reference, indexedVariables: stanzas.length });
    }
    return variables;
  }

  private stanzaVariable(name: string, stanza: ShownStanza): DebugProtocol.Variable {
    return { name, value: stanza.line, variablesReference: this.handles.create({ kind: 'stanza', pretty: stanza.pretty }) };
  }
}

/** The stanzas of one character: queued now, or passed over by the steps so far. */
export function stanzasOf(live: LiveSession, character: string, which: 'pending' | 'passed-over'): ShownStanza[] {
  if (which === 'pending') {
    const pending = live.characters().find((candidate) => candidate.name === character)?.pending ?? [];
    return pending.map(({ stanza }) => ({ line: oneLineStanza(stanza, 200), pretty: prettyStanza(stanza) }));
  }
  return live.transcript
    .filter((entry) => entry.character === character && entry.direction === 'passed-over')
    .map((entry) => ({
      line: entry.text
        .split('\n')
        .map((line) => line.trim())
        .join(''),
      pretty: entry.text,
    }));
}

function text(name: string, value: string): DebugProtocol.Variable {
  return { name, value, variablesReference: 0 };
}
