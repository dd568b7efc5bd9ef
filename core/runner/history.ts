// What each character sent and passed over so far in a run: the facts a failed `receives`
// explains itself with (SCANSION.md section 3, "Say why").

import type { Range } from '../model.js';
import type { Arrival } from './mailbox.js';

export interface PassedOverArrival extends Arrival {
  /** The action line of the step that passed it over. */
  range: Range;
}

/** Passed-over stanzas kept per character, the most recent ones: a flooding server must not make
 *  a long run's memory grow without bound (issue 13). */
const PASSED_OVER_KEPT = 1000;

export class History {
  private readonly sentIds = new Map<string, Map<string, Range>>();
  private readonly passed = new Map<string, PassedOverArrival[]>();

  /** `character` sent a stanza with this `id` in the step whose action line is `range`. */
  sent(character: string, id: string, range: Range): void {
    let ids = this.sentIds.get(character);
    if (!ids) this.sentIds.set(character, (ids = new Map()));
    ids.set(id, range);
  }

  /** The action line of the last step in which `character` sent a stanza with this `id`. */
  sentIn(character: string, id: string): Range | undefined {
    return this.sentIds.get(character)?.get(id);
  }

  /** The step whose action line is `range` passed over this stanza of `character`'s queue. */
  passedOver(character: string, arrival: Arrival, range: Range): void {
    let list = this.passed.get(character);
    if (!list) this.passed.set(character, (list = []));
    list.push({ ...arrival, range });
    if (list.length > PASSED_OVER_KEPT) list.splice(0, list.length - PASSED_OVER_KEPT);
  }

  /** The stanzas of `character` passed over so far (the last 1000), in the order they were passed over. */
  passedOverBy(character: string): readonly PassedOverArrival[] {
    return this.passed.get(character) ?? [];
  }
}
