// `--reporter junit`: a JUnit XML report (one testcase per scenario), written when the run ends.
// Names, messages and stanzas come from files and servers: characters XML 1.0 forbids (control
// characters, U+FFFE/U+FFFF, lone surrogates) are written as escapes, so a CI's parser reads the report.

import { Element } from 'ltx';
import { lineNumber, type ScenarioResult } from '../../core/results.js';
import { terminalSafe } from '../../core/safeText.js';
import { countStatuses, type Reporter, type RunSummary } from './reporter.js';

export class JunitReporter implements Reporter {
  constructor(private readonly write: (text: string) => void) {}

  notRun(): void {}

  event(): void {}

  end(summary: RunSummary): void {
    this.write(`<?xml version="1.0" encoding="UTF-8"?>\n${junitReport(summary).toString()}\n`);
  }
}

export function junitReport(summary: RunSummary): Element {
  const { failed, errored } = countStatuses(summary.results);
  const time = (ms: number) => (ms / 1000).toFixed(3);
  const suite = new Element('testsuite', {
    name: 'scansion',
    tests: summary.results.length + summary.skippedByTags.length,
    failures: failed,
    errors: errored,
    skipped: summary.skippedByTags.length,
    time: time(summary.durationMs),
  });
  for (const result of summary.results) suite.cnode(testcase(result, time(result.durationMs)));
  for (const file of summary.skippedByTags.map(xmlSafe)) suite.c('testcase', { name: file, classname: file }).c('skipped', { message: 'skipped by tags' });
  return new Element('testsuites').cnode(suite).root();
}

/** Characters XML 1.0 forbids that `terminalSafe` leaves (it escapes the control characters). */
const notXmlCharacters = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with every character XML 1.0 forbids shown as an escape (`\e`, `\x01`, `\uffff`). */
function xmlSafe(text: string): string {
  return terminalSafe(text, true).replace(notXmlCharacters, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function testcase(result: ScenarioResult, time: string): Element {
  const file = xmlSafe(result.file);
  const element = new Element('testcase', { name: result.title === undefined ? file : xmlSafe(result.title), classname: file, file, time });
  const { failure } = result;
  if (failure) {
    const details = [`${result.file}:${lineNumber(failure.range)}: ${failure.message}`, ...(failure.details ?? [])];
    if (failure.expected) details.push('expected:', failure.expected);
    if (failure.actual) details.push('received:', failure.actual);
    element.c(result.status === 'failed' ? 'failure' : 'error', { message: xmlSafe(failure.message), type: failure.kind }).t(xmlSafe(details.join('\n')));
  }
  if (result.transcript.length > 0) {
    const lines = result.transcript.map((entry) => `[${entry.timeMs} ms] ${entry.character} ${entry.direction}: ${entry.text}`);
    element.c('system-out').t(xmlSafe(lines.join('\n')));
  }
  return element;
}
