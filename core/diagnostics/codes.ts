// The table of diagnostic codes. Codes are stable: editors, quick fixes and tests rely on them.

import type { Diagnostic, Range, Severity } from '../model.js';
import { boundQuotes } from '../safeText.js';

export interface CodeInfo {
  severity: Severity;
  description: string;
}

export const codes = {
  // XML inside blocks
  'xml-mismatched-tag': { severity: 'error', description: 'A closing tag does not match the element it closes.' },
  'xml-unclosed-tag': { severity: 'error', description: 'An element is never closed.' },
  'xml-unquoted-attribute': { severity: 'error', description: 'An attribute value without quotes.' },
  'xml-bad-entity': { severity: 'error', description: 'An unknown or malformed entity such as `&foo;`.' },
  'xml-unbound-prefix': { severity: 'error', description: 'A namespace prefix that no xmlns declaration defines.' },
  'xml-duplicate-attribute': { severity: 'error', description: 'The same attribute twice on one element.' },
  'xml-text-outside-stanza': { severity: 'error', description: 'Text in a block that is not inside any element.' },
  'xml-syntax': { severity: 'error', description: 'Any other malformed XML.' },
  'xml-too-deep': { severity: 'error', description: 'Elements nested more than 256 deep; the rest of the block is not checked.' },
  'invalid-strict-value': { severity: 'error', description: '`scansion:strict` must be "true" or "false".' },

  // Steps
  'empty-block': { severity: 'error', description: '`sends`/`receives` without an indented XML block.' },
  'several-stanzas': { severity: 'warning', description: 'A block that holds more than one stanza; they are sent in order.' },
  'unknown-verb': { severity: 'error', description: 'An action line whose verb is not connects, disconnects, sends or receives.' },
  'missing-verb': { severity: 'error', description: 'A line with a name but no verb.' },
  'unexpected-text': { severity: 'error', description: 'Text after the verb of an action line.' },
  'stanza-on-action-line': {
    severity: 'error',
    description: 'A stanza written after `sends:`/`receives:` on the action line; it goes on the indented lines below (the quick fix moves it there).',
  },
  'unexpected-block': { severity: 'error', description: 'An indented block after a step that takes none.' },
  'unexpected-indent': { severity: 'error', description: 'An indented line that belongs to no definition or step.' },
  'unindented-continuation': {
    severity: 'error',
    description: 'A stanza that goes on at column 0 (as mod_scansion_record writes a line break in a body); the quick fix indents it.',
  },
  'undefined-character': { severity: 'error', description: 'An action by a character that is not defined.' },
  'action-before-separator': { severity: 'error', description: 'An action line above the `-----` separator.' },
  'definition-after-separator': { severity: 'error', description: 'A character definition below the `-----` separator.' },
  'missing-separator': { severity: 'warning', description: 'Actions without a `-----` line after the definitions.' },
  'not-connected': { severity: 'warning', description: '`sends`/`receives` by a character that is not connected at that point.' },
  'sent-after-disconnect': { severity: 'hint', description: '`sends` after that character disconnected: nothing is sent and the step passes.' },
  'already-disconnected': { severity: 'hint', description: 'A second `disconnects`; it does nothing.' },

  // Variables
  'variable-undefined-character': { severity: 'error', description: 'A `${...}` variable names a character that is not defined.' },
  'variable-unknown-form': {
    severity: 'error',
    description: "A `${...}` that is not `${NAME's JID}` or `${NAME's full JID}` but names a character or a JID: a near miss.",
  },
  'variable-literal': { severity: 'hint', description: 'A `${...}` that names no character and no JID: literal text, sent and matched as written.' },

  // Character definitions
  'duplicate-character': { severity: 'error', description: 'Two characters with the same name.' },
  'unknown-class': { severity: 'error', description: 'A character class other than `Client`.' },
  'missing-character-name': { severity: 'error', description: 'A `[Class]` header without a name.' },
  'malformed-header': { severity: 'error', description: 'A line starting with `[` that is not `[Class] Name`.' },
  'property-syntax': { severity: 'error', description: 'A property line that is not `key: value`.' },
  'unknown-property': { severity: 'warning', description: 'A property Scansion does not know.' },
  'missing-jid': { severity: 'error', description: 'A character without a `jid` property.' },
  'invalid-jid': { severity: 'error', description: 'A `jid` that is not a valid JID.' },
  'duplicate-property': { severity: 'warning', description: 'The same property twice in one definition; the last one wins.' },
  'unused-character': { severity: 'hint', description: 'A defined character that no step uses.' },

  // Layout
  'mixed-indentation': { severity: 'hint', description: 'A line indented with spaces in a file that indents others with tabs.' },

  // The file as a whole
  'no-steps': {
    severity: 'warning',
    description: 'A scenario without steps (an empty file, or definitions alone): it checks nothing, and runs report it as not run.',
  },
  'too-many-diagnostics': {
    severity: 'hint',
    description:
      'A file with more diagnostics than are listed (1,000): how many more there are. Takes the severity of the worst one left out (a hint when all are hints).',
  },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof codes;

/** Builds a diagnostic with the code's default severity. What the message quotes from the file
 *  (between "", or ``) is cut to 80 characters (core/safeText.ts), so a 1 MiB line never makes a
 *  1 MiB message. */
export function diagnostic(code: Code, range: Range, message: string, data?: Record<string, unknown>): Diagnostic {
  const result: Diagnostic = { code, severity: codes[code].severity, range, message: boundQuotes(message) };
  if (data !== undefined) result.data = data;
  return result;
}
