// The scenario writer on recordings made by hand: names, passwords, comments on steps that cannot
// replay, and the one volatile-value rule.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'ltx';
import { diagnose } from '../../core/diagnostics/index.js';
import { parseScenario } from '../../core/parser/index.js';
import { characterNamesFor, writeScenario } from '../../core/recorder/index.js';
import { Recording } from '../../core/recorder/recording.js';

const options = { keepPasswords: false, upstream: 'xmpp.example:5222', date: new Date('2026-11-30T08:00:00Z') };

function clean(text: string): void {
  const problems = diagnose(parseScenario(text)).filter((item) => item.severity === 'error' || item.severity === 'warning');
  assert.deepEqual(problems, [], text);
}

test('accounts are named in the order they connect; further connections of one account are its devices', () => {
  const connection = (id: number, bareJid: string) => ({ id, bareJid, fullJid: `${bareJid}/r${id}`, password: '' });
  const names = characterNamesFor([connection(1, 'a@x'), connection(2, 'b@x'), connection(3, 'a@x'), connection(4, 'c@x'), connection(5, 'a@x')]);
  assert.deepEqual([...names.values()], ['Romeo', 'Juliet', "Romeo's phone", 'Mercutio', "Romeo's laptop"]);
});

test('a second connection of an account replays as "Romeo\'s phone", with its presence as a variable', () => {
  const recording = new Recording();
  const laptop = recording.connected({ bareJid: 'romeo@localhost', fullJid: 'romeo@localhost/abc', password: 'pw1' });
  const phone = recording.connected({ bareJid: 'romeo@localhost', fullJid: 'romeo@localhost/mobile', resource: 'mobile', password: 'pw1' });
  recording.sent(phone, parse('<presence xmlns="jabber:client"/>'));
  recording.received(laptop, parse('<presence from="romeo@localhost/mobile" to="romeo@localhost/abc"/>'));
  recording.disconnected(phone, 'client');
  recording.disconnected(laptop, 'proxy');
  const text = writeScenario(recording, options);
  clean(text);
  assert.match(text, /\[Client\] Romeo's phone\n\tjid: romeo@localhost\n\tpassword: password\n\tresource: mobile\n/);
  assert.match(text, /Romeo's phone sends:\n\t<presence\/>\n/, 'an xmlns that repeats the stream namespace is left out');
  assert.match(text, /Romeo receives:\n\t<presence from="\$\{Romeo's phone's full JID\}" to="\$\{Romeo's full JID\}"\/>\n/);
  assert.ok(!text.includes('pw1'));
});

test('--keep-passwords writes the real password and no placeholder note', () => {
  const recording = new Recording();
  const romeo = recording.connected({ bareJid: 'romeo@localhost', fullJid: 'romeo@localhost/abc', password: 's3cret' });
  recording.disconnected(romeo, 'client');
  const text = writeScenario(recording, { ...options, keepPasswords: true });
  clean(text);
  assert.match(text, /\tpassword: s3cret\n/);
  assert.doesNotMatch(text, /placeholder/);
});

test('steps a replay cannot reproduce carry a comment that says why', () => {
  const recording = new Recording();
  const romeo = recording.connected({ bareJid: 'romeo@localhost', fullJid: 'romeo@localhost/abc', password: '' });
  recording.received(romeo, parse('<message from="tybalt@localhost/x" type="chat"><body>draw</body></message>'));
  recording.received(romeo, parse('<iq type="get" id="srv1" from="localhost"><ping xmlns="urn:xmpp:ping"/></iq>'));
  recording.sent(romeo, parse('<iq type="result" id="srv1" to="localhost"/>'));
  recording.received(romeo, parse('<message from="romeo@localhost/elsewhere" type="chat"><body>me</body></message>'));
  recording.disconnected(romeo, 'server', 'stream error from 127.0.0.1:5222: system-shutdown');
  const text = writeScenario(recording, options);
  clean(text);
  assert.match(text, /# Sent by tybalt@localhost\/x, which was not recorded through the proxy: a replay will not make it arrive\.\nRomeo receives:/);
  assert.match(text, /# Sent by \$\{Romeo's JID\}\/elsewhere|# Sent by romeo@localhost\/elsewhere/);
  assert.match(text, /<iq type="get" id="\{scansion:any\}" from="localhost">/, 'the id the server chose');
  assert.match(
    text,
    /# Answers a request of the server, whose id changes on every run: a replay sends the recorded id\.\nRomeo sends:\n\t<iq type="result" id="srv1" to="localhost"\/>/,
  );
  assert.match(
    text,
    /# The server ended this connection here \(stream error from 127\.0\.0\.1:5222: system-shutdown\); a replay disconnects instead\.\nRomeo disconnects\n$/,
  );
});

test('delayed delivery stamps, stanza-ids and entity time become {scansion:any}; ids a character sent stay', () => {
  const recording = new Recording();
  const romeo = recording.connected({ bareJid: 'romeo@localhost', fullJid: 'romeo@localhost/abc', password: '' });
  recording.sent(romeo, parse('<iq type="get" id="t1" to="localhost"><time xmlns="urn:xmpp:time"/></iq>'));
  recording.received(
    romeo,
    parse('<iq type="result" id="t1" from="localhost"><time xmlns="urn:xmpp:time"><tzo>+00:00</tzo><utc>2026-11-30T08:00:00Z</utc></time></iq>'),
  );
  recording.received(
    romeo,
    parse(
      '<message type="groupchat" id="hist1" from="room@conference.localhost/Juliet"><body>old</body><delay xmlns="urn:xmpp:delay" stamp="2026-11-30T07:00:00Z"/><stanza-id xmlns="urn:xmpp:sid:0" id="x9" by="room@conference.localhost"/></message>',
    ),
  );
  recording.disconnected(romeo, 'client');
  const text = writeScenario(recording, options);
  clean(text);
  assert.match(
    text,
    /<iq type="result" id="t1" from="localhost">\n\t\t<time xmlns="urn:xmpp:time">\n\t\t\t<tzo>\{scansion:any\}<\/tzo>\n\t\t\t<utc>\{scansion:any\}<\/utc>/,
  );
  assert.match(text, /<message type="groupchat" id="\{scansion:any\}"/);
  assert.match(text, /<delay xmlns="urn:xmpp:delay" stamp="\{scansion:any\}"\/>/);
  assert.match(text, /<stanza-id xmlns="urn:xmpp:sid:0" id="\{scansion:any\}" by="room@conference.localhost"\/>/);
});
