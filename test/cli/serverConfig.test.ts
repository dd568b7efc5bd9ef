// Which prosody.cfg.lua `scs run --local-server` adapts: --server-config, else the one beside the
// scenarios (as Prosody's own spec/scansion/ keeps it: corpus prosody-0.12), else the project's.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverConfigFor } from '../../core/prosody/index.js';
import { corpusConfig, corpusDir, corpusPresent } from '../corpus-run/corpus.js';

const cli = resolve('dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'scs-server-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, withConfig: boolean): string {
  const path = join(dir, name);
  mkdirSync(path);
  if (withConfig) writeFileSync(join(path, 'prosody.cfg.lua'), 'VirtualHost "localhost"\n');
  for (const file of ['a.scs', 'b.scs']) writeFileSync(join(path, file), '# A\n');
  return path;
}

function scs(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, 'run', ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the local server configuration', () => {
  const withConfig = folder('with', true);
  const other = folder('other', true);
  const without = folder('without', false);
  const fallback = () => '/the/default.cfg.lua';

  test('the one beside the scenarios, else the default; the given one always wins', () => {
    const beside = join(withConfig, 'prosody.cfg.lua');
    const both = [join(withConfig, 'a.scs'), join(withConfig, 'b.scs')];
    assert.deepEqual(serverConfigFor(both, undefined, fallback), { file: beside, source: 'beside the scenarios' });
    assert.deepEqual(serverConfigFor([join(without, 'a.scs')], undefined, fallback), { file: '/the/default.cfg.lua', source: 'default' });
    const mixed = [join(withConfig, 'a.scs'), join(other, 'a.scs')];
    assert.deepEqual(serverConfigFor(mixed, 'x.cfg.lua', fallback), { file: resolve('x.cfg.lua'), source: 'given' });
  });

  test('scenarios beside different configurations (or beside one and none) are refused', () => {
    for (const mixed of [
      [join(withConfig, 'a.scs'), join(other, 'a.scs')],
      [join(withConfig, 'a.scs'), join(without, 'a.scs')],
    ]) {
      assert.throws(() => serverConfigFor(mixed, undefined, fallback), /the scenarios lie beside different prosody\.cfg\.lua files \(.*with.*\)/);
    }
  });

  test('scs run says so with exit code 2 and starts no server', async () => {
    const result = await scs(['--local-server', join(withConfig, 'a.scs'), join(without, 'a.scs')]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /lie beside different prosody\.cfg\.lua files .*; run each folder on its own, or choose one with --server-config/);
  });
});

if (corpusPresent) {
  describe('corpus prosody-0.12 with its own prosody.cfg.lua', () => {
    // extdisco needs mod_external_services as the corpus configuration sets it up.
    const scenario = join(corpusDir, 'extdisco.scs');

    test('scs run --local-server adapts the configuration beside the scenario, and says so', async () => {
      const result = await scs(['--local-server', scenario]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stderr, new RegExp(`local server configuration: ${corpusConfig.replace(/[.]/g, '\\.')} \\(beside the scenarios\\)`));
    });

    test('--server-config wins over the one beside the scenario', async () => {
      const result = await scs(['--local-server', '--server-config', 'scenarios/prosody.cfg.lua', scenario]);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stderr, new RegExp(`local server configuration: ${resolve('scenarios/prosody.cfg.lua').replace(/[.]/g, '\\.')}\\n`));
    });
  });
}
