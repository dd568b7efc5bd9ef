// `--reporter github`: workflow commands, escaped as GitHub's toolkit escapes them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, GithubReporter, workflowCommand } from '../../cli/reporters/github.js';
import type { ScenarioResult } from '../../core/results.js';

test('message data escapes %, CR and LF; properties also : and ,', () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext%3A a%2C b');
  assert.equal(escapeData('%0A'), '%250A', 'an escape sequence already in the text stays text');
});

test('a workflow command has its properties in order, comma-separated', () => {
  assert.equal(
    workflowCommand('error', { file: 'spec/a,b.scs', line: 12, title: 'x: y' }, 'two\nlines'),
    '::error file=spec/a%2Cb.scs,line=12,title=x%3A y::two%0Alines\n',
  );
});

test('a failed scenario becomes one error annotation at its failing line with expected and received', () => {
  const out: string[] = [];
  const reporter = new GithubReporter((text) => out.push(text));
  const result: ScenarioResult = {
    file: 'spec/scansion/body.scs',
    title: 'A body, changed',
    status: 'failed',
    durationMs: 12,
    steps: [],
    failure: {
      kind: 'mismatch',
      range: { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } },
      message: 'message/body: expected text "a", got "b"',
      expected: '<body>a</body>',
      actual: '<body>b</body>',
    },
    transcript: [],
    boundJids: {},
  };
  reporter.event({ event: 'scenarioEnd', file: result.file, result });
  reporter.end({ results: [result], skippedByTags: [], durationMs: 20 });
  assert.deepEqual(out, [
    '::error file=spec/scansion/body.scs,line=14,title=A body%2C changed failed::message/body: expected text "a", got "b"%0A%0Aexpected:%0A<body>a</body>%0A%0Areceived:%0A<body>b</body>\n',
    'failed: spec/scansion/body.scs (A body, changed)\n',
    '1 scenario: 0 passed, 1 failed, 0 errored\n',
  ]);
});
