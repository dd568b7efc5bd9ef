// Where a run goes, decided from the `scansion.*` settings and the run profile. Free of `vscode`.

export type LocalServerMode = 'auto' | 'always' | 'never';
export type TlsMode = 'starttls' | 'insecure';

export interface ScansionSettings {
  host: string;
  port: number;
  tls: TlsMode;
  timeoutMs: number;
  localServer: LocalServerMode;
  /** `scansion.ordered`: match consecutive receives in the order written (RunOptions.ordered). */
  ordered: boolean;
}

export const defaultSettings: ScansionSettings = { host: '', port: 5222, tls: 'starttls', timeoutMs: 5000, localServer: 'auto', ordered: false };

export type RunTarget = { kind: 'local' } | { kind: 'remote'; host: string; port: number };

/** Reads settings through `get`, falling back to the defaults for missing or ill-typed values. */
export function readSettings(get: (key: string) => unknown): ScansionSettings {
  const text = (key: string, fallback: string) => {
    const value = get(key);
    return typeof value === 'string' ? value.trim() : fallback;
  };
  const integer = (key: string, fallback: number, min: number, max: number) => {
    const value = get(key);
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  };
  const tls = text('tls', defaultSettings.tls);
  const localServer = text('localServer', defaultSettings.localServer);
  return {
    host: text('server.host', defaultSettings.host),
    port: integer('server.port', defaultSettings.port, 1, 65535),
    tls: tls === 'insecure' ? 'insecure' : 'starttls',
    timeoutMs: integer('timeout', defaultSettings.timeoutMs, 100, 3_600_000),
    localServer: localServer === 'always' || localServer === 'never' ? localServer : 'auto',
    ordered: get('ordered') === true,
  };
}

/** The server a run uses; `forceLocal` is the "against local Prosody" profile. */
export function runTarget(settings: ScansionSettings, forceLocal: boolean): RunTarget {
  if (forceLocal || settings.localServer === 'always') return { kind: 'local' };
  if (settings.localServer === 'auto' && settings.host === '') return { kind: 'local' };
  return { kind: 'remote', host: settings.host || '127.0.0.1', port: settings.port };
}

/** How the status bar names the target. */
export function describeTarget(target: RunTarget): string {
  return target.kind === 'local' ? 'local Prosody' : `${target.host}:${target.port}`;
}
