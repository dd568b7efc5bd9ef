// Matches an expected stanza against a received one by the rules of SCANSION.md section 3.

import type { Element } from 'ltx';
import { STREAM_NS } from '../model.js';
import { compareNodes } from './compare.js';
import { describeName, pathSegment, sameName, stanzaNode } from './nodes.js';
import { nearMissScore } from './similarity.js';

export type MatchResult =
  | { matched: true }
  | {
      matched: false;
      /** Where the first difference is: `presence/x[muc#user]/item@affiliation`. */
      path: string;
      /** The whole one-line reason, path included, ready for a failure message:
       *  `presence/x[muc#user]/item@affiliation: expected "member", got "none"`. */
      reason: string;
      /** How close the received stanza came; higher is closer (see `nearMissScore`). */
      score: number;
    };

/** Compares `expected` (built by `elementFromModel`, variables resolved) with `received`.
 *  `captures` holds the `{scansion:capture:NAME}` values captured so far; new captures are added
 *  to it only when the whole stanza matches. */
export function matchStanza(expected: Element, received: Element, captures: Map<string, string>): MatchResult {
  const want = stanzaNode(expected);
  const have = stanzaNode(received);
  const path = pathSegment(want, STREAM_NS);
  const working = new Map(captures);
  const difference = sameName(want, have)
    ? compareNodes(want, have, path, working)
    : { path, detail: `expected ${describeName(want, STREAM_NS)}, got ${describeName(have, STREAM_NS)}` };
  if (difference === undefined) {
    for (const [name, value] of working) captures.set(name, value);
    return { matched: true };
  }
  return {
    matched: false,
    path: difference.path,
    reason: `${difference.path}: ${difference.detail}`,
    score: nearMissScore(want, have, captures),
  };
}
