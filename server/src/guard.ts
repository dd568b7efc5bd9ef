// Keeps one failing feature from taking the server down: the error is logged (tests watch the
// log for it) and the editor gets an empty answer instead.
import type { Connection } from 'vscode-languageserver/node';
import { ResponseError } from './lsp.js';

export function guard<T>(connection: Connection, feature: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    // Deliberate refusals (e.g. an invalid new name for rename) go to the editor as they are.
    if (error instanceof ResponseError) throw error;
    logFailure(connection, feature, error);
    return fallback;
  }
}

export function logFailure(connection: Connection, feature: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  connection.console.error(`scansion ${feature} failed: ${detail}`);
}
