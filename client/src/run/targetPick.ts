// The status bar's target switcher, as lists: what its quick pick offers and what the chosen host
// is remembered with. Free of `vscode` (targetSwitcher.ts shows them).

import { describeTarget, describeTls, runTarget, type ScansionSettings, type TargetChoice, type TlsMode } from './target.js';

/** One row of the switcher: a choice, or `other` (ask for a host, then its TLS mode). */
export interface TargetPickItem {
  label: string;
  description: string;
  detail?: string;
  choice?: TargetChoice;
  other?: true;
}

/** How many hosts chosen before the switcher lists again. */
export const recentHostsKept = 5;

/** A throwaway local Prosody, the configured server, the hosts chosen before, another host; the
 *  current choice says so in its description. */
export function targetPickItems(configured: ScansionSettings, current: TargetChoice, recent: TargetChoice[]): TargetPickItem[] {
  const configuredTarget = runTarget(configured, false);
  const mark = (choice: TargetChoice, text: string) => (sameChoice(choice, current) ? `current · ${text}` : text);
  const items: TargetPickItem[] = [
    {
      label: '$(server-process) Throwaway local Prosody',
      description: mark({ kind: 'local' }, 'started for each run'),
      detail: "Debian's prosody on a free loopback port (any password logs in), stopped after the run",
      choice: { kind: 'local' },
    },
    {
      label: '$(settings-gear) Configured server',
      description: mark(
        { kind: 'settings' },
        configuredTarget.kind === 'local' ? 'a throwaway local Prosody' : `${describeTarget(configuredTarget)}, ${describeTls(configured.tls)}`,
      ),
      detail: 'As the scansion.server.*, scansion.tls and scansion.localServer settings say',
      choice: { kind: 'settings' },
    },
  ];
  for (const choice of recent) {
    if (choice.kind !== 'host') continue;
    items.push({
      label: `$(server) ${describeTarget({ kind: 'remote', host: choice.host, port: choice.port })}`,
      description: mark(choice, describeTls(choice.tls)),
      choice,
    });
  }
  items.push({ label: '$(add) Another host…', description: 'host:port, then its TLS mode', other: true });
  return items;
}

/** The TLS modes offered for another host, `preferred` first. */
export function tlsPickItems(preferred: TlsMode): Array<{ label: string; detail: string; tls: TlsMode }> {
  const items = [
    { label: describeTls('starttls'), detail: 'A server with a certificate this machine trusts', tls: 'starttls' as const },
    { label: describeTls('insecure'), detail: 'A test server with a self-signed certificate', tls: 'insecure' as const },
  ];
  return preferred === 'insecure' ? items.reverse() : items;
}

/** The hosts to list next time: `chosen` first, no duplicates, at most recentHostsKept. */
export function rememberHost(recent: TargetChoice[], chosen: TargetChoice): TargetChoice[] {
  if (chosen.kind !== 'host') return recent;
  return [chosen, ...recent.filter((choice) => !sameChoice(choice, chosen))].slice(0, recentHostsKept);
}

export function sameChoice(a: TargetChoice, b: TargetChoice): boolean {
  if (a.kind !== 'host' || b.kind !== 'host') return a.kind === b.kind;
  return a.host === b.host && a.port === b.port && a.tls === b.tls;
}
