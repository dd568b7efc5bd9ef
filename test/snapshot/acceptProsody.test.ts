// Accept against a real Prosody (issue 8): a MUC scenario with wrong expectations, accepted step by
// step from real runs (core) and by `scs run --update-snapshots` (the built CLI), passes on the
// next two runs; only the rejected nodes changed, and server-made values became {scansion:any}.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { runScenario } from '../../core/runner/index.js';
import { runUpdatingSnapshots } from '../../core/updateSnapshots.js';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';

const cli = resolve(import.meta.dirname, '../../dist/cli.js');
const prosodyConfig = resolve(import.meta.dirname, '../../scenarios/prosody.cfg.lua');

/** Romeo creates a room and talks; Juliet joins and gets the history. Three expectations are
 *  wrong: the self-presence lacks status 201 (a strict <x>), the history's body differs, and its
 *  delay stamp is a date from another day. */
function scenario(room: string): string {
  return `# Accepting in a room
## muc

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet
\tjid: juliet@localhost
\tpassword: password

-----

Romeo connects

Romeo sends:
\t<presence to="${room}@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc"/>
\t</presence>

# The room is new: this lacks status 201.
Romeo receives:
\t<presence from="${room}@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc#user">
\t\t\t<item jid="\${Romeo's full JID}" affiliation="owner" role="moderator"/>
\t\t\t<status code="110"/>
\t\t</x>
\t</presence>

Romeo receives:
\t<message from="${room}@conference.localhost" type="groupchat">
\t\t<subject/>
\t</message>

Romeo sends:
\t<iq to="${room}@conference.localhost" type="set" id="config1">
\t\t<query xmlns="http://jabber.org/protocol/muc#owner">
\t\t\t<x xmlns="jabber:x:data" type="submit"/>
\t\t</query>
\t</iq>

Romeo receives:
\t<iq from="${room}@conference.localhost" type="result" id="config1"/>

Romeo sends:
\t<message to="${room}@conference.localhost" type="groupchat" id="hello">
\t\t<body>Wherefore art thou?</body>
\t</message>

Romeo receives:
\t<message from="${room}@conference.localhost/Romeo" type="groupchat" id="hello">
\t\t<body>Wherefore art thou?</body>
\t</message>

Juliet connects

Juliet sends:
\t<presence to="${room}@conference.localhost/Juliet">
\t\t<x xmlns="http://jabber.org/protocol/muc"/>
\t</presence>

# The history: the body and the stamp are wrong.
Juliet receives:
\t<message from="${room}@conference.localhost/Romeo" type="groupchat">
\t\t<body>Where art thou?</body>
\t\t<delay xmlns="urn:xmpp:delay" from="${room}@conference.localhost" stamp="2001-01-01T00:00:00Z"/>
\t</message>

Juliet disconnects

Romeo disconnects
`;
}

/** The lines that differ between two texts of the same length in lines, 1-based. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.flatMap((line, index) => (line !== a[index] ? [index + 1] : []));
}

describe('accepting received stanzas against a real Prosody', () => {
  let server: LocalProsody;
  let dir: string;
  before(async () => {
    server = await startProsody({ configTemplate: prosodyConfig });
    dir = mkdtempSync(join(tmpdir(), 'scs-accept-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const options = () => ({ host: server.host, port: server.port, timeoutMs: 3000 });

  test('accepting each failing step gives a file that passes on the next two runs', async () => {
    const original = scenario('orchard');
    const first = await runScenario(parseScenario(original), 'accept.scs', options());
    assert.equal(first.status, 'failed', 'the scenario starts out wrong');

    const updated = await runUpdatingSnapshots(parseScenario(original), 'accept.scs', options());
    assert.equal(updated.result.status, 'passed', `${updated.result.failure?.message}\n${updated.text}`);
    assert.equal(updated.acceptedLines.length, 2, `accepted at ${updated.acceptedLines.join()}`);

    const text = updated.text;
    assert.match(text, /<status code="201"\/>/, 'the strict <x> is written as received');
    assert.match(text, /<body>Wherefore art thou\?<\/body>\n\t\t<delay xmlns="urn:xmpp:delay" from="orchard@conference.localhost" stamp="\{scansion:any\}"\/>/);
    assert.match(text, /# The room is new: this lacks status 201\./, 'comments stay');
    // One line gained (status 201); the history message changed in two lines only.
    assert.equal(text.split('\n').length, original.split('\n').length + 1);

    for (const attempt of [1, 2]) {
      const again = await runScenario(parseScenario(text), 'accept.scs', options());
      assert.equal(again.status, 'passed', `run ${attempt} after accepting: ${again.failure?.message}`);
    }
  });

  test('scs run --update-snapshots rewrites the file, and it passes on the next two runs', async (t) => {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    const file = join(dir, 'room.scs');
    const original = scenario('vineyard');
    writeFileSync(file, original);
    const scs = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile(
          process.execPath,
          [cli, 'run', '--server', `${server.host}:${server.port}`, '--timeout', '3', ...args],
          { timeout: 90_000 },
          (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const updated = await scs(['--update-snapshots', file]);
    assert.equal(updated.code, 0, updated.stdout + updated.stderr);
    assert.match(updated.stderr, /updated .*room\.scs: accepted the received stanza at lines \d+, \d+/);
    const text = readFileSync(file, 'utf8');
    t.diagnostic(`changed lines: ${changedLines(original, text).join(', ')}`);
    assert.match(text, /stamp="\{scansion:any\}"/);
    for (const attempt of [1, 2]) {
      const again = await scs([file]);
      assert.equal(again.code, 0, `run ${attempt} after --update-snapshots:\n${again.stdout}`);
    }
  });
});
