// Exit codes of the `scs` command line itself (cli/usage.ts), run as a user runs it: the built
// dist/cli.js in a child process. Help on a command that exists exits 0; an unknown command is a
// usage error (exit 2) that names it, whether or not help was asked for; an unknown option too.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBuilt } from './support.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');

before(() => assert.ok(existsSync(cli), `${cli} is missing: run \`npm run build\` first`));

test('help asked about a command that does not exist is a usage error that names it, not the help of its parent', async () => {
  for (const args of [
    ['bogus', '--help'],
    ['bogus', '-h'],
    ['help', 'bogus'],
    ['server', 'bogus', '--help'],
    ['server', 'help', 'bogus'],
    ['--help', 'bogus'],
    ['help', 'server', 'bogus'],
  ]) {
    const result = await runBuilt(cli, args);
    assert.equal(result.code, 2, `scs ${args.join(' ')}: ${result.stdout}`);
    assert.match(result.stderr, /^error: unknown command 'bogus'\n/, `scs ${args.join(' ')}`);
    assert.equal(result.stdout, '', `scs ${args.join(' ')}: no help printed`);
  }
  const misspelt = await runBuilt(cli, ['rn', '--help']);
  assert.equal(misspelt.code, 2);
  assert.match(misspelt.stderr, /unknown command 'rn'\n\(Did you mean run\?\)/);
});

test("help on a command that exists exits 0 with that command's usage, wherever it is asked", async () => {
  const usages: Array<[string[], string]> = [
    [['--help'], 'scs [options] [command]'],
    [['help'], 'scs [options] [command]'],
    [['help', 'run'], 'scs run [options] [paths...]'],
    [['run', '--help'], 'scs run [options] [paths...]'],
    [['run', '--help', '--no-such-option'], 'scs run [options] [paths...]'],
    [['help', 'server'], 'scs server [options] [command]'],
    [['server', 'help', 'start'], 'scs server start [options] [paths...]'],
    [['help', 'server', 'start'], 'scs server start [options] [paths...]'],
    [['server', 'start', '--help'], 'scs server start [options] [paths...]'],
    [['record', '-h'], 'scs record [options]'],
  ];
  for (const [args, usage] of usages) {
    const result = await runBuilt(cli, args);
    assert.equal(result.code, 0, `scs ${args.join(' ')}: ${result.stderr}`);
    assert.ok(result.stdout.startsWith(`Usage: ${usage}\n`), `scs ${args.join(' ')}:\n${result.stdout}`);
  }
});

test('an unknown option is a usage error on every command, named on stderr', async () => {
  for (const args of [
    ['--no-such-option'],
    ['check', '--no-such-option', 'a.scs'],
    ['run', '--no-such-option', 'a.scs'],
    ['record', '--output', 'a.scs', '--no-such-option'],
    ['server', 'start', '--no-such-option'],
    ['server', 'stop', '--no-such-option'],
    ['server', 'status', '--no-such-option'],
  ]) {
    const result = await runBuilt(cli, args);
    assert.equal(result.code, 2, `scs ${args.join(' ')}: ${result.stdout}`);
    assert.match(result.stderr, /^error: unknown option '--no-such-option'\n/, `scs ${args.join(' ')}`);
  }
});

test('a command group without its command is a usage error that shows what it takes', async () => {
  for (const [args, usage] of [
    [[], 'scs [options] [command]'],
    [['server'], 'scs server [options] [command]'],
  ] as Array<[string[], string]>) {
    const result = await runBuilt(cli, args);
    assert.equal(result.code, 2, `scs ${args.join(' ')}`);
    assert.ok(result.stderr.startsWith(`Usage: ${usage}\n`), `scs ${args.join(' ')}:\n${result.stderr}`);
  }
});

test('the version is asked for before any command; after one, -V and --version are unknown options (nothing runs, exit 2)', async () => {
  for (const args of [['--version'], ['-V']]) {
    const result = await runBuilt(cli, args);
    assert.equal(result.code, 0, `scs ${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
  }
  for (const [args, option] of [
    [['run', 'scenarios/', '-V'], '-V'],
    [['run', 'scenarios/', '--version'], '--version'],
    [['check', '-V', 'scenarios/'], '-V'],
    [['server', 'start', '--version'], '--version'],
  ] as const) {
    const result = await runBuilt(cli, [...args], root);
    assert.equal(result.code, 2, `scs ${args.join(' ')}: ${result.stdout}`);
    assert.match(result.stderr, new RegExp(`^error: unknown option '${option}'\\n`), `scs ${args.join(' ')}`);
    assert.equal(result.stdout, '', `scs ${args.join(' ')}: nothing ran, no version printed`);
  }
});
