// The live state of one scenario run: each character's connection and queue, the transcript,
// and the variables known so far.

import type { Element } from 'ltx';
import { formatAddress } from '../address.js';
import type { Range, Scenario, VariableForm } from '../model.js';
import type { RunEvent, StepResult, TranscriptDirection, TranscriptEntry, WaitProgress } from '../results.js';
import { briefStanza, prettyStanza } from '../xml/pretty.js';
import type { LiveCharacter, LiveStanza } from './control.js';
import { connect, type XmppConnection } from './connection.js';
import { characterSettings, type CharacterSettings } from './characters.js';
import { RunFailure } from './errors.js';
import type { ServerAddress } from './locate.js';
import { History } from './history.js';
import { Mailbox, type Arrival } from './mailbox.js';
import type { RunOptions } from './options.js';
import type { ReceiveGroup } from './receiveGroup.js';

export interface Actor {
  settings: CharacterSettings;
  connection?: XmppConnection;
  mailbox?: Mailbox;
  /** Set once the character has disconnected (a second `disconnects` does nothing). */
  disconnected: boolean;
}

/** Of a long run of stanzas (a flood, or many passed over), the transcript keeps this many at
 *  each end and one line that says how many are left out between them. */
const TRANSCRIPT_ENDS = 5;
/** A waiting step records at most this many stanzas it passes over as they arrive; the rest go
 *  into the transcript when the step ends, the first and last few of them. */
const LIVE_PASSED_OVER = 5;

export class Session {
  readonly transcript: TranscriptEntry[] = [];
  readonly boundJids: Record<string, string> = {};
  /** `{scansion:capture:NAME}` values, shared by all steps. */
  readonly captures = new Map<string, string>();
  /** Characters that sent something the server has not yet been seen to handle. */
  readonly unsynced = new Set<string>();
  readonly actors = new Map<string, Actor | { error: string }>();
  /** The addresses (core/address.ts formatAddress: "host:port", "[v6]:port") located characters connected to (RunOptions.locate). */
  readonly located = new Set<string>();
  /** What each character sent and passed over, for failures that say why. */
  readonly history = new History();
  /** The `receives` steps being matched together; replaced when a step outside it receives. */
  receiveGroup: ReceiveGroup | undefined;
  currentStep: number | undefined;
  private readonly started = performance.now();
  /** Sync pings sent so far in this run (run.ts's syncWith). */
  private syncPings = 0;
  /** Arrivals already in the transcript (passed over while a step waited): never recorded twice. */
  private readonly recorded = new WeakSet<Arrival>();
  /** How many passed-over stanzas the current step recorded as they arrived (see LIVE_PASSED_OVER). */
  private liveRecorded = 0;

  constructor(
    readonly scenario: Scenario,
    readonly file: string,
    readonly options: RunOptions,
    private readonly onEvent: (event: RunEvent) => void,
    readonly signal: AbortSignal | undefined,
  ) {
    for (const character of scenario.characters) {
      const settings = characterSettings(character, options);
      this.actors.set(character.name.value, 'error' in settings ? settings : { settings, disconnected: false });
    }
  }

  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** A new id for a sync ping ("scs-sync-N"): unique among this run's requests, whatever other runs do. */
  nextSyncId(): string {
    return `scs-sync-${++this.syncPings}`;
  }

  onStepStart(index: number, actionRange: Range): void {
    this.liveRecorded = 0;
    this.onEvent({ event: 'stepStart', file: this.file, index, actionRange });
  }

  onStepEnd(step: StepResult): void {
    this.onEvent({ event: 'stepEnd', file: this.file, step });
  }

  /** The `receives` step at `index` (its action line at `actionRange`) is still waiting. */
  onWaiting(index: number, actionRange: Range, wait: WaitProgress): void {
    this.onEvent({ event: 'waiting', file: this.file, index, actionRange, wait });
  }

  /** Records, as they arrive, stanzas of `character`'s queue that the waiting step will pass over
   *  (the first few of each step; see LIVE_PASSED_OVER). */
  recordPassingOver(character: string, arrivals: readonly Arrival[]): void {
    for (const arrival of arrivals) {
      if (this.liveRecorded >= LIVE_PASSED_OVER) return;
      if (this.recorded.has(arrival)) continue;
      this.liveRecorded++;
      this.recorded.add(arrival);
      this.recordStanza(character, 'passed-over', arrival.stanza, arrival.timeMs);
    }
  }

