// Choosing files: tags with values (core/tags.ts) and --shard (cli/selection.ts).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenario } from '../../core/parser/index.js';
import { matchesTag, parseTagFilters, selectedByTags } from '../../core/tags.js';
import { parseShard, shardFiles } from '../../cli/selection.js';

const tagsOf = (lines: string) => parseScenario(`# Title\n${lines}\n[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo connects\n`).metadata.tags;

describe('tag filters', () => {
  test('"name" and "name: value", comma-separated, trimmed', () => {
    assert.deepEqual(parseTagFilters(' slow , status: stable,status:beta,, '), [
      { name: 'slow' },
      { name: 'status', value: 'stable' },
      { name: 'status', value: 'beta' },
    ]);
    assert.deepEqual(parseTagFilters(''), []);
    assert.throws(() => parseTagFilters('slow, : stable'), /needs a name before its colon, not ": stable"/);
  });

  test('a filter without a value takes any value; with a value only that value', () => {
    const tags = tagsOf('## status: stable\n## slow');
    assert.equal(matchesTag(tags, { name: 'status' }), true);
    assert.equal(matchesTag(tags, { name: 'status', value: 'stable' }), true);
    assert.equal(matchesTag(tags, { name: 'status', value: 'beta' }), false);
    assert.equal(matchesTag(tags, { name: 'slow' }), true);
    assert.equal(matchesTag(tags, { name: 'slow', value: 'yes' }), false, 'a tag without a value has no value to match');
    assert.equal(matchesTag(tags, { name: 'Status' }), false, 'names are compared exactly');
  });

  test('--only-tags needs one of its filters, --skip-tags none of its filters', () => {
    const stable = tagsOf('## status: stable');
    const beta = tagsOf('## status: beta');
    const none = tagsOf('');
    const only = parseTagFilters('status: stable');
    assert.deepEqual(
      [stable, beta, none].map((tags) => selectedByTags(tags, only, [])),
      [true, false, false],
    );
    const skip = parseTagFilters('status: beta');
    assert.deepEqual(
      [stable, beta, none].map((tags) => selectedByTags(tags, [], skip)),
      [true, false, true],
    );
    assert.equal(selectedByTags(stable, parseTagFilters('status'), parseTagFilters('status: stable')), false, 'skip wins');
  });
});

describe('--shard', () => {
  test('I/N is 1-based with 1 <= I <= N', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    assert.deepEqual(parseShard(' 1 / 1 '), { index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3', '-1/2', '1.5/3']) assert.throws(() => parseShard(bad), /--shard must be I\/N/, bad);
  });

  test('every file is in exactly one shard, shard sizes differ by at most one, earlier shards take the extra files', () => {
    const files = Array.from({ length: 10 }, (_, index) => `spec/${String(index).padStart(2, '0')}.scs`);
    const shards = [1, 2, 3].map((index) => shardFiles(files, { index, count: 3 }));
    assert.deepEqual(
      shards.map((shard) => shard.length),
      [4, 3, 3],
    );
    assert.deepEqual(shards.flat(), files);
    assert.deepEqual(shards[0], files.slice(0, 4));
  });

  test('the split depends only on the set of files, not on the order they were given in', () => {
    const files = ['b.scs', 'd.scs', 'a.scs', 'c.scs', 'e.scs'];
    const reversed = [...files].reverse();
    for (const index of [1, 2]) {
      assert.deepEqual(new Set(shardFiles(files, { index, count: 2 })), new Set(shardFiles(reversed, { index, count: 2 })));
    }
    assert.deepEqual(shardFiles(files, { index: 1, count: 2 }), ['b.scs', 'a.scs', 'c.scs'], 'the files kept stay in the order given');
  });

  test('more shards than files: the last shards are empty', () => {
    assert.deepEqual(
      [1, 2, 3].map((index) => shardFiles(['a.scs', 'b.scs'], { index, count: 3 })),
      [['a.scs'], ['b.scs'], []],
    );
  });
});
