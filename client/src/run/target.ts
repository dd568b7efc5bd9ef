// Where a run goes, decided from the `scansion.*` settings and the run profile. Free of `vscode`.

import { formatAddress, parseAddress } from '../../../core/address.js';
import type { StepNotesMode } from './stepNotes.js';

export type LocalServerMode = 'auto' | 'always' | 'never';
export type TlsMode = 'starttls' | 'insecure';

export interface ScansionSettings {
  host: string;
  port: number;
  tls: TlsMode;
  /** `scansion.timeout`, in seconds in the settings (the CLI's `--timeout`). */
  timeoutMs: number;
  /** `scansion.quietPeriod`, seconds in the settings (`--quiet-period`): how long `receives: nothing` listens. */
  quietMs: number;
  /** `scansion.sync` (`--no-sync` turns it off): wait for the server between two characters' actions. */
  sync: boolean;
  localServer: LocalServerMode;
  /** `scansion.ordered`: match consecutive receives in the order written (RunOptions.ordered). */
  ordered: boolean;
  /** `scansion.stepNotes`: when the one-line notes after each step show (client/src/run/stepNotes.ts). */
  stepNotes: StepNotesMode;
  /** Set when `scansion.server.host` cannot be used as written: not an address (core/address.ts),
   *  or naming a port that an explicit `scansion.server.port` contradicts. A run, debug session or
   *  recording against that host is refused with this sentence (targetProblem). */
  hostProblem?: string;
}

export const defaultSettings: ScansionSettings = {
  host: '',
  port: 5222,
  tls: 'starttls',
  timeoutMs: 5000,
  quietMs: 300,
  sync: true,
  localServer: 'auto',
  ordered: false,
  stepNotes: 'failedRuns',
};

/** `scansion.timeout` was milliseconds before it became seconds, as the CLI's `--timeout`: a value
 *  above this many seconds is read as an old millisecond value (see settingsMigration.ts). */
export const largestTimeoutSeconds = 300;

export type RunTarget = { kind: 'local' } | { kind: 'remote'; host: string; port: number };

/** Reads settings through `get`, falling back to the defaults for missing or ill-typed values.
 *  `scansion.server.host` is read as core/address.ts reads `scs run --server`: `host`, `host:port`
 *  or `[v6]:port`; a port written there is the port unless `scansion.server.port` is set
 *  (`isSet`: in any settings scope, not only by its default) to another one, which is a
 *  hostProblem, as is a host that is no address. */
export function readSettings(get: (key: string) => unknown, isSet: (key: string) => boolean = (key) => get(key) !== undefined): ScansionSettings {
  const text = (key: string, fallback: string) => {
    const value = get(key);
    return typeof value === 'string' ? value.trim() : fallback;
  };
  const integer = (key: string, fallback: number, min: number, max: number) => {
    const value = get(key);
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  };
  /** Seconds in the settings, milliseconds here. */
  const seconds = (key: string, fallbackMs: number, max: number) => {
    const value = get(key);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max ? Math.round(value * 1000) : fallbackMs;
  };
  const timeout = get('timeout');
  const tls = text('tls', defaultSettings.tls);
  const localServer = text('localServer', defaultSettings.localServer);
  const stepNotes = text('stepNotes', defaultSettings.stepNotes);
  const server = serverSetting(text('server.host', defaultSettings.host), integer('server.port', defaultSettings.port, 1, 65535), isSet('server.port'));
  return {
    ...server,
    tls: tls === 'insecure' ? 'insecure' : 'starttls',
    // An old millisecond value (above 300) still means what it meant.
    timeoutMs:
      typeof timeout === 'number' && timeout > largestTimeoutSeconds && timeout <= 3_600_000
        ? Math.round(timeout)
        : seconds('timeout', defaultSettings.timeoutMs, largestTimeoutSeconds),
    quietMs: seconds('quietPeriod', defaultSettings.quietMs, 60),
    sync: get('sync') !== false,
    localServer: localServer === 'always' || localServer === 'never' ? localServer : 'auto',
    ordered: get('ordered') === true,
    stepNotes: stepNotes === 'always' || stepNotes === 'never' ? stepNotes : 'failedRuns',
  };
}

