// A test run on a local Prosody adapts the prosody.cfg.lua beside each scenario (as `scs run
// --local-server` does: core/serverConfig.ts), the extension's own for scenarios with none;
// scenarios beside different ones run on one server each. The output channel names the
// configuration. Driven as VS Code calls the Run profile (runHarness.ts), with real Prosody servers
// and the real corpus folder (read from ../shared, never copied).

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { character, selfPresence } from '../runner/support.js';
import { corpusConfig, corpusDir, corpusPresent } from '../corpus-run/corpus.js';
import { fakeVscode, loadClient, memoryLog, runnerContext, TestRunRequest } from './runHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'scansion-config-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

if (corpusPresent) {
  test(
    'a corpus scenario runs on a Prosody adapting the corpus configuration, a scenario with none beside it on the default',
    { timeout: 120_000 },
    async () => {
      const corpusScenario = join(corpusDir, 'extdisco.scs'); // needs the corpus configuration's external services
      const plain = join(dir, 'greeting.scs');
      writeFileSync(plain, `# Plain greeting\n${character('Romeo', 'romeo')}${selfPresence}`);
      const fake = fakeVscode({ '': { localServer: 'always' } }, [corpusScenario, plain]);
      const { ScenarioTests, runTests, RunTargets, CancellationTokenSource } = await loadClient(fake.vscode);
      const tests = new ScenarioTests();
      await tests.controller.resolveHandler!();
      const log = memoryLog();
      const targets = new RunTargets({ get: () => undefined, update: async () => {} }, log);
      const defaultConfig = resolve('scenarios/prosody.cfg.lua');
      const context = { ...runnerContext(tests, targets, log), prosodyConfig: defaultConfig };

      const next = fake.nextRun();
      await runTests(context, new TestRunRequest(), new CancellationTokenSource().token, false);
      const run = await next;
      const passed = run.calls.filter(([call]) => call === 'passed').map(([, label]) => label);
      assert.ok(passed.includes('Plain greeting'), JSON.stringify(run.calls));
      assert.ok(
        run.calls.every(([call]) => call !== 'failed' && call !== 'errored'),
        JSON.stringify(run.calls),
      );
      const started = log.lines.filter((line) => line.includes('Local Prosody started'));
      assert.equal(started.length, 2, log.lines.join('\n'));
      assert.ok(
        started.some((line) => line.endsWith(`; configuration ${corpusConfig} (beside the scenarios).`)),
        started.join('\n'),
      );
      assert.ok(
        started.some((line) => line.endsWith(`; configuration ${defaultConfig} (default).`)),
        started.join('\n'),
      );
    },
  );
}