  actor(name: string): Actor {
    const entry = this.actors.get(name);
    // The file is wrong, though the gate let it through (diagnostics accept a domain-only `jid` and
    // do not read `connect_port`): characterSettings() says what the runner cannot use.
    if (!entry) throw new RunFailure('not-run', `no character named "${name}" is defined`);
    if ('error' in entry) throw new RunFailure('not-run', entry.error);
    return entry;
  }

  /** Where a character connects: its fixed address, or the addresses its domain leads to. */
  private async addresses(settings: CharacterSettings): Promise<ServerAddress[]> {
    if (!settings.locate || !this.options.locate) return [{ host: settings.host, port: settings.port }];
    const found = await this.options.locate(settings.domain, this.signal);
    const port = settings.locate.port;
    return port === undefined ? found : found.map((address) => ({ ...address, port }));
  }

  /** The connection of a character that must be connected for the step to run. */
  connected(name: string): { connection: XmppConnection; mailbox: Mailbox } {
    const actor = this.actor(name);
    if (!actor.connection || !actor.mailbox) throw new RunFailure('connection', `${name} is not connected`);
    // Its connection was closed for the flood; searching 10,000 stanzas would only delay the news.
    if (actor.mailbox.flooded) throw actor.mailbox.closedError!;
    return { connection: actor.connection, mailbox: actor.mailbox };
  }

  record(character: string, direction: TranscriptDirection, text: string, timeMs = this.elapsedMs): void {
    this.add({ timeMs: Math.round(timeMs * 10) / 10, character, direction, text });
  }

  /** Records a stanza, pretty-printed now: a transcript entry is plain data (a long run of
   *  stanzas is cut to its ends first, in recordArrivals). */
  recordStanza(character: string, direction: TranscriptDirection, stanza: Element, timeMs = this.elapsedMs): void {
    this.add({ timeMs: Math.round(timeMs * 10) / 10, character, direction, text: prettyStanza(stanza), brief: briefStanza(stanza) });
  }

  /** Records stanzas that arrived, in order; of more than a few, only the first and the last few. */
  recordArrivals(character: string, direction: TranscriptDirection, all: readonly Arrival[], dropped = 0): void {
    const arrivals = all.filter((arrival) => !this.recorded.has(arrival));
    for (const arrival of arrivals) this.recorded.add(arrival);
    const shown = arrivals.length > 2 * TRANSCRIPT_ENDS + 1 ? [...arrivals.slice(0, TRANSCRIPT_ENDS), ...arrivals.slice(-TRANSCRIPT_ENDS)] : arrivals;
    const left = arrivals.length - shown.length;
    shown.forEach((arrival, index) => {
      if (left > 0 && index === TRANSCRIPT_ENDS) {
        this.record(
          character,
          'event',
          `${left} more stanzas ${direction === 'passed-over' ? 'passed over' : 'received'}, not shown`,
          arrivals[TRANSCRIPT_ENDS].timeMs,
        );
      }
      this.recordStanza(character, direction, arrival.stanza, arrival.timeMs);
    });
    if (dropped > 0) this.record(character, 'event', `${dropped} more stanzas arrived after the queue was full, not kept`);
  }

  private add(entry: TranscriptEntry): void {
    if (this.currentStep !== undefined) entry.stepIndex = this.currentStep;
    // Stanzas are recorded when a step consumes them, with the time they arrived: keep time order.
    let at = this.transcript.length;
    while (at > 0 && this.transcript[at - 1].timeMs > entry.timeMs) at--;
    if (at === this.transcript.length) this.transcript.push(entry);
    else this.transcript.splice(at, 0, entry);
    this.onEvent({ event: 'transcript', file: this.file, entry });
  }