/** `scansion.server.host` (trimmed) and `scansion.server.port` (`portSet`: written somewhere) as
 *  readSettings reads them. */
function serverSetting(host: string, port: number, portSet: boolean): Pick<ScansionSettings, 'host' | 'port' | 'hostProblem'> {
  if (host === '') return { host, port };
  const address = parseAddress(host);
  if (typeof address === 'string') return { host, port, hostProblem: `scansion.server.host ${address}` };
  // A bracketed IPv6 address without a port ends with "]".
  if (!/:\d+$/.test(host) || address.port === port) return { host: address.host, port };
  if (!portSet) return address;
  return {
    ...address,
    hostProblem: `scansion.server.host names port ${address.port} and scansion.server.port says ${port}: keep the port in one of them`,
  };
}

/** Why a run of `settings` cannot go where they say (their hostProblem when the target is that
 *  host), else undefined. */
export function targetProblem(settings: ScansionSettings, forceLocal: boolean): string | undefined {
  return runTarget(settings, forceLocal).kind === 'remote' ? settings.hostProblem : undefined;
}

/** The server a run uses; `forceLocal` is the "against local Prosody" profile. */
export function runTarget(settings: ScansionSettings, forceLocal: boolean): RunTarget {
  if (forceLocal || settings.localServer === 'always') return { kind: 'local' };
  if (settings.localServer === 'auto' && settings.host === '') return { kind: 'local' };
  return { kind: 'remote', host: settings.host || '127.0.0.1', port: settings.port };
}

/** How the status bar names the target. */
export function describeTarget(target: RunTarget): string {
  return target.kind === 'local' ? 'local Prosody' : formatAddress(target);
}

/** What TLS does with a server's certificate, in words (`scansion.tls`). */
export function describeTls(tls: TlsMode): string {
  return tls === 'insecure' ? 'STARTTLS, any certificate accepted' : 'STARTTLS, certificate checked';
}

/**
 * The target chosen with the status bar's switcher, kept per workspace (the extension's workspace
 * state, not the settings): `settings` follows the `scansion.server.*`, `scansion.tls` and
 * `scansion.localServer` settings; `local` always starts a throwaway local Prosody; `host` runs
 * against that server with that TLS mode, whatever the settings say.
 */
export type TargetChoice = { kind: 'settings' } | { kind: 'local' } | { kind: 'host'; host: string; port: number; tls: TlsMode };

/** The settings a run uses once the switcher's choice is applied over them. */
export function withChoice(settings: ScansionSettings, choice: TargetChoice): ScansionSettings {
  switch (choice.kind) {
    case 'settings':
      return settings;
    case 'local':
      return { ...settings, localServer: 'always' };
    case 'host': {
      // The host chosen replaces the configured one, and whatever was wrong with it.
      const chosen: ScansionSettings = { ...settings, host: choice.host, port: choice.port, tls: choice.tls, localServer: 'never' };
      delete chosen.hostProblem;
      return chosen;
    }
  }
}

/** Whether switching from `before` to `after` changes where a run of `settings` (a scenario's
 *  configured settings) goes, or its TLS mode: what a continuous run re-runs for. */
export function choiceChangesRun(settings: ScansionSettings, before: TargetChoice, after: TargetChoice): boolean {
  const where = (choice: TargetChoice) => {
    const chosen = withChoice(settings, choice);
    return JSON.stringify([runTarget(chosen, false), chosen.tls]);
  };
  return where(before) !== where(after);
}

/** A stored choice read back (the workspace state is untyped); anything unknown follows the settings. */
export function parseChoice(value: unknown): TargetChoice {
  const stored = (value ?? {}) as { kind?: unknown; host?: unknown; port?: unknown; tls?: unknown };
  if (stored.kind === 'local') return { kind: 'local' };
  if (stored.kind === 'host' && typeof stored.host === 'string' && typeof stored.port === 'number') {
    const address = parseAddress(formatAddress({ host: stored.host, port: stored.port }));
    if (typeof address !== 'string') return { kind: 'host', ...address, tls: stored.tls === 'insecure' ? 'insecure' : 'starttls' };
  }
  return { kind: 'settings' };
}
