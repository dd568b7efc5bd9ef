// `scs check [paths...]`: prints every diagnostic as `path:line:col: severity CODE: message`, then a
// summary; exits 1 when any error was found, 2 on usage errors (a missing path, no .scs file found), 0 otherwise.

import type { Command } from 'commander';
import { checkPaths, type CheckResult } from '../core/check.js';
import { terminalSafe } from '../core/safeText.js';
import { diagnosticLine } from './diagnosticLine.js';

const startOfFile = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatText(result: CheckResult): string {
  const lines: string[] = [];
  for (const check of result.files) {
    // Names and messages come from the file: control characters in them are shown, not obeyed.
    const file = terminalSafe(check.file);
    if (check.readError) lines.push(diagnosticLine(file, { code: 'read-error', severity: 'error', range: startOfFile, message: check.readError }));
    for (const item of check.diagnostics) lines.push(diagnosticLine(file, item));
  }
  lines.push(`${plural(result.files.length, 'file')} checked: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`);
  return lines.join('\n');
}

function formatJson(result: CheckResult): string {
  return JSON.stringify(
    {
      files: result.files.map((check) => ({
        file: check.file,
        ...(check.readError ? { readError: check.readError } : {}),
        diagnostics: check.diagnostics.map((item) => ({
          ...item,
          line: item.range.start.line + 1,
          column: item.range.start.character + 1,
        })),
      })),
      summary: { files: result.files.length, errors: result.errors, warnings: result.warnings },
    },
    null,
    2,
  );
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('check .scs files (or folders of them) and print their diagnostics')
    .argument('<paths...>', 'files or folders to check')
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (paths: string[], options: { format: string }) => {
      if (options.format !== 'text' && options.format !== 'json') {
        program.error(`error: --format must be "text" or "json", not "${options.format}"`, { exitCode: 2 });
      }
      const result = await checkPaths(paths);
      if (result.missing.length > 0) {
        program.error(`error: no such file or folder: ${result.missing.join(', ')}`, { exitCode: 2 });
      }
      // As `scs run`: a folder that holds no scenario is more likely a wrong path than a clean check.
      if (result.files.length === 0) program.error(`error: no .scs files in ${paths.join(', ')}`, { exitCode: 2 });
      console.log(options.format === 'json' ? formatJson(result) : formatText(result));
      process.exitCode = result.errors > 0 ? 1 : 0;
    });
}