  async open(name: string): Promise<void> {
    const actor = this.actor(name);
    if (actor.connection) throw new RunFailure('connection', `${name} is already connected`);
    const { settings } = actor;
    const addresses = await this.addresses(settings);
    let connection: XmppConnection | undefined;
    for (const [index, address] of addresses.entries()) {
      try {
        connection = await connect({
          ...address,
          domain: settings.domain,
          username: settings.username,
          password: settings.password,
          resource: settings.resource,
          tlsInsecure: this.options.tlsInsecure,
          timeoutMs: this.options.timeoutMs,
          maxQueue: this.options.maxQueue,
          signal: this.signal,
        });
      } catch (error) {
        // A located domain may have several servers: the next is tried when one cannot be reached.
        const last = index === addresses.length - 1;
        if (last || !(error instanceof RunFailure) || error.kind !== 'connection') throw error;
        this.record(name, 'event', `${error.message}; trying the next server of ${settings.domain}`);
        continue;
      }
      if (settings.locate) this.located.add(formatAddress(address));
      break;
    }
    if (!connection) throw new RunFailure('connection', `no server found for ${settings.domain}`);
    const mailbox = new Mailbox(this.options.maxQueue);
    actor.connection = connection;
    actor.mailbox = mailbox;
    actor.disconnected = false;
    this.boundJids[name] = connection.jid;
    this.record(name, 'event', `connected as ${connection.jid}`);
    connection.onStanza((stanza) => {
      mailbox.push({ stanza, timeMs: this.elapsedMs });
      // A flooded queue takes no more: stop reading (and parsing) what the server sends.
      if (mailbox.flooded) connection.destroy(mailbox.closedError);
    });
    connection.onLost((error) => {
      mailbox.close(error);
      this.record(name, 'event', error.message);
    });
  }

  async close(name: string): Promise<void> {
    const actor = this.actor(name);
    const connection = actor.connection;
    actor.connection = undefined;
    actor.disconnected = true;
    this.unsynced.delete(name);
    if (!connection) return;
    await connection.close();
    this.record(name, 'event', 'disconnected');
    this.recordUnconsumed(name);
  }

  /** Stanzas no step consumed go into the transcript as received, so none is lost from it. */
  private recordUnconsumed(name: string): void {
    const actor = this.actors.get(name);
    if (!actor || !('settings' in actor) || !actor.mailbox) return;
    const { mailbox } = actor;
    this.recordArrivals(name, 'received', mailbox.take(mailbox.pending.length), mailbox.dropped);
  }

  /** Closes every connection still open: politely, or at once when the run was cancelled. */
  async closeAll(): Promise<void> {
    for (const name of this.actors.keys()) this.recordUnconsumed(name);
    const open = [...this.actors.values()].filter((actor): actor is Actor => 'settings' in actor && actor.connection !== undefined);
    await Promise.all(
      open.map(async (actor) => {
        const connection = actor.connection!;
        actor.connection = undefined;
        if (this.signal?.aborted) connection.destroy();
        else await connection.close();
      }),
    );
  }

  /** What each character holds now, in definition order (for a debugger, through control.ts). */
  characters(): LiveCharacter[] {
    return [...this.actors].map(([name, entry]): LiveCharacter => {
      if ('error' in entry) return { name, error: entry.error, connected: false, pending: [] };
      const character: LiveCharacter = {
        name,
        bareJid: entry.settings.bareJid,
        connected: entry.connection !== undefined,
        pending: entry.mailbox?.pending.slice() ?? [],
      };
      const fullJid = this.boundJids[name];
      if (fullJid !== undefined) character.fullJid = fullJid;
      return character;
    });
  }

  /** Takes the oldest stanza `name` has not consumed and records it as received. */
  takePending(name: string): LiveStanza | undefined {
    const entry = this.actors.get(name);
    if (!entry || 'error' in entry || !entry.mailbox) return undefined;
    const [arrival] = entry.mailbox.take(1);
    // The stanza may be one the current receive group counted on: its next step forms it anew.
    this.receiveGroup = undefined;
    if (arrival) this.recordStanza(name, 'received', arrival.stanza, arrival.timeMs);
    return arrival;
  }

  /** The value of `${NAME's JID}` or `${NAME's full JID}`. */
  variable(character: string, form: VariableForm): string {
    const entry = this.actors.get(character);
    if (!entry) throw new RunFailure('variable', `\${${character}'s ${form}}: no character named "${character}"`);
    if ('error' in entry) throw new RunFailure('variable', entry.error);
    if (form === 'JID') return entry.settings.bareJid;
    const full = this.boundJids[character];
    if (full === undefined) throw new RunFailure('variable', `\${${character}'s full JID} is not known: ${character} has not connected yet`);
    return full;
  }
}
