// Which prosody.cfg.lua a throwaway local server adapts for a set of scenarios: the one given, else
// the one lying beside the scenarios (Prosody's own source tree keeps spec/scansion/prosody.cfg.lua
// next to the scenarios written for it: corpus prosody-0.12), else the project's own.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The file name looked for beside the scenarios. */
export const SERVER_CONFIG_NAME = 'prosody.cfg.lua';

/** Where the chosen configuration comes from, for the line that says it. */
export type ServerConfigSource = 'given' | 'beside the scenarios' | 'default';

export interface ServerConfigChoice {
  /** Absolute path of the prosody.cfg.lua to adapt. */
  file: string;
  source: ServerConfigSource;
}

/** The `prosody.cfg.lua` in the same folder as `scenarioFile` (absolute path), if there is one. */
export function configBeside(scenarioFile: string): string | undefined {
  const candidate = join(dirname(resolve(scenarioFile)), SERVER_CONFIG_NAME);
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * The configuration for one server running `scenarioFiles`: `given` (an explicit option) when set;
 * else the prosody.cfg.lua beside the files when they all lie beside the same one; else
 * `fallback()` (the project's scenarios/prosody.cfg.lua) when none has one. Throws an Error naming
 * the configurations when the files lie beside different ones (or some beside one and some beside
 * none): one server cannot serve both, and the caller says how to choose.
 */
export function serverConfigFor(scenarioFiles: readonly string[], given: string | undefined, fallback: () => string): ServerConfigChoice {
  if (given) return { file: resolve(given), source: 'given' };
  const found = new Set(scenarioFiles.map((file) => configBeside(file) ?? ''));
  if (found.size > 1) {
    const names = [...found].map((file) => file || 'none (the default)').join(', ');
    throw new Error(`the scenarios lie beside different ${SERVER_CONFIG_NAME} files (${names})`);
  }
  const [only] = found;
  return only ? { file: only, source: 'beside the scenarios' } : { file: resolve(fallback()), source: 'default' };
}

/** `FILE (beside the scenarios)`: the configuration a local server adapts, for logs. */
export function describeServerConfig(choice: ServerConfigChoice): string {
  return choice.source === 'given' ? choice.file : `${choice.file} (${choice.source})`;
}
