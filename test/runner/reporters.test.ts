// The reporters on fixed results: layout, escaping, colours, held output with several jobs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'ltx';
import { SaxesParser } from 'saxes';
import type { RunEvent, ScenarioResult, StepResult } from '../../core/results.js';
import { palette } from '../../cli/reporters/colors.js';
import { HumanReporter } from '../../cli/reporters/human.js';
import { JsonReporter } from '../../cli/reporters/json.js';
import { GithubReporter } from '../../cli/reporters/github.js';
import { junitReport } from '../../cli/reporters/junit.js';
import { TapReporter } from '../../cli/reporters/tap.js';
import { character, scenario } from './support.js';

const text = `# Quotes & <brackets>\n\n${character('Romeo', 'romeo')}-----\nRomeo connects\n\nRomeo receives:\n\t<message/>\n`;
const parsed = scenario(text);

function step(index: number, status: StepResult['status']): StepResult {
  const { actionRange, range } = parsed.steps[index];
  return { index, actionRange, range, status, durationMs: 12 };
}

const failure = {
  kind: 'timeout' as const,
  range: parsed.steps[1].actionRange,
  message: 'message@type: expected "a<b", got "&"',
  expected: '<message type="a&lt;b"/>',
  actual: '<message type="&amp;"/>',
};
const failed: ScenarioResult = {
  file: 'f.scs',
  title: 'Quotes & <brackets>',
  status: 'failed',
  durationMs: 1500,
  steps: [step(0, 'passed'), { ...step(1, 'failed'), failure }],
  failure,
  transcript: [{ timeMs: 1, character: 'Romeo', direction: 'event', text: 'connected as romeo@localhost/x' }],
  boundJids: { Romeo: 'romeo@localhost/x' },
};

function collect(): { write: (text: string) => void; output: () => string } {
  let output = '';
  return { write: (text) => (output += text), output: () => output };
}

function replay(reporter: { event(event: RunEvent, s: typeof parsed): void }, result: ScenarioResult): void {
  reporter.event({ event: 'scenarioStart', file: result.file, title: result.title, stepCount: 2 }, parsed);
  for (const item of result.steps) reporter.event({ event: 'stepEnd', file: result.file, step: item }, parsed);
  reporter.event({ event: 'scenarioEnd', file: result.file, result }, parsed);
}

