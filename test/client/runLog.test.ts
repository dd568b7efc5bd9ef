// client/src/run/runLog.ts and runServer.ts: what the output channel says about a run (its target,
// the local Prosody's port and log file, each scenario's end) against a real Prosody, and about the
// language server starting, stopping and restarting; client/src/statusText.ts: the status bar's
// accessible label is plain words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { runScenario } from '../../core/runner/index.js';
import { defaultSettings, runTarget } from '../../client/src/run/target.js';
import { LanguageServerLog, localProsodyStoppedLines, prosodyLogLinesKept, runStartLine, scenarioLine, type Log } from '../../client/src/run/runLog.js';
import { openRunServer } from '../../client/src/run/runServer.js';
import { statusText } from '../../client/src/statusText.js';

const prosodyConfig = resolve(import.meta.dirname, '../../scenarios/prosody.cfg.lua');
const fixtures = resolve(import.meta.dirname, '../e2e/fixtures');

function recordingLog(): { log: Log; lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  return {
    lines,
    log: { info: (line) => lines.push(['info', line]), warn: (line) => lines.push(['warn', line]), error: (line) => lines.push(['error', line]) },
  };
}

const accepts = (host: string, port: number) =>
  new Promise<boolean>((done) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

test('a run against a throwaway local Prosody logs its target, the port and log file, each scenario, and the stop', { timeout: 60_000 }, async () => {
  const { log, lines } = recordingLog();
  const settings = { ...defaultSettings, timeoutMs: 3000 };
  const target = runTarget(settings, false);
  log.info(runStartLine(2, target, settings));
  const server = await openRunServer(target, { file: prosodyConfig, source: 'default' }, log);
  assert.ok(server.local);
  const [, started] = lines[1];
  assert.equal(
    started,
    `Local Prosody started on 127.0.0.1:${server.port} (pid ${server.local.pid}), log file ${server.local.logFile} (removed when the run ends); configuration ${prosodyConfig} (default).`,
  );
  // The file named is Prosody's log, there while the run goes on, and the port is the one it serves.
  assert.ok(existsSync(server.local.logFile), server.local.logFile);
  assert.ok(await accepts(server.host, server.port));
  for (const name of ['greeting.scs', 'wrong-expectation.scs']) {
    const file = resolve(fixtures, name);
    const result = await runScenario(parseScenario(readFileSync(file, 'utf8')), file, { host: server.host, port: server.port, timeoutMs: 3000 });
    log[result.status === 'passed' ? 'info' : 'warn'](scenarioLine(result));
  }
  await server.close();
  await server.close();
  assert.equal(existsSync(server.local.logFile), false, 'the folder goes with the server');
  assert.equal(await accepts(server.host, server.port), false);
  const texts = lines.map(([, text]) => text);
  assert.equal(texts[0], 'Run: 2 scenarios against a throwaway local Prosody; timeout 3 s, quiet period 0.3 s, sync on, receives grouped.');
  assert.match(texts[2], /^greeting\.scs: passed \(6 steps, [\d.]+ s\)$/);
  assert.match(texts[3], /^wrong-expectation\.scs: failed at line 24: .*Good night, Romeo.* \(6 steps, [\d.]+ s\)$/);
  assert.equal(lines[3][0], 'warn');
  assert.deepEqual(lines[4], ['info', `Local Prosody on 127.0.0.1:${server.port} stopped.`]);
  assert.equal(lines.filter(([, text]) => text.startsWith('Local Prosody on')).length, 1, 'closing twice stops it once');
});

test('a remote target is named with its TLS mode, and no server is started for it', async () => {
  const { log, lines } = recordingLog();
  const settings = { ...defaultSettings, host: 'xmpp.example', port: 5223, tls: 'insecure' as const, quietMs: 1000, sync: false, ordered: true };
  const target = runTarget(settings, false);
  assert.equal(
    runStartLine(1, target, settings),
    'Run: 1 scenario against xmpp.example:5223 (STARTTLS, any certificate accepted); timeout 5 s, quiet period 1 s, sync off, receives in the order written.',
  );
  const server = await openRunServer(target, { file: prosodyConfig, source: 'default' }, log);
  assert.deepEqual([server.host, server.port, server.local], ['xmpp.example', 5223, undefined]);
  await server.close();
  assert.deepEqual(lines, []);
});

test('what Prosody logged comes after the stop line, its last lines only, before its folder goes', () => {
  assert.deepEqual(localProsodyStoppedLines({ host: '127.0.0.1', port: 1 }, '\n'), ['Local Prosody on 127.0.0.1:1 stopped.']);
  const log = Array.from({ length: prosodyLogLinesKept + 5 }, (_, index) => `warn line ${index}`).join('\n');
  const [stopped, heading, ...kept] = localProsodyStoppedLines({ host: '127.0.0.1', port: 1 }, log);
  assert.equal(stopped, 'Local Prosody on 127.0.0.1:1 stopped.');
  assert.equal(heading, `Its log (last ${prosodyLogLinesKept} of ${prosodyLogLinesKept + 5} lines):`);
  assert.equal(kept.length, prosodyLogLinesKept);
  assert.equal(kept.at(-1), `  warn line ${prosodyLogLinesKept + 4}`);
});

test('the language server: started once, then each stop and start again is a restart, counted', () => {
  const states = new LanguageServerLog();
  const said = (['starting', 'running', 'running', 'stopped', 'stopped', 'starting', 'running', 'stopped', 'starting', 'running'] as const)
    .map((state) => states.change(state))
    .filter((line) => line !== undefined);
  assert.deepEqual(said, [
    'Language server started.',
    'Language server stopped.',
    'Language server restarted (1 restart in this window).',
    'Language server stopped.',
    'Language server restarted (2 restarts in this window).',
  ]);
  assert.equal(new LanguageServerLog().change('stopped'), undefined, 'a server that never ran did not stop');
});

test('the status bar names the next target; its accessible label is plain words, its tooltip Markdown', () => {
  const view = {
    trusted: true,
    target: { kind: 'remote' as const, host: 'xmpp.example', port: 5222 },
    tls: 'starttls' as const,
    chosen: true,
    run: { kind: 'error' as const, message: 'connect ECONNREFUSED 127.0.0.1:5222 <stream:error/> **x**' },
    languageServer: 'running',
  };
  const { text, tooltip, label } = statusText(view);
  assert.equal(text, '$(error) Scansion: xmpp.example:5222');
  assert.equal(
    label,
    'Scansion: the next run goes to xmpp.example:5222 (STARTTLS, certificate checked), chosen for this workspace. Run: failed: connect ECONNREFUSED 127.0.0.1:5222 <stream:error/> **x**. Language server: running. Activate to switch the target.',
  );
  assert.doesNotMatch(label.replace('**x**', ''), /[*`$]|\(\w+(~\w+)?\)/, 'no Markdown or icon syntax of its own');
  assert.match(tooltip, /^\*\*Scansion\*\*: the next run goes to `xmpp\.example:5222`/);
  assert.match(tooltip, /\\\*\\\*x\\\*\\\*/, 'text from elsewhere is escaped in the tooltip');
  assert.ok(tooltip.endsWith('[Switch the target](command:scansion.selectTarget) · [Show the output](command:scansion.showOutput)'), tooltip);
  const local = statusText({ ...view, target: { kind: 'local' }, chosen: false, run: { kind: 'idle' } });
  assert.equal(local.text, '$(server-process) Scansion: local Prosody');
  assert.match(local.label, /the next run goes to a throwaway local Prosody, started for each run, from the settings\. Run: idle\./);
  assert.match(statusText({ ...view, trusted: false }).label, /Run: disabled in Restricted Mode/);
  // A scansion.server.host that runs cannot use says so, in the icon, the tooltip and the label.
  const problem = 'scansion.server.host names port 5223 and scansion.server.port says 5224: keep the port in one of them';
  const refused = statusText({ ...view, run: { kind: 'idle' }, problem });
  assert.equal(refused.text, '$(warning) Scansion: xmpp.example:5222');
  assert.ok(refused.tooltip.includes('Runs stop there: scansion\\.server\\.host names port 5223'), refused.tooltip);
  assert.match(refused.label, /from the settings|chosen for this workspace/);
  assert.ok(refused.label.includes(`. Runs stop there: ${problem}. Run: idle.`), refused.label);
});
