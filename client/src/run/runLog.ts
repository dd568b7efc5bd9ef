// The lines the extension writes to its output channel ("Scansion") about runs and the language
// server: where each run goes, the local Prosody it started (port, log file), how each scenario
// ended, and the language server starting, stopping and restarting. Free of `vscode`: the
// extension passes its LogOutputChannel as the Log.

import { lineNumber, type ScenarioResult } from '../../../core/results.js';
import { basename } from 'node:path';
import { formatSeconds } from '../../../core/seconds.js';
import { describeTarget, describeTls, runTarget, type RunTarget, type ScansionSettings, type TargetChoice } from './target.js';

/** Where lines go (a vscode.LogOutputChannel is one). */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The target in words: `a throwaway local Prosody` or `host:port (STARTTLS, certificate checked)`. */
export function describeRunTarget(target: RunTarget, settings: ScansionSettings): string {
  return target.kind === 'local' ? 'a throwaway local Prosody' : `${describeTarget(target)} (${describeTls(settings.tls)})`;
}

/** The switcher's choice in words, `configured` being the settings it applies over. */
export function describeChoice(choice: TargetChoice, configured: ScansionSettings): string {
  switch (choice.kind) {
    case 'settings':
      return `the configured server, ${describeRunTarget(runTarget(configured, false), configured)}`;
    case 'local':
      return 'a throwaway local Prosody';
    case 'host':
      return `${describeTarget({ kind: 'remote', host: choice.host, port: choice.port })} (${describeTls(choice.tls)})`;
  }
}

/** `Run: 2 scenarios against 127.0.0.1:5222 (STARTTLS, certificate checked); timeout 5 s, …`. */
export function runStartLine(scenarios: number, target: RunTarget, settings: ScansionSettings): string {
  const options = [
    `timeout ${formatSeconds(settings.timeoutMs)}`,
    `quiet period ${formatSeconds(settings.quietMs)}`,
    settings.sync ? 'sync on' : 'sync off',
    settings.ordered ? 'receives in the order written' : 'receives grouped',
  ];
  return `Run: ${scenarios} scenario${scenarios === 1 ? '' : 's'} against ${describeRunTarget(target, settings)}; ${options.join(', ')}.`;
}

/** `Local Prosody started on 127.0.0.1:PORT (pid N), log file …/prosody.log (removed when the run
 *  ends); configuration …/prosody.cfg.lua (beside the scenarios).` `config` says which configuration
 *  it adapts and why (core/serverConfig.ts). */
export function localProsodyStartedLine(server: { host: string; port: number; pid: number; logFile: string }, config: string): string {
  return `Local Prosody started on ${server.host}:${server.port} (pid ${server.pid}), log file ${server.logFile} (removed when the run ends); configuration ${config}.`;
}

/** How much of the local Prosody's log is copied to the output when it stops. */
export const prosodyLogLinesKept = 30;

/** `Local Prosody on 127.0.0.1:PORT stopped.`, followed by the last lines of its log (warnings and
 *  errors: runs start it at log level warn) before its folder goes. */
export function localProsodyStoppedLines(server: { host: string; port: number }, log: string): string[] {
  const lines = log.split('\n').filter((line) => line.trim() !== '');
  const kept = lines.slice(-prosodyLogLinesKept);
  const said =
    lines.length === 0
      ? []
      : [`Its log${lines.length > kept.length ? ` (last ${kept.length} of ${lines.length} lines)` : ''}:`, ...kept.map((line) => `  ${line}`)];
  return [`Local Prosody on ${server.host}:${server.port} stopped.`, ...said];
}

/** `greeting.scs: passed (5 steps, 0.41 s)` or `…: failed at line 20: reason (…)`. */
export function scenarioLine(result: ScenarioResult): string {
  const name = basename(result.file);
  const timing = `${result.steps.length} step${result.steps.length === 1 ? '' : 's'}, ${formatSeconds(result.durationMs)}`;
  if (result.status === 'passed') return `${name}: passed (${timing})`;
  const where = result.failure ? ` at line ${lineNumber(result.failure.range)}: ${result.failure.message}` : '';
  return `${name}: ${result.status}${where} (${timing})`;
}

/** The language server's states as the status bar shows them (languageClient.ts describeState). */
export type LanguageServerState = 'starting' | 'running' | 'stopped';

/** Turns the language client's state changes into lines: started, stopped, restarted (counted).
 *  A restart is a start after a stop: the client's own after a crash, or the Restart command. */
export class LanguageServerLog {
  private everRan = false;
  private stopped = false;
  private restarts = 0;

  /** The line for a change to `state`, or undefined when there is nothing to say. */
  change(state: LanguageServerState): string | undefined {
    switch (state) {
      case 'starting':
        return undefined;
      case 'stopped':
        if (!this.everRan || this.stopped) return undefined;
        this.stopped = true;
        return 'Language server stopped.';
      case 'running':
        if (!this.everRan) {
          this.everRan = true;
          return 'Language server started.';
        }
        if (!this.stopped) return undefined;
        this.stopped = false;
        this.restarts += 1;
        return `Language server restarted (${this.restarts} restart${this.restarts === 1 ? '' : 's'} in this window).`;
    }
  }
}
