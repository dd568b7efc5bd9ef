// The GitHub Actions workflow the README shows: its scs commands, run here as each machine of the
// matrix would run them, check the scenarios and run each scenario on exactly one shard.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');

function workflow(): string {
  const section = readme.slice(readme.indexOf('### In GitHub Actions'));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  assert.ok(match, 'the README has a workflow');
  return match[1];
}

test('the README workflow checks and runs scenarios/ on a matrix of shards, each scenario once', () => {
  const yaml = workflow();
  assert.match(yaml, /container: node:20-bookworm/);
  assert.match(yaml, /apt-get install -y --no-install-recommends prosody/);
  const shards = JSON.parse(/shard: (\[[\d, ]+\])/.exec(yaml)![1]) as number[];
  assert.deepEqual(shards, [1, 2, 3]);
  const commands = [...yaml.matchAll(/- run: (node dist\/cli\.js .*)$/gm)].map((match) => match[1]);
  assert.deepEqual(
    commands.map((command) => command.split(' ').slice(0, 3).join(' ')),
    ['node dist/cli.js check', 'node dist/cli.js run'],
  );

  const [check, run] = commands;
  execFileSync(process.execPath, check.split(' ').slice(1), { encoding: 'utf8' });

  const ran: string[] = [];
  for (const shard of shards) {
    const args = run.replace('${{ matrix.shard }}', String(shard)).split(' ').slice(1);
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 0, `shard ${shard}: ${result.stdout}${result.stderr}`);
    assert.ok(!result.stdout.includes('::error'), result.stdout);
    ran.push(...[...result.stdout.matchAll(/^passed: (\S+)/gm)].map((match) => match[1]));
  }
  const all = readdirSync('scenarios')
    .filter((name) => name.endsWith('.scs'))
    .map((name) => `scenarios/${name}`);
  assert.deepEqual([...ran].sort(), all.sort(), 'every scenario ran, on exactly one shard');
});
