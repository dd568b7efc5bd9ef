// Where the corpus lives and how to run one of its scenarios (used by the corpus-run tests).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../core/parser/index.js';
import { runScenario, type RunOptions } from '../../core/runner/index.js';
import type { ScenarioResult } from '../../core/results.js';
import type { LocalProsody } from '../../core/prosody/index.js';

/** ../shared/corpus/prosody-0.12 next to the repository, when it is there. */
export const corpusDir = resolve(import.meta.dirname, '../../../shared/corpus/prosody-0.12');
export const corpusPresent = existsSync(join(corpusDir, 'prosody.cfg.lua'));
export const corpusConfig = join(corpusDir, 'prosody.cfg.lua');

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith('.scs'))
    .sort();
}

export function corpusText(name: string): string {
  return readFileSync(join(corpusDir, name), 'utf8');
}

/** Runs scenario text against a local server. */
export function runText(server: LocalProsody, text: string, file: string, options: Partial<RunOptions> = {}): Promise<ScenarioResult> {
  return runScenario(parseScenario(text), file, { host: server.host, port: server.port, ...options });
}
