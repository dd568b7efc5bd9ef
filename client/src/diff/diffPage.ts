// The HTML of the stanza diff panel: the failure's reason, expected and received stanzas side by
// side (in what was received, what the matcher rejected is marked and the extras loose matching
// allows are greyed out), and the run's transcript up to the step, each line linking back to its
// step. When the latest run passed or skipped the step, the page says so; when what it shows may no
// longer hold, it says that first. Free of `vscode`; diffPanel.ts shows it in a webview.

import type { Mark } from '../../../core/matcher/marks.js';
import type { MarkedSegment } from '../../../core/xml/pretty.js';
import { sideBySide, type Segment } from './sideBySide.js';

export interface PageTranscriptLine {
  text: string;
  /** 0-based line of the step it belongs to. */
  line?: number;
}

interface PageCommon {
  title: string;
  /** 0-based line of the step. */
  stepLine: number;
  transcript: PageTranscriptLine[];
  /** When the run shown ended, as the page prints it (`09:12:05`). */
  ranAt?: string;
  /** Why what the page shows may no longer hold (the file was edited, the expectation accepted). */
  outdated?: string;
}

/** The step failed in the run shown. */
export interface FailurePageInput extends PageCommon {
  reason: string;
  /** The failure's detail lines (core/results.ts Failure.details), shown under the reason. */
  details: string[];
  expected: string;
  /** Absent when nothing arrived. */
  actual?: string;
  /** `actual`'s lines with the matcher's marks (core/matcher/marks.ts), when it could tell. */
  marked?: MarkedSegment<Mark>[][];
  /** Whether the page offers "Accept received stanza" (a failed `receives` where something arrived). */
  canAccept?: boolean;
}

/** The step passed or did not run in the run shown: `outcome` says so in words. */
export interface OutcomePageInput extends PageCommon {
  outcome: string;
}

/** What the page says, whatever shows it. */
export type DiffPageContent = FailurePageInput | OutcomePageInput;

/** The content, and the webview's security: the nonce of the page's one script and its CSP source. */
export type DiffPageInput = DiffPageContent & { nonce: string; cspSource: string };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function cell(segments: Segment[] | undefined, side: 'expected' | 'received'): string {
  if (!segments) return `<td class="${side} missing"></td>`;
  const changedLine = segments.some((segment) => segment.changed);
  const html = segments.map((s) => (s.changed ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
  return `<td class="${side}${changedLine ? ' changed' : ''}">${html}</td>`;
}

/** A received line with the matcher's marks: rejected parts marked, allowed extras greyed out. */
function markedCell(segments: MarkedSegment<Mark>[], changedLine: boolean): string {
  const html = segments
    .map((s) =>
      s.mark === 'rejected'
        ? `<mark class="rejected">${escapeHtml(s.text)}</mark>`
        : s.mark === 'extra'
          ? `<span class="extra">${escapeHtml(s.text)}</span>`
          : escapeHtml(s.text),
    )
    .join('');
  return `<td class="received${changedLine ? ' changed' : ''}">${html}</td>`;
}

function stanzaTable(expected: string, actual: string | undefined, marked: MarkedSegment<Mark>[][] | undefined): string {
  const header = '<tr><th>Expected</th><th>Received</th></tr>';
  if (actual === undefined) {
    const left = expected.split('\n').map((line) => `<tr><td class="expected">${escapeHtml(line)}</td><td class="received missing"></td></tr>`);
    return `<table class="stanzas">${header}${left.join('')}<tr><td></td><td class="received nothing">nothing arrived</td></tr></table>`;
  }
  let receivedLine = 0;
  const rows = sideBySide(expected, actual).map((row) => {
    const marks = row.right ? marked?.[receivedLine++] : undefined;
    const right = marks
      ? markedCell(
          marks,
          row.right!.some((segment) => segment.changed),
        )
      : cell(row.right, 'received');
    return `<tr>${cell(row.left, 'expected')}${right}</tr>`;
  });
  const legend = marked
    ? '<p class="legend">In what was received: <mark class="rejected">rejected by the matcher</mark>, <span class="extra">extras loose matching allows (greyed out)</span>.</p>'
    : '';
  return `<table class="stanzas">${header}${rows.join('')}</table>${legend}`;
}

function transcriptList(lines: PageTranscriptLine[]): string {
  if (lines.length === 0) return '<p class="empty">No traffic before this step.</p>';
  const items = lines.map((line) =>
    line.line === undefined
      ? `<div class="entry">${escapeHtml(line.text)}</div>`
      : `<div class="entry"><a href="#" data-line="${line.line}" title="Go to line ${line.line + 1}">${escapeHtml(line.text)}</a></div>`,
  );
  return `<div class="transcript">${items.join('')}</div>`;
}

function ranAt(input: DiffPageContent): string {
  return input.ranAt ? ` <span class="ran">(run at ${escapeHtml(input.ranAt)})</span>` : '';
}

function stepLink(input: DiffPageContent): string {
  return `<a href="#" class="step" data-line="${input.stepLine}">line ${input.stepLine + 1}</a>`;
}

function failureSection(input: FailurePageInput): string {
  const accept = input.canAccept
    ? '<p><button class="accept" type="button" title="Change the expectation so that what arrived passes (shown as a preview first)">Accept received stanza</button></p>\n'
    : '';
  const details = input.details.length > 0 ? `<pre class="details">${escapeHtml(input.details.join('\n'))}</pre>\n` : '';
  return `<p>Step at ${stepLink(input)} failed${ranAt(input)}: <span class="reason">${escapeHtml(input.reason)}</span></p>
${accept}${details}${stanzaTable(input.expected, input.actual, input.marked)}`;
}

function outcomeSection(input: OutcomePageInput): string {
  return `<p>Step at ${stepLink(input)}${ranAt(input)}: <span class="outcome">${escapeHtml(input.outcome)}</span></p>`;
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
  mark.rejected { color: inherit; background: var(--vscode-diffEditor-insertedTextBackground); text-decoration: underline wavy var(--vscode-editorError-foreground); }
  .extra { opacity: 0.45; }
  .legend { font-size: 0.9em; color: var(--vscode-descriptionForeground); }
  .outdated { padding: 0.5em 0.8em; border-left: 3px solid var(--vscode-editorWarning-foreground); background: var(--vscode-inputValidation-warningBackground); }
  .ran { color: var(--vscode-descriptionForeground); }
  .outcome { font-family: var(--vscode-editor-font-family); }
</style>
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
${input.outdated ? `<p class="outdated" role="status">Outdated: ${escapeHtml(input.outdated)}</p>\n` : ''}${'outcome' in input ? outcomeSection(input) : failureSection(input)}
<h2>Transcript up to this step</h2>
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
