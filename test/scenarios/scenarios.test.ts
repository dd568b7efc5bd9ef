// The project's own scenarios (scenarios/*.scs): clean, covering the language, and all passing
// against a real Prosody started with scenarios/prosody.cfg.lua, one after another on one server.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import { runScenario } from '../../core/runner/index.js';
import { lineNumber, type ScenarioResult } from '../../core/results.js';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';

const dir = resolve(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.scs'))
  .sort();
const text = (name: string) => readFileSync(join(dir, name), 'utf8');

function failureText(result: ScenarioResult): string {
  const failure = result.failure;
  return failure ? `line ${lineNumber(failure.range)}: ${failure.message}\n${failure.actual ?? ''}` : '';
}

describe('scenarios/', () => {
  let server: LocalProsody;
  const results = new Map<string, ScenarioResult>();
  before(async () => {
    server = await startProsody({ configTemplate: join(dir, 'prosody.cfg.lua') });
  });
  after(async () => {
    await server?.stop();
  });

  test('holds scenarios', () => {
    assert.ok(files.length >= 8, `only ${files.length} scenarios`);
  });

  for (const name of files) {
    test(`${name} has a title and no diagnostics`, () => {
      const scenario = parseScenario(text(name));
      assert.ok(scenario.metadata.title?.value, 'a title');
      assert.deepEqual(
        diagnose(scenario).map((d) => `${d.range.start.line + 1}: ${d.severity} ${d.message}`),
        [],
      );
    });

    test(`${name} passes`, async () => {
      const result = await runScenario(parseScenario(text(name)), join(dir, name), { host: server.host, port: server.port });
      results.set(name, result);
      assert.equal(result.status, 'passed', failureText(result));
      assert.ok(result.steps.length > 0 && result.steps.every((step) => step.status === 'passed'));
    });
  }

  // Users run the examples again and again on one `scs server start`.
  test('every scenario passes a second time on the same server', async () => {
    for (const name of files) {
      const result = await runScenario(parseScenario(text(name)), join(dir, name), { host: server.host, port: server.port });
      assert.equal(result.status, 'passed', `${name} ${failureText(result)}`);
    }
  });

  test('together they use every feature of the language', () => {
    const all = files.map(text).join('\n');
    const uses: Record<string, RegExp> = {
      'a tag': /^## \w+$/m,
      'a tag with a value': /^## [\w-]+: .+$/m,
      'a name with a space and an apostrophe': /^\[Client\] \w+'s \w+$/m,
      'the resource property': /^\tresource: /m,
      'a bare JID variable': /\$\{[^}]+'s JID\}/,
      'a full JID variable': /\$\{[^}]+'s full JID\}/,
      'a variable in text': />[^<]*\$\{[^}]+\}[^<]*</,
      '{scansion:any}': /"\{scansion:any\}"/,
      '{scansion:capture:NAME}': /"\{scansion:capture:[\w-]+\}"/,
      'scansion:strict="true"': /scansion:strict="true"/,
      'scansion:strict="false"': /scansion:strict="false"/,
      'receives: nothing': /receives: nothing/,
      disconnects: / disconnects$/m,
      'a // comment': /^\/\/ /m,
      'a -- comment': /^-- /m,
    };
    for (const [feature, pattern] of Object.entries(uses)) assert.match(all, pattern, feature);
  });

  test('some scenario relies on stanzas being passed over', () => {
    const passedOver = [...results.values()].filter((result) => result.transcript.some((entry) => entry.direction === 'passed-over'));
    assert.ok(
      passedOver.some((result) => result.file.endsWith('passed-over.scs')),
      'passed-over.scs passes over stanzas',
    );
  });
});
