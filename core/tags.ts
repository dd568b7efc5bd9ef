// Choosing scenarios by their tags, as Scansion's `--only-tags` and `--skip-tags` do (SCANSION.md
// section 1): a file's tags are its `## name` and `## name: value` metadata lines; a filter `name`
// selects any value of that tag (or none), a filter `name: value` only that value.

import type { Tag } from './model.js';

export interface TagFilter {
  name: string;
  /** Absent: any value (or none) matches. */
  value?: string;
}

/** Reads a comma-separated filter list such as `slow, status: stable`. Names and values are
 *  trimmed and compared exactly (case matters), as the parser reads `## name: value`. Blank
 *  entries are ignored. Throws an Error naming the entry when one has an empty name (`: x`). */
export function parseTagFilters(text: string): TagFilter[] {
  const filters: TagFilter[] = [];
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const colon = entry.indexOf(':');
    const name = (colon === -1 ? entry : entry.slice(0, colon)).trim();
    if (name === '') throw new Error(`a tag filter needs a name before its colon, not "${entry.trim()}"`);
    filters.push(colon === -1 ? { name } : { name, value: entry.slice(colon + 1).trim() });
  }
  return filters;
}

/** Whether one of `tags` satisfies `filter`. A tag written without a value (`## slow`) matches
 *  only filters without a value. */
export function matchesTag(tags: readonly Tag[], filter: TagFilter): boolean {
  return tags.some((tag) => tag.name.value === filter.name && (filter.value === undefined || tag.value?.value === filter.value));
}

/** Whether a scenario with `tags` is run: it has one of `only` (when `only` is not empty) and
 *  none of `skip`. */
export function selectedByTags(tags: readonly Tag[], only: readonly TagFilter[], skip: readonly TagFilter[]): boolean {
  if (only.length > 0 && !only.some((filter) => matchesTag(tags, filter))) return false;
  return !skip.some((filter) => matchesTag(tags, filter));
}
