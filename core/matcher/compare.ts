// The recursive comparison of an expected element with a received one (SCANSION.md section 3).
// It stops at the first difference and says where it is.

import { oneLineStanza } from '../xml/pretty.js';
import { acceptPattern, describePattern, parsePattern } from './patterns.js';
import { childNodes, comparableAttributes, isStrict, ownText, pathSegment, sameName, type ComparableAttribute, type Node } from './nodes.js';
import { similarity } from './similarity.js';

export interface Difference {
  /** Where: `presence/x[muc#user]/item@affiliation`. */
  path: string;
  /** What: `expected "member", got "none"`. */
  detail: string;
}

/** Compares two elements already known to have the same name. Records captures in `captures` as
 *  it goes (the caller decides whether to keep them). */
export function compareNodes(expected: Node, received: Node, path: string, captures: Map<string, string>): Difference | undefined {
  const strict = isStrict(expected);
  return (
    compareAttributes(expected, received, path, strict, captures) ??
    compareText(expected, received, path, captures) ??
    (strict ? compareChildrenInOrder(expected, received, path, captures) : compareChildrenAnyOrder(expected, received, path, captures))
  );
}

/** Whether the two elements match, leaving `captures` untouched. */
function fits(expected: Node, received: Node, path: string, captures: ReadonlyMap<string, string>): boolean {
  return sameName(expected, received) && compareNodes(expected, received, path, new Map(captures)) === undefined;
}

function compareAttributes(expected: Node, received: Node, path: string, strict: boolean, captures: Map<string, string>): Difference | undefined {
  const receivedByKey = new Map<string, ComparableAttribute>();
  for (const attribute of comparableAttributes(received)) receivedByKey.set(attribute.key, attribute);
  const expectedAttributes = comparableAttributes(expected);
  for (const attribute of expectedAttributes) {
    const pattern = parsePattern(attribute.value);
    const actual = receivedByKey.get(attribute.key);
    // A pattern that does not fit records no capture: the description reads the captures as before.
    if (actual === undefined) {
      return { path: `${path}@${attribute.name}`, detail: `expected ${describePattern(pattern, captures)}, attribute missing` };
    }
    if (!acceptPattern(pattern, actual.value, captures)) {
      return { path: `${path}@${attribute.name}`, detail: `expected ${describePattern(pattern, captures)}, got ${JSON.stringify(actual.value)}` };
    }
  }
  if (strict) {
    const expectedKeys = new Set(expectedAttributes.map((attribute) => attribute.key));
    for (const [key, attribute] of receivedByKey) {
      if (!expectedKeys.has(key)) {
        return { path, detail: `unexpected attribute ${attribute.name}=${JSON.stringify(attribute.value)} (strict)` };
      }
    }
  }
  return undefined;
}

/** Text is compared, trimmed, when the expected element has some; an expected element without text
 *  accepts any text, in strict mode too (corpus: http_upload.scs expects an empty
 *  `<header name='Authorization'></header>` and Prosody sends a token in it). */
function compareText(expected: Node, received: Node, path: string, captures: Map<string, string>): Difference | undefined {
  const expectedText = ownText(expected);
  if (expectedText === '') return undefined;
  const pattern = parsePattern(expectedText);
  const actual = ownText(received);
  if (acceptPattern(pattern, actual, captures)) return undefined;
  return { path, detail: `expected text ${describePattern(pattern, captures)}, got ${actual === '' ? 'no text' : JSON.stringify(actual)}` };
}

function childPath(path: string, child: Node, parent: Node): string {
  return `${path}/${pathSegment(child, parent.ns)}`;
}

/** Strict: the same children, in the same order. */
function compareChildrenInOrder(expected: Node, received: Node, path: string, captures: Map<string, string>): Difference | undefined {
  const wanted = childNodes(expected);
  const got = childNodes(received);
  for (let index = 0; index < Math.min(wanted.length, got.length); index++) {
    const want = wanted[index]!;
    const have = got[index]!;
    const here = childPath(path, want, expected);
    if (sameName(want, have)) {
      const difference = compareNodes(want, have, here, captures);
      if (difference === undefined) continue;
      return misplaced(wanted, got, index, path, expected, captures) ?? difference;
    }
    // One extra or one missing child shifts the rest: name that instead of every shifted pair.
    if (got.length > wanted.length && sameName(want, got[index + 1]!)) {
      return { path, detail: `unexpected child ${oneLineStanza(have.element)} (strict)` };
    }
    if (wanted.length > got.length && sameName(wanted[index + 1]!, have)) {
      return { path, detail: `missing child ${oneLineStanza(want.element)}` };
    }
    return (
      misplaced(wanted, got, index, path, expected, captures) ?? {
        path,
        detail: `expected child ${index + 1} to be ${oneLineStanza(want.element)}, got ${oneLineStanza(have.element)} (strict)`,
      }
    );
  }
  if (wanted.length > got.length) return { path, detail: `missing child ${oneLineStanza(wanted[got.length]!.element)}` };
  if (got.length > wanted.length) return { path, detail: `unexpected child ${oneLineStanza(got[wanted.length]!.element)} (strict)` };
  return undefined;
}

