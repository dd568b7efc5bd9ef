// While a scenario is debugged, hovering a `${...}` variable asks the adapter for its live value
// (the whole variable, not the word under the mouse).

import * as vscode from 'vscode';
import { findVariables } from '../../../core/variables.js';

export const variableHoverProvider: vscode.EvaluatableExpressionProvider = {
  provideEvaluatableExpression(document, position) {
    const line = document.lineAt(position.line).text;
    const variable = findVariables(line).find((found) => found.start <= position.character && position.character < found.end);
    if (!variable) return undefined;
    return new vscode.EvaluatableExpression(new vscode.Range(position.line, variable.start, position.line, variable.end), variable.raw);
  },
};
