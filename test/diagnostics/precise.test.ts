// Diagnostics that point at the one real problem (issue 8, item 7): a verb one edit away (or
// `receives: nothin`) leaves no follow-on warnings, a misspelt character carries the name it most likely meant, a half-typed
// header is one error, and no message carries Markdown (Problems and the Test Explorer show it raw).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';

const head = '# T\n\n[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n';
const codesOf = (text: string) => diagnose(parseScenario(text)).map((item) => item.code);

test('a verb one edit away from connects adds no follow-on warnings to later steps', () => {
  const text = `${head}-----\nRomeo conects\nRomeo sends:\n\t<presence/>\nRomeo receives:\n\t<presence/>\nRomeo disconects\nRomeo sends:\n\t<presence/>\n`;
  const found = diagnose(parseScenario(text)).map((item) => `${item.range.start.line}:${item.code}`);
  assert.deepEqual(
    found,
    ['7:unknown-verb', '12:unknown-verb', '13:sent-after-disconnect'],
    'only the typos, and the hint for a send after the (misspelt) disconnect',
  );
});

test('verbs one edit away from sends and receives: one error each with the verb meant, and no follow-on', () => {
  const text = `${head}[Client] Juliet\n\tjid: juliet@localhost\n\tpassword: password\n\n-----\nRomeo connects\nJuliet conects\nRomeo sneds:\n\t<message to="\${Juliet's JID}"/>\nJuliet recieves:\n\t<message/>\nJuliet receives: nothin\nJuliet disconnects\nRomeo disconnects\n`;
  const found = diagnose(parseScenario(text)).map((item) => [item.range.start.line, item.code, item.data?.suggestion]);
  assert.deepEqual(
    found,
    [
      [12, 'unknown-verb', 'connects'],
      [13, 'unknown-verb', 'sends'],
      [15, 'unknown-verb', 'receives'],
      [17, 'unexpected-text', 'nothing'],
    ],
    'Juliet, used only by misspelt lines, is not unused; "nothin" is not also a receives without its stanza',
  );
});

test('a misspelt character carries the defined name it most likely meant', () => {
  const [steps] = diagnose(parseScenario(`${head}-----\nRomeo connects\nRomoe disconnects\n`)).filter((item) => item.code === 'undefined-character');
  assert.deepEqual(steps?.data, { name: 'Romoe', suggestion: 'Romeo' });
  assert.match(steps!.message, /Did you mean "Romeo"\?/);
  const [variable] = diagnose(parseScenario(`${head}-----\nRomeo connects\nRomeo sends:\n\t<message to="\${Rome's JID}"/>\n`)).filter(
    (item) => item.code === 'variable-undefined-character',
  );
  assert.equal(variable?.data?.name, 'Rome');
  assert.match(String(variable?.data?.suggestion), /Romeo/);
  const [far] = diagnose(parseScenario(`${head}-----\nRomeo connects\nTybalt connects\n`)).filter((item) => item.code === 'undefined-character');
  assert.deepEqual(far?.data, { name: 'Tybalt' }, 'no suggestion when nothing is close');
});

test('a half-typed header line is one error', () => {
  for (const line of ['[', '[Cli', '[Client', '[Client]']) {
    const errors = diagnose(parseScenario(`${head}${line}\n\n-----\nRomeo connects\n`)).filter((item) => item.severity === 'error');
    assert.equal(errors.length, 1, `${line}: ${errors.map((item) => item.code).join()}`);
  }
});

test('no diagnostic message carries Markdown', () => {
  const broken = [
    `${head}[Client Nurse\n-----\nRomeo connects\n`,
    `${head}[Client]\n\tjid: a@b\n-----\nRomeo connects\n`,
    `[Client] Romeo\n\tpassword\n-----\nRomeo connects\n`,
    `[Client] Romeo\n\tpassword: x\n-----\nRomeo connects\n`,
    `${head}-----\n\t<presence/>\nRomeo connects\n`,
    `${head}-----\nRomeo connects\nsends:\n\t<presence/>\nRomeo receives: nothing\n\t<presence/>\nRomeo receives: x\n\t<presence/>\n`,
    `${head}-----\nRomeo connects\nRomeo sends:\n\t<message><body>a & b</body></message>\nRomeo sends:\n\t<message>\n\t\t</\n\t</message>\nJuliet sends:\n\t<presence/>\n`,
  ];
  for (const text of broken) {
    for (const item of diagnose(parseScenario(text))) assert.doesNotMatch(item.message, /[`*]|\*\*/, `${item.code}: ${item.message}`);
  }
  assert.ok(codesOf(broken[0]).includes('malformed-header'));
});
