// The status bar's target switcher as the extension runs it (client/src/run/targetSwitcher.ts),
// against an in-memory stand-in for the parts of the `vscode` API it uses: the quick pick and input
// box answered as a user would, the workspace state a Map that outlives one RunTargets (a reload).
// What the next run uses is read back through settings(), as runs, debug sessions and "Copy scs
// run Command" read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTarget, type ScansionSettings } from '../../client/src/run/target.js';
import type { RunTargets } from '../../client/src/run/targetSwitcher.js';
import { loadWithVscode } from './withVscode.js';

type Item = { label: string; description?: string; tls?: string };
/** Answers the next quick pick (by the start of a row's label) or input box, in order. */
const answers: Array<{ pick: string } | { input: string } | { dismiss: true }> = [];
/** What the input box's validation said about each text tried. */
const validation: Array<[string, string | undefined]> = [];
const shown: Item[][] = [];
/** What each input box offered to start from. */
const prefills: string[] = [];

class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((other) => other !== listener)) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

const configured: Record<string, unknown> = { 'server.host': '127.0.0.1', 'server.port': 5999, timeout: 3 };
const vscode = {
  EventEmitter,
  workspace: {
    getConfiguration: () => ({ get: (key: string) => configured[key], inspect: (key: string) => ({ workspaceValue: configured[key] }) }),
    onDidChangeConfiguration: () => ({ dispose: () => undefined }),
  },
  window: {
    activeTextEditor: undefined,
    onDidChangeActiveTextEditor: () => ({ dispose: () => undefined }),
    showQuickPick: (items: Item[]) => {
      shown.push(items);
      const answer = answers.shift();
      assert.ok(answer && !('input' in answer), 'a quick pick nobody expected');
      if ('dismiss' in answer) return Promise.resolve(undefined);
      const item = items.find((candidate) => candidate.label.replace(/^\$\([\w-]+\) /, '').startsWith(answer.pick));
      assert.ok(item, `no row "${answer.pick}" in ${JSON.stringify(items.map((i) => i.label))}`);
      return Promise.resolve(item);
    },
    showInputBox: (options: { value: string; validateInput(value: string): string | undefined }) => {
      prefills.push(options.value);
      for (const text of ['xmpp example', 'xmpp.example:0']) validation.push([text, options.validateInput(text)]);
      const answer = answers.shift();
      assert.ok(answer && 'input' in answer, 'an input box nobody expected');
      validation.push([answer.input, options.validateInput(answer.input)]);
      return Promise.resolve(answer.input);
    },
  },
};

class Memento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

test('switching from the quick pick changes what the next run uses, kept in the workspace state over a reload', async () => {
  const { RunTargets } = await loadWithVscode<{ RunTargets: new (state: Memento, log: { info(line: string): void }) => RunTargets }>(
    'client/src/run/targetSwitcher.ts',
    vscode,
  );
  const state = new Memento();
  const lines: string[] = [];
  const log = { info: (line: string) => lines.push(line) };
  let targets = new RunTargets(state, log);
  let changes = 0;
  targets.onDidChange(() => changes++);
  const next = (settings: ScansionSettings) => [runTarget(settings, false), settings.tls];

  assert.deepEqual(next(targets.settings()), [{ kind: 'remote', host: '127.0.0.1', port: 5999 }, 'starttls'], 'the configured server first');
  assert.equal(targets.settings().timeoutMs, 3000);

  answers.push({ pick: 'Another host' }, { input: '[::1]:5333' }, { pick: 'STARTTLS, any certificate accepted' });
  await targets.pick();
  assert.deepEqual(next(targets.settings()), [{ kind: 'remote', host: '::1', port: 5333 }, 'insecure']);
  assert.equal(targets.settings().timeoutMs, 3000, 'the rest of the settings still count');
  assert.deepEqual(validation, [
    ['xmpp example', 'The address must be HOST or HOST:PORT (an IPv6 address in brackets: [::1]:5222), not "xmpp example".'],
    ['xmpp.example:0', 'The address must have a port between 1 and 65535, not 0.'],
    ['[::1]:5333', undefined],
  ]);
  assert.equal(lines.at(-1), 'Runs now go to [::1]:5333 (STARTTLS, any certificate accepted) (chosen in the status bar; kept for this workspace).');
  assert.equal(changes, 1);

  // A reload: a new RunTargets on the same workspace state.
  targets.dispose();
  targets = new RunTargets(state, log);
  assert.deepEqual(next(targets.settings()), [{ kind: 'remote', host: '::1', port: 5333 }, 'insecure']);
  answers.push({ pick: 'Throwaway local Prosody' });
  await targets.pick();
  const rows = shown.at(-1)!;
  assert.deepEqual(
    rows.map((row) => [row.label, row.description?.startsWith('current') ?? false]),
    [
      ['$(server-process) Throwaway local Prosody', false],
      ['$(settings-gear) Configured server', false],
      ['$(server) [::1]:5333', true],
      ['$(add) Another host…', false],
    ],
  );
  assert.deepEqual(next(targets.settings()), [{ kind: 'local' }, 'starttls']);

  // Dismissed: nothing changes.
  answers.push({ dismiss: true });
  await targets.pick();
  assert.deepEqual(next(targets.settings()), [{ kind: 'local' }, 'starttls']);

  // The host chosen before, from the list; then back to the settings, which forgets the choice.
  answers.push({ pick: '[::1]:5333' });
  await targets.pick();
  assert.deepEqual(next(targets.settings()), [{ kind: 'remote', host: '::1', port: 5333 }, 'insecure']);
  // Another host again: the box starts from the current one, written as it is read back.
  answers.push({ pick: 'Another host' }, { input: '[::1]:5333' }, { pick: 'STARTTLS, any certificate accepted' });
  await targets.pick();
  assert.equal(prefills.at(-1), '[::1]:5333');
  answers.push({ pick: 'Configured server' });
  await targets.pick();
  assert.deepEqual(next(targets.settings()), [{ kind: 'remote', host: '127.0.0.1', port: 5999 }, 'starttls']);
  assert.equal(state.values.has('scansion.target'), false);
  assert.match(lines.at(-1)!, /^Runs now go to the configured server, 127\.0\.0\.1:5999 \(STARTTLS, certificate checked\)/);
  assert.equal(answers.length, 0);
  targets.dispose();
});
