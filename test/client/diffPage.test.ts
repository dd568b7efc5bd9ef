// client/src/diff: the side-by-side rows and the stanza diff page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sideBySide } from '../../client/src/diff/sideBySide.js';
import { diffPageHtml } from '../../client/src/diff/diffPage.js';

const expected = '<message type="chat" from="a@b/c">\n  <body>Good night, Romeo</body>\n</message>';
const actual =
  '<message type="chat" from="a@b/c" id="x1">\n  <body>Hello, Juliet</body>\n  <active xmlns="http://jabber.org/protocol/chatstates"/>\n</message>';

const marked = (segments: { text: string; changed: boolean }[] | undefined) =>
  (segments ?? [])
    .filter((s) => s.changed)
    .map((s) => s.text.trim())
    .filter(Boolean);
const whole = (segments: { text: string }[] | undefined) => segments?.map((s) => s.text).join('');

test('side by side: equal lines stay paired, changed lines mark what differs, extra lines stand alone', () => {
  const rows = sideBySide(expected, actual);
  assert.equal(rows.length, 4);
  assert.equal(whole(rows[0].left), '<message type="chat" from="a@b/c">');
  assert.deepEqual(marked(rows[0].left), []);
  assert.ok(
    marked(rows[0].right).some((text) => text.includes('id="x1"')),
    JSON.stringify(rows[0].right),
  );
  assert.deepEqual(marked(rows[1].left), ['Good night', 'Romeo']);
  assert.deepEqual(marked(rows[1].right), ['Hello', 'Juliet']);
  assert.equal(rows[2].left, undefined);
  assert.equal(whole(rows[2].right), '  <active xmlns="http://jabber.org/protocol/chatstates"/>');
  assert.deepEqual(marked(rows[3].left), []);
  assert.equal(whole(rows[3].left), whole(rows[3].right));
});

test('identical stanzas give rows without marks', () => {
  const rows = sideBySide(expected, expected);
  assert.equal(rows.length, 3);
  assert.ok(rows.every((row) => marked(row.left).length === 0 && marked(row.right).length === 0));
});

test('the page escapes stanzas, marks differences, links transcript lines to steps and allows only its own script', () => {
  const html = diffPageHtml({
    title: 'Stanza diff: a.scs:24',
    reason: 'message/body: expected "Good night, Romeo", got "Hello, Juliet"',
    details: ['your request q1 (line 15) was answered with an error: service-unavailable', "Romeo's queue, in arrival order (1):"],
    stepLine: 23,
    expected,
    actual,
    transcript: [{ text: '0.010s Romeo sent:', line: 18 }, { text: '    <message/>' }],
    nonce: 'abc123',
    cspSource: 'vscode-resource:',
  });
  assert.ok(html.includes('&lt;body&gt;'));
  assert.ok(!html.includes('<body>Good night'));
  assert.match(html, /<td class="expected changed">  &lt;body&gt;<mark>Good night<\/mark>, <mark>Romeo<\/mark>&lt;\/body&gt;<\/td>/);
  assert.match(html, /data-line="18"[^>]*>0\.010s Romeo sent:<\/a>/);
  assert.match(html, /data-line="23"/);
  assert.match(
    html,
    /<pre class="details">your request q1 \(line 15\) was answered with an error: service-unavailable\nRomeo&#39;s queue, in arrival order \(1\):<\/pre>/,
  );
  assert.match(html, /script-src 'nonce-abc123'/);
  assert.equal([...html.matchAll(/<script/g)].length, 1);
  assert.match(html, /<script nonce="abc123">/);
});

test('when nothing arrived the page says so', () => {
  const html = diffPageHtml({ title: 't', reason: 'timeout', details: [], stepLine: 0, expected: '<presence/>', transcript: [], nonce: 'n', cspSource: 's' });
  assert.match(html, /nothing arrived/);
  assert.match(html, /No traffic before this step/);
  assert.ok(!html.includes('class="details"'), 'no empty details block');
});

test('the page offers Accept only for a failure where a stanza arrived, and the button posts accept', () => {
  const base = { title: 't', reason: 'r', details: [], stepLine: 3, expected, transcript: [], nonce: 'n', cspSource: 'c' };
  const offered = diffPageHtml({ ...base, actual, canAccept: true });
  assert.match(offered, /<button class="accept"[^>]*>Accept received stanza<\/button>/);
  assert.match(offered, /postMessage\(\{ type: 'accept' \}\)/);
  assert.doesNotMatch(diffPageHtml({ ...base, actual: undefined }), /<button class="accept"/);
});
