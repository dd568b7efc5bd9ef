// Consecutive `receives` steps of one character, matched together (SCANSION.md section 3,
// "Consecutive receives match in any order" and "Fail fast on the same id").
//
// Each expected stanza of the group's steps is a slot. Each arrival in the character's queue is
// examined once, in arrival order: it goes to the earliest waiting slot it matches; one that
// matches none stays in the queue (to be passed over, or left for a later step). An arrival that
// matches no slot but has the element name and literal `id` of a waiting slot, and comes from the
// sender the slot names (if it names one), dooms that slot: nothing else from that sender will
// carry that id, so its step fails as soon as it runs. The sender is part of the rule because ids
// are unique per sender only: the server's echo of a client's own presence and a room's copy of
// it carry the client's id, from two other addresses.
//
// With `ordered`, only the first waiting slot of the group may take an arrival: the group is then
// one step whose stanzas arrive in order, which is Scansion's documented "the next stanza" reading.
// The runner makes one-step groups then (see `groupMembers`).

import type { Element } from 'ltx';
import type { Step } from '../model.js';
import { matchStanza } from '../matcher/index.js';
import { fitsPattern, parsePattern, type Pattern } from '../matcher/patterns.js';
import type { Range } from '../model.js';
import type { Arrival, Mailbox } from './mailbox.js';

export interface GroupMember {
  /** Index of the step in Scenario.steps. */
  index: number;
  /** Its action line. */
  actionRange: Range;
  /** Its expected stanzas, variables resolved, or why they could not be built. */
  expected: Element[] | { error: Error };
}

export interface Doom {
  /** The arrival with the slot's element name and id that does not match it. */
  arrival: Arrival;
  /** The matcher's one-line reason, path included. */
  reason: string;
  expected: Element;
}

interface Slot {
  member: GroupMember;
  expected: Element;
  /** The element name and literal `id` that fail the slot fast, when its `id` is literal. */
  key?: string;
  /** The expected `from`, which a stanza must fit to fail the slot fast. */
  from?: Pattern;
  taken?: Arrival;
  doom?: Doom;
}

export type MemberState = { state: 'complete' } | { state: 'waiting'; expected: Element } | { state: 'doomed'; doom: Doom } | { state: 'error'; error: Error };

/** The steps that form a group with `first`: it and the `receives` steps right after it in
 *  `steps` by the same character (none with `ordered`, none after `receives: nothing`, and none
 *  for a step that is not one of `steps`, such as a debugger console's). */
export function groupMembers(steps: readonly Step[], first: Step, ordered: boolean): Step[] {
  const members = [first];
  if (ordered || steps[first.index] !== first) return members;
  for (let next = first.index + 1; next < steps.length && inGroup(steps[next], first); next++) members.push(steps[next]);
  return members;
}

function inGroup(step: Step, first: Step): boolean {
  return step.verb.value === 'receives' && !step.nothing && step.character.value === first.character.value;
}

export class ReceiveGroup {
  private readonly slots: Slot[] = [];
  /** Arrivals already examined. Arrivals only join the queue at its end, so those not yet examined
   *  are always its last ones, whatever was removed meanwhile. */
  private readonly examined = new WeakSet<Arrival>();
  /** Arrivals examined that no slot took, since `left` last handed them out. */
  private unplaced: Arrival[] = [];

  constructor(
    readonly members: readonly GroupMember[],
    private readonly ordered: boolean,
  ) {
    for (const member of members) {
      if (!Array.isArray(member.expected)) continue;
      for (const expected of member.expected) {
        const from = expected.attrs.from;
        this.slots.push({ member, expected, key: slotKey(expected), from: typeof from === 'string' ? parsePattern(from) : undefined });
      }
    }
  }

  includes(stepIndex: number): boolean {
    return this.members.some((member) => member.index === stepIndex);
  }

  /** Examines the arrivals the queue gained since the last call. `captures` grows on each match. */
  examine(mailbox: Mailbox, captures: Map<string, string>): void {
    const queue = mailbox.pending;
    let first = queue.length;
    while (first > 0 && !this.examined.has(queue[first - 1])) first--;
    for (let index = first; index < queue.length; index++) {
      this.examined.add(queue[index]);
      this.place(queue[index], captures);
    }
  }

