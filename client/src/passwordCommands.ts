// "Set Account Password" / "Forget Account Password": passwords for real accounts, kept in VS
// Code's SecretStorage (the system keychain), never in settings or scenario files. The list of
// accounts that have one (JIDs only) is kept in global state so that they can be forgotten.

import * as vscode from 'vscode';
import { bareJidOf } from '../../core/queries.js';
import { secretKey } from './run/passwords.js';
import { parseDocument } from './scenarios.js';

const storedJidsKey = 'scansion.passwordJids';

function storedJids(context: vscode.ExtensionContext): string[] {
  return context.globalState.get<string[]>(storedJidsKey, []);
}

/** Bare JIDs of the characters of the active scenario, to offer first. */
function activeScenarioJids(): string[] {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'scansion') return [];
  const jids = parseDocument(document).characters.map(bareJidOf);
  return [...new Set(jids.filter((jid): jid is string => jid !== undefined))];
}

async function pickJid(candidates: string[], placeHolder: string): Promise<string | undefined> {
  if (candidates.length === 0) {
    return vscode.window.showInputBox({ prompt: 'Account (bare JID)', placeHolder: 'user@example.org', validateInput: validateJid });
  }
  const other = 'Another account…';
  const picked = await vscode.window.showQuickPick([...candidates, other], { placeHolder });
  if (picked !== other) return picked;
  return vscode.window.showInputBox({ prompt: 'Account (bare JID)', placeHolder: 'user@example.org', validateInput: validateJid });
}

function validateJid(value: string): string | undefined {
  return /^[^@/\s]+@[^@/\s]+$/.test(value.trim()) ? undefined : 'Enter a bare JID: user@domain';
}

export async function setPassword(context: vscode.ExtensionContext): Promise<void> {
  const jid = (await pickJid(activeScenarioJids(), 'The account whose password runs should use'))?.trim().toLowerCase();
  if (!jid) return;
  const password = await vscode.window.showInputBox({ prompt: `Password for ${jid}`, password: true, ignoreFocusOut: true });
  if (password === undefined) return;
  await context.secrets.store(secretKey(jid), password);
  await context.globalState.update(storedJidsKey, [...new Set([...storedJids(context), jid])]);
  void vscode.window.showInformationMessage(`Scansion: runs against a real server now log in to ${jid} with the stored password.`);
}

export async function clearPassword(context: vscode.ExtensionContext): Promise<void> {
  const known = storedJids(context);
  if (known.length === 0) {
    void vscode.window.showInformationMessage('Scansion: no account passwords are stored.');
    return;
  }
  const jid = await vscode.window.showQuickPick(known, { placeHolder: 'Forget the stored password of' });
  if (!jid) return;
  await context.secrets.delete(secretKey(jid));
  await context.globalState.update(
    storedJidsKey,
    known.filter((candidate) => candidate !== jid),
  );
}