describe('reporters', () => {
  test('human: step lines, the failure with expected and received, and a summary', () => {
    const out = collect();
    const reporter = new HumanReporter(out.write, palette(false), false);
    replay(reporter, failed);
    reporter.end({ results: [failed], skippedByTags: ['t.scs'], durationMs: 1500 });
    const lines = out.output().split('\n');
    assert.equal(failure.range.start.line, 8, 'the result holds the 0-based line; the reporter shows line 9');
    assert.equal(lines[0], 'f.scs — Quotes & <brackets>');
    assert.equal(lines[1], '  ✓    7  Romeo connects (12 ms)');
    assert.equal(lines[2], '  ✗    9  Romeo receives (12 ms)');
    assert.equal(lines[3], '        f.scs:9: message@type: expected "a<b", got "&"');
    assert.deepEqual(lines.slice(4, 8), ['        expected:', '          <message type="a&lt;b"/>', '        received:', '          <message type="&amp;"/>']);
    assert.match(out.output(), /1 scenario: 0 passed, 1 failed, 0 errored, 1 skipped by tags \(1\.50 s\)\n$/);
  });

  test('human: colours only when asked, and with several jobs a scenario prints in one piece at its end', () => {
    const out = collect();
    const reporter = new HumanReporter(out.write, palette(true), true);
    reporter.event({ event: 'scenarioStart', file: 'f.scs', stepCount: 2 }, parsed);
    reporter.event({ event: 'stepEnd', file: 'f.scs', step: step(0, 'passed') }, parsed);
    assert.equal(out.output(), '', 'held until the scenario ends');
    reporter.event({ event: 'scenarioEnd', file: 'f.scs', result: { ...failed, status: 'passed', failure: undefined } }, parsed);
    assert.match(out.output(), /\u001b\[32m✓\u001b\[39m/);
    assert.match(out.output(), /Romeo connects/);
  });

  test('junit: counts, escaped failure text, transcript as system-out', () => {
    const passed: ScenarioResult = { ...failed, file: 'p.scs', title: undefined, status: 'passed', failure: undefined };
    const report = parse(junitReport({ results: [passed, failed], skippedByTags: [], durationMs: 3000 }).toString());
    const suite = report.getChild('testsuite')!;
    assert.deepEqual([suite.attrs.tests, suite.attrs.failures, suite.attrs.errors, suite.attrs.time], ['2', '1', '0', '3.000']);
    const [first, second] = suite.getChildren('testcase');
    assert.equal(first.attrs.name, 'p.scs');
    assert.equal(second.attrs.name, 'Quotes & <brackets>');
    const failureElement = second.getChild('failure')!;
    assert.equal(failureElement.attrs.message, failure.message);
    assert.equal(failureElement.attrs.type, 'timeout');
    assert.match(failureElement.getText(), /^f\.scs:9: message@type/);
    assert.match(second.getChildText('system-out')!, /\[1 ms\] Romeo event: connected as romeo@localhost\/x/);
  });

  test('junit: characters XML 1.0 forbids (from a file or a server) are shown escaped, so the report stays well-formed', () => {
    // A binary or UTF-16 file read as text, or a server's bad bytes quoted in a reason.
    const raw = 'got "\u0000\u0001\u001b[31m\uffff"';
    const bad = { ...failure, message: raw, details: [raw], expected: `<a>${raw}</a>`, actual: raw };
    const result: ScenarioResult = {
      ...failed,
      file: 'bin\u0002.scs',
      title: `title ${raw}`,
      failure: bad,
      transcript: [{ timeMs: 1, character: 'Romeo', direction: 'received', text: raw }],
    };
    const xml = junitReport({ results: [result], skippedByTags: [], durationMs: 1 }).toString();
    const parser = new SaxesParser();
    let problem: Error | undefined;
    parser.on('error', (error) => (problem ??= error));
    parser.write(xml).close();
    assert.equal(problem, undefined, `a strict XML parser reads the report: ${problem?.message}`);
    const testcase = parse(xml).getChild('testsuite')!.getChild('testcase')!;
    assert.equal(testcase.getChild('failure')!.attrs.message, 'got "\\0\\x01\\e[31m\\uffff"');
    assert.equal(testcase.attrs.file, 'bin\\x02.scs');
    assert.match(testcase.getChildText('system-out')!, /Romeo received: got "\\0\\x01\\e\[31m\\uffff"/);
  });

  test("a failure's detail lines reach every reporter as they are", () => {
    const details = [
      'your request q1 (line 15) was answered with an error: service-unavailable',
      "Romeo's queue, in arrival order (1):",
      '  0.120 s  <iq type="error" id="q1"/>  (closest: shown in full)',
    ];
    const explained = { ...failure, details };
    const result: ScenarioResult = { ...failed, steps: [step(0, 'passed'), { ...step(1, 'failed'), failure: explained }], failure: explained };

    const human = collect();
    replay(new HumanReporter(human.write, palette(false), false), result);
    const lines = human.output().split('\n');
    const reason = lines.indexOf('        f.scs:9: message@type: expected "a<b", got "&"');
    assert.deepEqual(
      lines.slice(reason + 1, reason + 4),
      details.map((detail) => `          ${detail}`),
    );
    assert.equal(lines[reason + 4], '        expected:');

    const json = collect();
    replay(new JsonReporter(json.write), result);
    const end = JSON.parse(json.output().trim().split('\n').at(-1)!);
    assert.deepEqual(end.failure.details, details);

    const junit = parse(junitReport({ results: [result], skippedByTags: [], durationMs: 1 }).toString());
    const text = junit.getChild('testsuite')!.getChild('testcase')!.getChild('failure')!.getText();
    assert.ok(text.startsWith(['f.scs:9: message@type: expected "a<b", got "&"', ...details].join('\n')), text);

    const github = collect();
    new GithubReporter(github.write).event({ event: 'scenarioEnd', file: 'f.scs', result });
    assert.ok(github.output().includes(`::${['message@type: expected "a<b", got "&"', ...details].join('%0A')}`), github.output());

    const tap = collect();
    new TapReporter(tap.write, 1).event({ event: 'scenarioEnd', file: 'f.scs', result });
    assert.ok(tap.output().includes(['  details:', ...details.map((detail) => `    - ${JSON.stringify(detail)}`)].join('\n')), tap.output());
  });

  test('tap: plan, points, YAML block and skipped files', () => {
    const out = collect();
    const reporter = new TapReporter(out.write, 2);
    reporter.event({ event: 'scenarioEnd', file: 'f.scs', result: failed });
    reporter.end({ results: [failed], skippedByTags: ['t.scs'], durationMs: 0 });
    assert.equal(
      out.output(),
      [
        'TAP version 13',
        '1..2',
        'not ok 1 - f.scs (Quotes & <brackets>)',
        '  ---',
        '  status: failed',
        '  line: 9',
        '  message: "message@type: expected \\"a<b\\", got \\"&\\""',
        '  expected: |',
        '    <message type="a&lt;b"/>',
        '  actual: |',
        '    <message type="&amp;"/>',
        '  ...',
        'ok 2 - t.scs # SKIP by tags',
        '',
      ].join('\n'),
    );
  });
});
