// The Node options the extension starts the language server with (client/src/serverProcess.ts
// serverNodeOptions; test/client/serverProcess.test.ts checks the process gets them): node takes
// each of them, and they do what their comments say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serverNodeOptions } from '../../client/src/serverProcess.js';

test('node takes every one of the server options, and the young generation stays as small as they say', () => {
  const semiSpace = Number(/^--max-semi-space-size=(\d+)$/.exec(serverNodeOptions.find((option) => option.startsWith('--max-semi-space-size=')) ?? '')?.[1]);
  assert.ok(semiSpace > 0, `a semi-space size among ${serverNodeOptions.join(' ')}`);
  // Objects that live a while, as an editor's successive parse results do, make the young
  // generation grow to its largest (16 MB semi-spaces without the option).
  const script = `
    const kept = new Array(20000);
    for (let i = 0; i < 400000; i++) kept[i % kept.length] = { i, text: 'version ' + i };
    const young = require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    console.log(JSON.stringify({ gc: typeof gc, youngMegabytes: young.space_size / 1024 / 1024 }));`;
  // An option node does not know ends it at once with "bad option".
  const printed = JSON.parse(execFileSync(process.execPath, [...serverNodeOptions, '-e', script], { encoding: 'utf8' })) as {
    gc: string;
    youngMegabytes: number;
  };
  assert.equal(printed.gc, 'function', 'the server can collect its garbage when a large document closes (server/src/memory.ts)');
  assert.ok(printed.youngMegabytes <= 2 * semiSpace, `the young generation took ${printed.youngMegabytes} MB`);
});
