// What each verb does. A step either returns normally (passed) or throws a RunFailure.

import { Element } from 'ltx';
import type { Step, XmlElement } from '../model.js';
import { substituteVariables } from '../variables.js';
import { elementFromModel, STRICT_ATTRIBUTE } from '../xml/fromModel.js';
import { oneLineStanza } from '../xml/pretty.js';
import { RunFailure } from './errors.js';
import { doomFailure, timeoutFailure, unexpectedFailure } from './explain.js';
import type { Mailbox } from './mailbox.js';
import { groupMembers, ReceiveGroup, type GroupMember } from './receiveGroup.js';
import type { Session } from './session.js';
import { waitProgress } from './progress.js';

/** A waiting `receives` step reports where it stands (a `waiting` run event) this long into its
 *  wait, then again each time this much more has passed. */
const WAIT_NOTE_MS = 1000;

export async function runStep(session: Session, step: Step): Promise<void> {
  const name = step.character.value;
  switch (step.verb.value) {
    case 'connects':
      return session.open(name);
    case 'disconnects':
      return session.close(name);
    case 'sends':
      return send(session, step);
    case 'receives':
      return step.nothing ? receiveNothing(session, name) : receive(session, step);
  }
}

async function send(session: Session, step: Step): Promise<void> {
  const name = step.character.value;
  // Build every stanza first: a variable error must stop the step before anything goes out.
  const elements = (step.block?.stanzas ?? []).map((model) => withoutScansionAttributes(build(session, model)));
  const actor = session.actor(name);
  // After `disconnects` a send does nothing (SCANSION.md section 1; Prosody's muc_outcast_reason.scs).
  if (!actor.connection && actor.disconnected) {
    for (const element of elements) session.record(name, 'event', `not connected: not sent: ${oneLineStanza(element)}`);
    return;
  }
  const { connection } = session.connected(name);
  for (const element of elements) {
    await connection.send(element);
    session.recordStanza(name, 'sent', element);
    const id = element.attrs.id;
    if (typeof id === 'string') session.history.sent(name, id, step.actionRange);
    session.unsynced.add(name);
  }
}

/** Waits until every stanza of the step has been given to it by its group (SCANSION.md section 3),
 *  then consumes the queue up to the last of them. Fails at once when one is doomed (same name
 *  and id, different content), and after the timeout when one is still missing. */
async function receive(session: Session, step: Step): Promise<void> {
  const name = step.character.value;
  const { mailbox } = session.connected(name);
  // A step from outside the scenario (a debugger's console) is a group of its own, and may take
  // stanzas the current group counted on: the next scenario step then forms its group anew.
  const own = session.scenario.steps[step.index] === step;
  const group = own && session.receiveGroup?.includes(step.index) ? session.receiveGroup : newGroup(session, step);
  session.receiveGroup = own ? group : undefined;
  const deadline = performance.now() + session.options.timeoutMs;
  let nextNote = performance.now() + WAIT_NOTE_MS;
  const view = () => ({ session, character: name, queue: mailbox.pending, group });
  for (;;) {
    group.examine(mailbox, session.captures);
    const state = group.state(step.index);
    switch (state.state) {
      case 'complete':
        return consume(session, step, group, mailbox);
      case 'error':
        throw state.error;
      case 'doomed':
        throw RunFailure.explained(doomFailure(view(), state.doom));
      case 'waiting': {
        if (mailbox.closedError) throw mailbox.closedError;
        const now = performance.now();
        const remaining = deadline - now;
        if (remaining <= 0) throw RunFailure.explained(timeoutFailure(view(), state.expected));
        // What the step will pass over goes into the transcript as it arrives.
        session.recordPassingOver(name, group.left());
        if (now >= nextNote) {
          session.onWaiting(step.index, step.actionRange, waitProgress(view(), state.expected, remaining));
          nextNote = now + WAIT_NOTE_MS;
        }
        await mailbox.waitForChange(Math.min(remaining, nextNote - now), session.signal);
      }
    }
  }
}

/** The group that starts at `step`, each member's stanzas built now (nothing a variable depends on
 *  changes between `receives` steps); a member that cannot be built fails when its turn comes. */
function newGroup(session: Session, step: Step): ReceiveGroup {
  const members = groupMembers(session.scenario.steps, step, session.options.ordered).map((member): GroupMember => {
    try {
      return { index: member.index, actionRange: member.actionRange, expected: (member.block?.stanzas ?? []).map((model) => build(session, model)) };
    } catch (error) {
      return { index: member.index, actionRange: member.actionRange, expected: { error: error as Error } };
    }
  });
  return new ReceiveGroup(members, session.options.ordered);
}

function consume(session: Session, step: Step, group: ReceiveGroup, mailbox: Mailbox): void {
  const name = step.character.value;
  const { received, passedOver } = group.take(step.index, mailbox);
  session.recordArrivals(name, 'passed-over', passedOver);
  for (const arrival of passedOver) session.history.passedOver(name, arrival, step.actionRange);
  for (const arrival of received) session.recordStanza(name, 'received', arrival.stanza, arrival.timeMs);
}

async function receiveNothing(session: Session, name: string): Promise<void> {
  const { mailbox } = session.connected(name);
  const until = performance.now() + session.options.quietMs;
  while (mailbox.pending.length === 0 && !mailbox.closedError && performance.now() < until) {
    await mailbox.waitForChange(until - performance.now(), session.signal);
  }
  const [first] = mailbox.pending;
  if (first) throw RunFailure.explained(unexpectedFailure({ session, character: name, queue: mailbox.pending }, first));
  if (mailbox.closedError) throw mailbox.closedError;
}

/** The stanza of a block as an ltx element, variables resolved. */
function build(session: Session, model: XmlElement): Element {
  return elementFromModel(model, (value, written) => substituteVariables(value, (character, form) => session.variable(character, form), written));
}

/** `scansion:strict` guides matching; it never goes on the wire. */
function withoutScansionAttributes(element: Element): Element {
  delete element.attrs[STRICT_ATTRIBUTE];
  for (const child of element.children) if (child instanceof Element) withoutScansionAttributes(child);
  return element;
}
