// Which of the files found a run takes: `--shard I/N` first (a split of all the files, so each
// file belongs to one shard whatever the tags say), then `--only-tags`/`--skip-tags`.

import type { Tag } from '../core/model.js';
import { parseTagFilters, selectedByTags, type TagFilter } from '../core/tags.js';
import { UsageError } from './usage.js';

export interface Shard {
  /** 1-based, as Playwright's `--shard 2/3`. */
  index: number;
  count: number;
}

/** Reads `I/N` with 1 <= I <= N. Throws a UsageError otherwise. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be I/N with 1 <= I <= N (e.g. 2/3), not "${text}"`);
  }
  return { index, count };
}

/** The files of one shard. The files are split in the order of their sorted paths into `count`
 *  consecutive parts whose sizes differ by at most one (the first parts take the remainder), as
 *  Playwright splits by file; the files kept stay in the order given. The split depends only on
 *  the set of paths, so every machine of a CI matrix agrees on it, and every file is in exactly
 *  one shard. */
export function shardFiles(files: readonly string[], shard: Shard): string[] {
  const sorted = [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const size = Math.floor(sorted.length / shard.count);
  const larger = sorted.length % shard.count;
  const before = shard.index - 1;
  const from = before * size + Math.min(before, larger);
  const to = from + size + (before < larger ? 1 : 0);
  const chosen = new Set(sorted.slice(from, to));
  return files.filter((file) => chosen.has(file));
}

export interface TagSelection {
  only: TagFilter[];
  skip: TagFilter[];
}

/** Reads `--only-tags` and `--skip-tags`; throws a UsageError for a malformed filter. */
export function tagSelection(onlyTags: string | undefined, skipTags: string | undefined): TagSelection {
  const read = (text: string | undefined, option: string) => {
    try {
      return parseTagFilters(text ?? '');
    } catch (error) {
      throw new UsageError(`${option}: ${(error as Error).message}`);
    }
  };
  return { only: read(onlyTags, '--only-tags'), skip: read(skipTags, '--skip-tags') };
}

export function selected(tags: readonly Tag[], selection: TagSelection): boolean {
  return selectedByTags(tags, selection.only, selection.skip);
}
