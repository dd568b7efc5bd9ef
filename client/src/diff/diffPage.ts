// The HTML of the stanza diff panel: the failure's reason, expected and received stanzas side by
// side, and the run's transcript up to the failure, each line linking back to its step. Free of
// `vscode`; diffPanel.ts shows it in a webview.

import { sideBySide, type Segment } from './sideBySide.js';

export interface PageTranscriptLine {
  text: string;
  /** 0-based line of the step it belongs to. */
  line?: number;
}

export interface DiffPageInput {
  title: string;
  reason: string;
  /** The failure's detail lines (core/results.ts Failure.details), shown under the reason. */
  details: string[];
  /** 0-based line of the failed step. */
  stepLine: number;
  expected: string;
  /** Absent when nothing arrived. */
  actual?: string;
  transcript: PageTranscriptLine[];
  /** Whether the page offers "Accept received stanza" (a failed `receives` where something arrived). */
  canAccept?: boolean;
  /** Webview security: the nonce of the page's one script and the webview's CSP source. */
  nonce: string;
  cspSource: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function cell(segments: Segment[] | undefined, side: 'expected' | 'received'): string {
  if (!segments) return `<td class="${side} missing"></td>`;
  const changedLine = segments.some((segment) => segment.changed);
  const html = segments.map((s) => (s.changed ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
  return `<td class="${side}${changedLine ? ' changed' : ''}">${html}</td>`;
}

function stanzaTable(expected: string, actual: string | undefined): string {
  const header = '<tr><th>Expected</th><th>Received</th></tr>';
  if (actual === undefined) {
    const left = expected.split('\n').map((line) => `<tr><td class="expected">${escapeHtml(line)}</td><td class="received missing"></td></tr>`);
    return `<table class="stanzas">${header}${left.join('')}<tr><td></td><td class="received nothing">nothing arrived</td></tr></table>`;
  }
  const rows = sideBySide(expected, actual).map((row) => `<tr>${cell(row.left, 'expected')}${cell(row.right, 'received')}</tr>`);
  return `<table class="stanzas">${header}${rows.join('')}</table>`;
}

function transcriptList(lines: PageTranscriptLine[]): string {
  if (lines.length === 0) return '<p class="empty">No traffic before the failure.</p>';
  const items = lines.map((line) =>
    line.line === undefined
      ? `<div class="entry">${escapeHtml(line.text)}</div>`
      : `<div class="entry"><a href="#" data-line="${line.line}" title="Go to line ${line.line + 1}">${escapeHtml(line.text)}</a></div>`,
  );
  return `<div class="transcript">${items.join('')}</div>`;
}

export function diffPageHtml(input: DiffPageInput): string {
  const csp = `default-src 'none'; style-src ${input.cspSource} 'unsafe-inline'; script-src 'nonce-${input.nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(input.title)}</title>
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 1em; }
  h1 { font-size: 1.2em; }
  .reason { font-family: var(--vscode-editor-font-family); color: var(--vscode-errorForeground); }
  a.step { cursor: pointer; }
  table.stanzas { border-collapse: collapse; width: 100%; table-layout: fixed; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  table.stanzas th { text-align: left; padding: 0.3em 0.5em; border-bottom: 1px solid var(--vscode-panel-border); }
  table.stanzas td { white-space: pre-wrap; word-break: break-all; vertical-align: top; padding: 0 0.5em; }
  td.expected.changed { background: var(--vscode-diffEditor-removedLineBackground); }
  td.received.changed { background: var(--vscode-diffEditor-insertedLineBackground); }
  td.expected mark { background: var(--vscode-diffEditor-removedTextBackground); color: inherit; }
  td.received mark { background: var(--vscode-diffEditor-insertedTextBackground); color: inherit; }
  td.nothing { font-style: italic; }
  pre.details { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap; }
  .transcript { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre; }
  .transcript a { color: var(--vscode-textLink-foreground); text-decoration: none; }
  .transcript a:hover { text-decoration: underline; }
  button.accept { font-family: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 0.4em 1em; cursor: pointer; }
  button.accept:hover { background: var(--vscode-button-hoverBackground); }
</style>
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p>Step at <a href="#" class="step" data-line="${input.stepLine}">line ${input.stepLine + 1}</a>: <span class="reason">${escapeHtml(input.reason)}</span></p>
${input.canAccept ? '<p><button class="accept" type="button" title="Change the expectation so that what arrived passes (shown as a preview first)">Accept received stanza</button></p>' : ''}
${input.details.length > 0 ? `<pre class="details">${escapeHtml(input.details.join('\n'))}</pre>\n` : ''}${stanzaTable(input.expected, input.actual)}
<h2>Transcript up to the failure</h2>
${transcriptList(input.transcript)}
<script nonce="${input.nonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    if (event.target.closest('button.accept')) {
      vscode.postMessage({ type: 'accept' });
      return;
    }
    const link = event.target.closest('[data-line]');
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', line: Number(link.dataset.line) });
  });
</script>
</body>
</html>`;
}
