// Every scenario of ../shared/corpus/prosody-0.12 against a real Prosody started with that folder's
// configuration, one after another on one server, as Prosody's own test run does.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { corpusConfig, corpusDir, corpusFiles, corpusPresent, corpusText, runText } from './corpus.js';
import { lineNumber } from '../../core/results.js';

/** Scenarios that fail against this machine's Prosody (Debian 0.12.3), each with where and why.
 *  The test checks they still fail that way, so the list cannot outlive its reason. */
const knownFailures: Record<string, { line: number; reason: RegExp; why: string }> = {
  'disco_self.scs': {
    line: 16,
    reason: /disco#info/,
    why:
      'Prosody 0.12.3 answers a disco#info query to the own bare JID without the disco#info and ' +
      'disco#items features (the reply lists PEP, pubsub and MAM features only); 0.12.4 added them.',
  },
};

if (corpusPresent) {
  // Consecutive receives in any order (the default) and in strict order (--ordered) alike.
  for (const ordered of [false, true]) {
    describe(`corpus prosody-0.12, serially on one server${ordered ? ', --ordered' : ''}`, () => {
      let server: LocalProsody;
      before(async () => {
        server = await startProsody({ configTemplate: corpusConfig });
      });
      after(async () => {
        await server?.stop();
      });

      for (const name of corpusFiles()) {
        const known = knownFailures[name];
        test(known ? `${name} fails as known: ${known.why}` : `${name} passes`, async () => {
          const result = await runText(server, corpusText(name), join(corpusDir, name), { ordered });
          if (!known) {
            const failure = result.failure;
            assert.equal(result.status, 'passed', failure ? `line ${lineNumber(failure.range)}: ${failure.message}\n${failure.actual ?? ''}` : '');
            assert.ok(result.steps.every((step) => step.status === 'passed'));
            return;
          }
          assert.equal(result.status, 'failed', `${name} now passes: remove it from knownFailures`);
          assert.equal(result.failure?.range.start.line, known.line - 1);
          assert.match(result.failure?.message ?? '', known.reason);
        });
      }

      test('every known failure names a corpus file', () => {
        for (const name of Object.keys(knownFailures)) assert.ok(corpusFiles().includes(name), name);
      });
    });
  }

  describe("a scenario that races without the runner's sync", () => {
    // muc_whois_anyone_member.scs: Romeo makes Juliet a member and Juliet at once asks for the
    // member list, on two connections. Right after muc_show_offline.scs on the same server, Prosody
    // read Juliet's request first in 5 of 6 runs here without sync (a `forbidden` error at line 88).
    test('muc_whois_anyone_member.scs passes right after muc_show_offline.scs, three times', async () => {
      for (let round = 0; round < 3; round++) {
        const server = await startProsody({ configTemplate: corpusConfig });
        try {
          const before = await runText(server, corpusText('muc_show_offline.scs'), 'muc_show_offline.scs');
          assert.equal(before.status, 'passed');
          const result = await runText(server, corpusText('muc_whois_anyone_member.scs'), 'muc_whois_anyone_member.scs');
          assert.equal(result.status, 'passed', `round ${round + 1}: line ${result.failure && lineNumber(result.failure.range)}: ${result.failure?.message}`);
        } finally {
          await server.stop();
        }
      }
    });
  });
}
