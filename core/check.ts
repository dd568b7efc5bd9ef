// Checks .scs files: expands files and folders, then parses and diagnoses each file.
// Returns data; the CLI and others decide how to show it.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Scenario } from './model.js';
import { parseScenario } from './parser/index.js';
import { countSeverities, diagnose } from './diagnostics/index.js';

export interface FileCheck {
  file: string;
  /** The parsed file; absent when it could not be read. */
  scenario?: Scenario;
  diagnostics: Diagnostic[];
  /** Set when the file could not be read. */
  readError?: string;
}

export interface CheckResult {
  files: FileCheck[];
  /** Paths that name neither a file nor a folder. */
  missing: string[];
  errors: number;
  warnings: number;
}

/** Every .scs file under a folder, sorted; hidden folders and node_modules are skipped. */
async function scsFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') files.push(...(await scsFilesUnder(path)));
    } else if (entry.name.endsWith('.scs')) {
      files.push(path);
    }
  }
  return files;
}

/** Files named directly are kept whatever their extension; folders give their .scs files. */
export async function expandPaths(paths: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) missing.push(path);
    else if (info.isDirectory()) files.push(...(await scsFilesUnder(path)));
    else files.push(path);
  }
  return { files: [...new Set(files)], missing };
}

/** Reads, parses and diagnoses one file (`file`: a path, relative to the working directory or
 *  absolute; read as UTF-8, a byte order mark dropped). Never rejects: a file that cannot be read
 *  (missing, a folder, no permission) resolves with `readError` set, no scenario and no diagnostics,
 *  and `scs check`/`scs run` count it as an error. The diagnostics are diagnose()'s. */
export async function checkFile(file: string): Promise<FileCheck> {
  try {
    // Editors hide a byte order mark and count columns without it; so do we.
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const scenario = parseScenario(text);
    return { file, scenario, diagnostics: diagnose(scenario) };
  } catch (error) {
    return { file, diagnostics: [], readError: error instanceof Error ? error.message : String(error) };
  }
}

export async function checkPaths(paths: string[]): Promise<CheckResult> {
  const { files, missing } = await expandPaths(paths);
  const checks: FileCheck[] = [];
  for (const file of files) checks.push(await checkFile(file));
  let errors = 0;
  let warnings = 0;
  for (const check of checks) {
    if (check.readError) errors++;
    // A file's diagnostics are capped at 1,000; the counts take in those left out.
    const counts = countSeverities(check.diagnostics);
    errors += counts.error;
    warnings += counts.warning;
  }
  return { files: checks, missing, errors, warnings };
}
