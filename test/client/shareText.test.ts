// client/src/run/shareText.ts: the `scs run` command a run repeats with, and a failure as Markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failureMarkdown, runCommandLine } from '../../client/src/run/shareText.js';
import { defaultSettings } from '../../client/src/run/target.js';
import type { ScenarioResult } from '../../core/results.js';

test('the scs run command carries the settings a run from the editor uses', () => {
  assert.equal(runCommandLine('scenarios/muc join.scs', { kind: 'local' }, defaultSettings), "scs run 'scenarios/muc join.scs' --local-server --timeout 5");
  assert.equal(
    runCommandLine(
      'a.scs',
      { kind: 'remote', host: 'xmpp.example', port: 5223 },
      { ...defaultSettings, tls: 'insecure', timeoutMs: 2500, quietMs: 1000, sync: false, ordered: true },
    ),
    'scs run a.scs --server xmpp.example:5223 --tls-insecure --timeout 2.5 --quiet-period 1 --no-sync --ordered',
  );
  // An IPv6 server in brackets, as `scs run --server` reads it (quoted: brackets are a shell pattern).
  assert.equal(runCommandLine('a.scs', { kind: 'remote', host: '::1', port: 5222 }, defaultSettings), "scs run a.scs --server '[::1]:5222' --timeout 5");
  // A step's item: up to that step, as `scs run FILE.scs:LINE` reads it.
  assert.equal(
    runCommandLine('scenarios/muc join.scs', { kind: 'local' }, defaultSettings, 12),
    "scs run 'scenarios/muc join.scs:12' --local-server --timeout 5",
  );
});

test('the command is the scs the README installs (npm link), never `npx scs`: outside this clone npx fetches an unrelated npm package named scs', () => {
  for (const target of [{ kind: 'local' as const }, { kind: 'remote' as const, host: 'xmpp.example', port: 5222 }]) {
    const command = runCommandLine('a.scs', target, defaultSettings);
    assert.ok(command.startsWith('scs run a.scs '), command);
  }
});

test('a failure as Markdown: reason, expected, received, transcript and the command, fenced safely', () => {
  const range = { start: { line: 9, character: 0 }, end: { line: 9, character: 15 } };
  const step = {
    index: 1,
    actionRange: range,
    range,
    status: 'failed' as const,
    durationMs: 3000,
    failure: {
      range,
      message: 'message/body: expected text "Hi", got "Hello ```"',
      expected: '<message>\n  <body>Hi</body>\n</message>',
      actual: '<message>\n  <body>Hello ```</body>\n</message>',
      kind: 'mismatch' as const,
    },
  };
  const result: ScenarioResult = {
    file: '/w/a.scs',
    title: 'Greeting',
    status: 'failed',
    durationMs: 3100,
    steps: [step],
    failure: step.failure,
    transcript: [{ timeMs: 12, character: 'Romeo', direction: 'event', text: 'connected as romeo@localhost/x', stepIndex: 0 }],
    boundJids: {},
    server: '127.0.0.1:5222',
  };
  const markdown = failureMarkdown('a.scs', result, step, 'scs run a.scs --local-server --timeout 5');
  assert.match(markdown, /^### Greeting: step at line 10 failed\n/);
  assert.match(markdown, /````xml\n<message>\n {2}<body>Hello ```<\/body>\n<\/message>\n````/, 'a fence longer than any backticks inside');
  assert.match(markdown, /Romeo: connected as romeo@localhost\/x/);
  assert.match(markdown, /```sh\nscs run a.scs --local-server --timeout 5\n```$/);
});