/** When the expected child at `index` matches a received child elsewhere, the order is the difference. */
function misplaced(wanted: Node[], got: Node[], index: number, path: string, parent: Node, captures: ReadonlyMap<string, string>): Difference | undefined {
  const want = wanted[index]!;
  const at = got.findIndex((have, other) => other !== index && fits(want, have, childPath(path, want, parent), captures));
  if (at === -1) return undefined;
  return { path, detail: `child ${oneLineStanza(want.element)} is at position ${at + 1}, expected at ${index + 1} (strict order)` };
}

/** The outcome of comparing one expected child with one received child, on a copy of the captures. */
interface Trial {
  difference: Difference | undefined;
  /** The captures after the comparison (the copy, with anything this pair captured). */
  captures: Map<string, string>;
}

function attempt(want: Node, have: Node, path: string, captures: ReadonlyMap<string, string>): Trial | undefined {
  if (!sameName(want, have)) return undefined;
  const copy = new Map(captures);
  return { difference: compareNodes(want, have, path, copy), captures: copy };
}

/** Non-strict: every expected child found among the received ones, in any order, each received
 *  child standing for at most one expected child (a maximum bipartite matching, so an early loose
 *  expectation never takes the only child a later one could match). Each pair is compared once;
 *  the outcomes serve both the matching and the reason. */
function compareChildrenAnyOrder(expected: Node, received: Node, path: string, captures: Map<string, string>): Difference | undefined {
  const wanted = childNodes(expected);
  if (wanted.length === 0) return undefined;
  const got = childNodes(received);
  const capturedBefore = captures.size;
  const paths: string[] = [];
  const trials: (Trial | undefined)[][] = [];
  for (const want of wanted) {
    const here = childPath(path, want, expected);
    const row: (Trial | undefined)[] = [];
    for (const have of got) row.push(attempt(want, have, here, captures));
    paths.push(here);
    trials.push(row);
  }
  const owner = new Array<number>(got.length).fill(-1);
  for (let want = 0; want < wanted.length; want++) {
    if (!assign(want, trials, owner, new Array<boolean>(got.length).fill(false))) {
      return nearestDifference(wanted[want]!, trials[want]!, got, owner, path, captures);
    }
  }
  // Every child fits on its own. A pair that captured something is compared again against the
  // captures of the siblings before it, which may disagree.
  for (let want = 0; want < wanted.length; want++) {
    const have = owner.indexOf(want);
    if (trials[want]![have]!.captures.size === capturedBefore) continue;
    const difference = compareNodes(wanted[want]!, got[have]!, paths[want]!, captures);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

/** One step of the bipartite matching: finds expected child `want` a received child whose trial
 *  fitted, taking one from another expected child when that one can move to another. */
function assign(want: number, trials: (Trial | undefined)[][], owner: number[], seen: boolean[]): boolean {
  const row = trials[want]!;
  for (let have = 0; have < row.length; have++) {
    const trial = row[have];
    if (trial === undefined || trial.difference !== undefined || seen[have]) continue;
    seen[have] = true;
    if (owner[have] === -1 || assign(owner[have]!, trials, owner, seen)) {
      owner[have] = want;
      return true;
    }
  }
  return false;
}

/** Why an expected child found no partner: its difference with the closest unclaimed received
 *  child of the same name, or that it is missing. */
function nearestDifference(
  want: Node,
  trials: (Trial | undefined)[],
  got: Node[],
  owner: number[],
  path: string,
  captures: ReadonlyMap<string, string>,
): Difference {
  let nearest: Difference | undefined;
  let bestScore = -1;
  trials.forEach((trial, have) => {
    if (trial?.difference === undefined || owner[have] !== -1) return;
    const score = similarity(want, got[have]!, captures);
    if (score > bestScore) {
      nearest = trial.difference;
      bestScore = score;
    }
  });
  return nearest ?? { path, detail: `missing child ${oneLineStanza(want.element)}` };
}