  // Loops rather than array helpers here and below: this runs for every stanza of every step.
  private place(arrival: Arrival, captures: Map<string, string>): void {
    let key: string | undefined | null = null;
    let same: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.taken || slot.doom) continue;
      if (matchStanza(slot.expected, arrival.stanza, captures).matched) {
        slot.taken = arrival;
        return;
      }
      if (key === null) key = slotKey(arrival.stanza, false);
      if (!same && key !== undefined && slot.key === key && fromFits(slot, arrival, captures)) same = slot;
      if (this.ordered) break;
    }
    this.unplaced.push(arrival);
    if (!same) return;
    const result = matchStanza(same.expected, arrival.stanza, new Map(captures));
    if (!result.matched) same.doom = { arrival, reason: result.reason, expected: same.expected };
  }

  /** The arrivals examined since the last call that no slot took, in arrival order: a step of
   *  the group that is still waiting passes over those still queued if it completes. */
  left(): Arrival[] {
    const left = this.unplaced;
    this.unplaced = [];
    return left;
  }

  /** Where the step stands: every slot taken, a slot doomed, still waiting, or not buildable. */
  state(stepIndex: number): MemberState {
    const member = this.member(stepIndex);
    if (!Array.isArray(member.expected)) return { state: 'error', error: member.expected.error };
    let waiting: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.member !== member) continue;
      if (slot.doom) return { state: 'doomed', doom: slot.doom };
      if (!slot.taken) waiting ??= slot;
    }
    return waiting ? { state: 'waiting', expected: waiting.expected } : { state: 'complete' };
  }

  /** For a complete step: removes from the queue the arrivals it took and, before the last of
   *  them, those no slot took (passed over). Both come back in arrival order. */
  take(stepIndex: number, mailbox: Mailbox): { received: Arrival[]; passedOver: Arrival[] } {
    const member = this.member(stepIndex);
    const queue = mailbox.pending;
    let last = -1;
    for (const slot of this.slots) if (slot.member === member) last = Math.max(last, queue.indexOf(slot.taken!));
    const received: Arrival[] = [];
    const passedOver: Arrival[] = [];
    let keptBefore = false;
    for (let index = 0; index <= last; index++) {
      const owner = this.slots.find((slot) => slot.taken === queue[index])?.member;
      if (owner === member) received.push(queue[index]);
      else if (owner === undefined) passedOver.push(queue[index]);
      else keptBefore = true;
    }
    // Usually the whole front of the queue goes; otherwise stanzas of later steps stay in place.
    if (keptBefore) mailbox.remove(new Set([...received, ...passedOver]));
    else mailbox.take(last + 1);
    return { received, passedOver };
  }

  /** The action line of the step whose slot took `arrival`, if any did. */
  takenBy(arrival: Arrival): Range | undefined {
    return this.slots.find((slot) => slot.taken === arrival)?.member.actionRange;
  }

  private member(stepIndex: number): GroupMember {
    const member = this.members.find((candidate) => candidate.index === stepIndex);
    if (!member) throw new Error(`step ${stepIndex} is not in this receive group`);
    return member;
  }
}

/** Whether the arrival comes from the sender the slot expects (any sender when it names none). */
function fromFits(slot: Slot, arrival: Arrival, captures: ReadonlyMap<string, string>): boolean {
  if (!slot.from) return true;
  const from = arrival.stanza.attrs.from;
  return typeof from === 'string' && fitsPattern(slot.from, from, captures);
}

/** `name#id` for an element whose `id` is a literal value (not `{scansion:any}` or a capture). */
function slotKey(element: Element, expected = true): string | undefined {
  const id = element.attrs.id;
  if (typeof id !== 'string') return undefined;
  if (expected && parsePattern(id).kind !== 'literal') return undefined;
  const colon = element.name.indexOf(':');
  return `${colon === -1 ? element.name : element.name.slice(colon + 1)}#${id}`;
}
