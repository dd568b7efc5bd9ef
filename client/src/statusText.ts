// What the status bar item says: its text, its Markdown tooltip and its accessible label (plain
// words, for screen readers: no Markdown, no icon names). Free of `vscode` (statusBar.ts shows it).

import { describeTarget, describeTls, type RunTarget, type TlsMode } from './run/target.js';

export type RunState = { kind: 'idle' } | { kind: 'starting-prosody' } | { kind: 'running'; scenarios: number } | { kind: 'error'; message: string };

/** "Scansion: Switch Run Target" (targetSwitcher.ts), what clicking the item runs. */
export const selectTargetCommand = 'scansion.selectTarget';
/** The commands the tooltip links to (the status bar trusts exactly these). */
export const statusCommands = [selectTargetCommand, 'scansion.showOutput'];

export interface StatusView {
  /** Whether the workspace is trusted (runs need it). */
  trusted: boolean;
  /** What the next run uses (the switcher's choice applied), and its TLS mode. */
  target: RunTarget;
  tls: TlsMode;
  /** Whether the switcher's choice, not the settings, decides the target. */
  chosen: boolean;
  /** Why runs cannot go to that target (target.ts targetProblem: `scansion.server.host` unusable). */
  problem?: string;
  run: RunState;
  /** The language server's state in words ("running", "failed to start: …"). */
  languageServer: string;
}

export function statusText(view: StatusView): { text: string; tooltip: string; label: string } {
  const where = describeTarget(view.target);
  const icon = !view.trusted
    ? '$(shield)'
    : view.run.kind === 'running' || view.run.kind === 'starting-prosody'
      ? '$(sync~spin)'
      : view.run.kind === 'error'
        ? '$(error)'
        : view.problem
          ? '$(warning)'
          : view.target.kind === 'local'
            ? '$(server-process)'
            : '$(server)';
  const next = view.target.kind === 'local' ? 'a throwaway local Prosody, started for each run' : `${where} (${describeTls(view.tls)})`;
  const source = view.chosen ? 'chosen for this workspace' : 'from the settings';
  const run = describeRun(view.run, view.trusted);
  const problem = view.problem ? `Runs stop there: ${view.problem}.` : undefined;
  const tooltip = [
    `**Scansion**: the next run goes to ${view.target.kind === 'local' ? next : `\`${where}\` (${describeTls(view.tls)})`}, ${source}.`,
    '',
    ...(problem ? [escapeMarkdown(problem), ''] : []),
    `Run: ${escapeMarkdown(run)}`,
    '',
    `Language server: ${escapeMarkdown(view.languageServer)}`,
    '',
    `[Switch the target](command:${statusCommands[0]}) · [Show the output](command:${statusCommands[1]})`,
  ].join('\n');
  const label = `Scansion: the next run goes to ${next}, ${source}.${problem ? ` ${problem}` : ''} Run: ${run}. Language server: ${view.languageServer}. Activate to switch the target.`;
  return { text: `${icon} Scansion: ${where}`, tooltip, label };
}

function describeRun(run: RunState, trusted: boolean): string {
  if (!trusted) return 'disabled in Restricted Mode (trust the workspace to run scenarios)';
  switch (run.kind) {
    case 'idle':
      return 'idle';
    case 'starting-prosody':
      return 'starting the local Prosody';
    case 'running':
      return `running ${run.scenarios} scenario${run.scenarios === 1 ? '' : 's'}`;
    case 'error':
      return `failed: ${run.message}`;
  }
}

/** Text from elsewhere (an error message) shown as itself in the Markdown tooltip. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}
