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

/** 1-based line of byte `offset`. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let index = bytes.indexOf(0x0a); index !== -1 && index < offset; index = bytes.indexOf(0x0a, index + 1)) line++;
  return line;
}

/**
 * The text of a scenario file's bytes: UTF-8, as Scansion and the XML it sends are. Throws an
 * Error saying what the file is instead when it is UTF-16 (a byte order mark FF FE or FE FF), holds
 * a NUL byte (a binary file), or is not valid UTF-8 (Latin-1, say: Scansion would send the raw
 * bytes and the server close the stream).
 */
function scenarioText(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error('the file is UTF-16 text, not UTF-8: save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new Error(`not a text file: a NUL byte at line ${lineAt(bytes, nul)}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Where: the first byte from which the bytes stop decoding the same way strictly and loosely.
    const loose = Buffer.from(bytes.toString('utf8'), 'utf8');
    let offset = 0;
    while (offset < bytes.length && bytes[offset] === loose[offset]) offset++;
    throw new Error(`not UTF-8 text: byte 0x${bytes[offset].toString(16)} at line ${lineAt(bytes, offset)} is not UTF-8 (Latin-1?): save it as UTF-8`);
  }
}

/** Reads, parses and diagnoses one file (`file`: a path, relative to the working directory or
 *  absolute; read as UTF-8, a byte order mark dropped). Never rejects: a file that cannot be read
 *  (missing, a folder, no permission) or is not UTF-8 text (scenarioText) resolves with `readError`
 *  set, no scenario and no diagnostics, and `scs check`/`scs run` count it as an error. The
 *  diagnostics are diagnose()'s. */
export async function checkFile(file: string): Promise<FileCheck> {
  try {
    // Editors hide a byte order mark and count columns without it; so do we.
    const text = scenarioText(await readFile(file)).replace(/^\uFEFF/, '');
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
