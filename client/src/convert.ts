// Model positions (core/model.ts) to VS Code's.

import * as vscode from 'vscode';
import type { Range } from '../../core/model.js';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
