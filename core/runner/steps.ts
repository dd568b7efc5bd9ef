// What each verb does. A step either returns normally (passed) or throws a StepFailure.

import { Element } from 'ltx';
import type { Step, XmlElement } from '../model.js';
import type { Failure } from '../results.js';
import { substituteVariables } from '../variables.js';
import { elementFromModel, STRICT_ATTRIBUTE } from '../xml/fromModel.js';
import { prettyStanza, oneLineStanza } from '../xml/pretty.js';
import { matchStanza } from '../matcher/index.js';
import { closestMismatch } from '../matcher/closest.js';
import { formatSeconds } from './connection.js';
import type { Mailbox } from './mailbox.js';
import type { Session } from './session.js';

/** A failed step, with everything the result needs except the line (added by the caller). */
export class StepFailure extends Error {
  constructor(readonly failure: Omit<Failure, 'line'>) {
    super(failure.message);
  }
}

export async function runStep(session: Session, step: Step): Promise<void> {
  const name = step.character.value;
  switch (step.verb.value) {
    case 'connects':
      return session.open(name);
    case 'disconnects':
      return session.close(name);
    case 'sends':
      return send(session, name, step.block?.stanzas ?? []);
    case 'receives':
      return step.nothing ? receiveNothing(session, name) : receive(session, name, step.block?.stanzas ?? []);
  }
}

async function send(session: Session, name: string, stanzas: XmlElement[]): Promise<void> {
  const { connection } = session.connected(name);
  // Build every stanza first: a variable error must stop the step before anything goes out.
  const elements = stanzas.map((model) => withoutScansionAttributes(build(session, model)));
  for (const element of elements) {
    await connection.send(element);
    session.recordStanza(name, 'sent', element);
    session.unsynced.add(name);
  }
}

async function receive(session: Session, name: string, stanzas: XmlElement[]): Promise<void> {
  const { mailbox } = session.connected(name);
  for (const model of stanzas) {
    const expected = build(session, model);
    const deadline = performance.now() + session.options.timeoutMs;
    // Stanzas already checked did not match, and captures do not change while waiting.
    let checked = 0;
    for (;;) {
      const index = findMatch(session, expected, mailbox, checked);
      if (index !== -1) {
        const taken = mailbox.take(index + 1);
        session.recordArrivals(name, 'passed-over', taken.slice(0, -1));
        session.recordStanza(name, 'received', taken[index].stanza, taken[index].timeMs);
        break;
      }
      checked = mailbox.pending.length;
      if (mailbox.closedError) throw mailbox.closedError;
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw timeoutFailure(session, expected, mailbox.pending.map((arrival) => arrival.stanza));
      await mailbox.waitForChange(remaining, session.signal);
    }
  }
}

/** The index of the first queued stanza from `from` on that matches, or -1. */
function findMatch(session: Session, expected: Element, mailbox: Mailbox, from: number): number {
  for (let index = from; index < mailbox.pending.length; index++) {
    // The matcher adds new captures only on a whole match.
    if (matchStanza(expected, mailbox.pending[index].stanza, session.captures).matched) return index;
  }
  return -1;
}

async function receiveNothing(session: Session, name: string): Promise<void> {
  const { mailbox } = session.connected(name);
  const until = performance.now() + session.options.quietMs;
  while (mailbox.pending.length === 0 && !mailbox.closedError && performance.now() < until) {
    await mailbox.waitForChange(until - performance.now(), session.signal);
  }
  const [first] = mailbox.pending;
  if (first) {
    throw new StepFailure({
      kind: 'unexpected-stanza',
      message: `expected nothing, got ${oneLineStanza(first.stanza)}`,
      actual: prettyStanza(first.stanza),
    });
  }
  if (mailbox.closedError) throw mailbox.closedError;
}

function timeoutFailure(session: Session, expected: Element, arrived: Element[]): StepFailure {
  const waited = `timed out after ${formatSeconds(session.options.timeoutMs)}`;
  const closest = closestMismatch(expected, arrived, session.captures);
  if (!closest) return new StepFailure({ kind: 'timeout', message: `${waited}; nothing arrived`, expected: prettyStanza(expected) });
  return new StepFailure({
    kind: 'timeout',
    message: `${waited}; closest of ${arrived.length} arrived: ${closest.reason}`,
    expected: prettyStanza(expected),
    actual: prettyStanza(closest.element),
  });
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
