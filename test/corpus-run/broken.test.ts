// Deliberately broken copies of corpus scenarios, made here from the corpus text: each must fail at
// exactly the broken step, with a reason that names the difference.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startProsody } from '../../core/prosody/index.js';
import { corpusConfig, corpusPresent, corpusText, runText } from './corpus.js';
import { lineNumber } from '../../core/results.js';

interface Breakage {
  what: string;
  file: string;
  /** The corpus text to change (its first occurrence) and what to put in its place. */
  find: string;
  replace: string;
  /** 1-based line of the step that must fail: a number, or the text of a line of the broken copy. */
  line: number | string;
  kind: string;
  reason: RegExp[];
}

const breakages: Breakage[] = [
  {
    what: 'a changed attribute value',
    file: 'muc_create_destroy.scs',
    find: '<item affiliation="owner" jid="${Romeo\'s full JID}" role="moderator"/>',
    replace: '<item affiliation="member" jid="${Romeo\'s full JID}" role="moderator"/>',
    line: 24,
    kind: 'timeout',
    reason: [/item@affiliation/, /expected "member", got "owner"/],
  },
  {
    what: 'a missing child (the server sends a child the strict element does not list)',
    file: 'muc_create_destroy.scs',
    find: '\t\t\t<item affiliation="owner" jid="${Romeo\'s full JID}" role="moderator"/>\n\t\t\t<status code="110"/>\n',
    replace: '\t\t\t<item affiliation="owner" jid="${Romeo\'s full JID}" role="moderator"/>\n',
    line: 24,
    kind: 'timeout',
    reason: [/presence\/x\[muc#user\]: unexpected child <status code="110"\/>/],
  },
  {
    what: 'a missing child (the scenario expects a child the server does not send)',
    file: 'basic_message.scs',
    find: '\t\t<body>Hello Juliet!</body>\n\t</message>\n\nJuliet receives:\n\t<message to="${Juliet\'s full JID}" from="${Romeo\'s full JID}" type="chat">\n\t\t<body>Hello Juliet!</body>\n',
    replace:
      '\t\t<body>Hello Juliet!</body>\n\t</message>\n\nJuliet receives:\n\t<message to="${Juliet\'s full JID}" from="${Romeo\'s full JID}" type="chat">\n\t\t<body>Hello Juliet!</body>\n\t\t<subject>Balcony</subject>\n',
    line: 42,
    kind: 'timeout',
    reason: [/missing child/, /subject/],
  },
  {
    what: 'a child in the wrong order inside a strict element',
    file: 'muc_create_destroy.scs',
    find: '\t\t\t<item affiliation="owner" jid="${Romeo\'s full JID}" role="moderator"/>\n\t\t\t<status code="110"/>\n',
    replace: '\t\t\t<status code="110"/>\n\t\t\t<item affiliation="owner" jid="${Romeo\'s full JID}" role="moderator"/>\n',
    line: 24,
    kind: 'timeout',
    reason: [/presence\/x\[muc#user\]: child <status code="110"\/> is at position 3, expected at 2/],
  },
  {
    what: 'an expected stanza the server never sends',
    file: 'basic_message.scs',
    find: "Juliet's phone connects\n",
    replace: 'Juliet\'s phone connects\n\nRomeo receives:\n\t<message from="juliet@localhost" type="chat">\n\t\t<body>Never sent</body>\n\t</message>\n',
    line: 'Romeo receives:',
    kind: 'timeout',
    reason: [/timed out/, /nothing arrived/],
  },
  {
    what: '`receives: nothing` where something arrives',
    file: 'basic_message.scs',
    find: '\t\t<body>Hello Juliet!</body>\n\t</message>\n\nJuliet receives:',
    replace: '\t\t<body>Hello Juliet!</body>\n\t</message>\n\nJuliet receives: nothing\n\nJuliet receives:',
    line: 'Juliet receives: nothing',
    kind: 'unexpected-stanza',
    reason: [/expected nothing, got <message/, /from="user@localhost\//],
  },
  {
    what: 'a wrong ${...} JID',
    file: 'basic_message.scs',
    find: '<message to="${Juliet\'s full JID}" from="${Romeo\'s full JID}" type="chat">',
    replace: '<message to="${Juliet\'s full JID}" from="${Juliet\'s phone\'s full JID}" type="chat">',
    line: 42,
    kind: 'timeout',
    reason: [/message@from/, /juliet@localhost\/mobile/],
  },
];

/** The corpus text with one change; fails if the text to change is not there. */
function broken(breakage: Breakage): string {
  const original = corpusText(breakage.file);
  assert.ok(original.includes(breakage.find), `${breakage.file} must contain the text to break`);
  return original.replace(breakage.find, () => breakage.replace);
}

function expectedLine(text: string, line: number | string): number {
  if (typeof line === 'number') return line;
  const index = text.split('\n').findIndex((each) => each === line);
  assert.ok(index >= 0, `the broken copy has no line "${line}"`);
  return index + 1;
}

if (corpusPresent) {
  describe('broken copies of corpus scenarios fail at the broken step', () => {
    for (const breakage of breakages) {
      test(`${breakage.file}: ${breakage.what}`, async () => {
        const text = broken(breakage);
        // A fresh server each: a scenario stopped half-way leaves rooms behind.
        const server = await startProsody({ configTemplate: corpusConfig });
        try {
          const original = await runText(server, corpusText(breakage.file), breakage.file, { timeoutMs: 1500 });
          assert.equal(original.status, 'passed', 'the unbroken scenario passes on the same kind of server');
        } finally {
          await server.stop();
        }
        // Consecutive receives in any order (the default) and in strict order (--ordered) alike.
        for (const ordered of [false, true]) {
          const fresh = await startProsody({ configTemplate: corpusConfig });
          try {
            const result = await runText(fresh, text, `broken-${breakage.file}`, { timeoutMs: 1500, ordered });
            const mode = ordered ? 'ordered' : 'any order';
            assert.equal(result.status, 'failed', mode);
            const failure = result.failure!;
            assert.equal(lineNumber(failure.range), expectedLine(text, breakage.line), `${mode}: ${failure.message}`);
            assert.equal(failure.kind, breakage.kind, `${mode}: ${failure.message}`);
            for (const pattern of breakage.reason) assert.match(failure.message, pattern, mode);
            const failed = result.steps.filter((step) => step.status === 'failed');
            assert.equal(failed.length, 1);
            assert.deepEqual(failed[0].actionRange, failure.range);
            assert.ok(
              result.steps.slice(0, failed[0].index).every((step) => step.status === 'passed'),
              `${mode}: every step before the broken one passed`,
            );
          } finally {
            await fresh.stop();
          }
        }
      });
    }
  });
}
