// The snippets (core/snippets.ts): each, expanded with its defaults where it fits, checks clean;
// the scenario-level ones run green against a real Prosody; no two share a prefix or a name.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { diagnose } from '../../core/diagnostics/index.js';
import { parseScenario } from '../../core/parser/index.js';
import { startProsody, type LocalProsody } from '../../core/prosody/index.js';
import { runScenario } from '../../core/runner/index.js';
import { snippets, type Snippet } from '../../core/snippets.js';
import { expandSnippet } from './expand.js';

const prosodyConfig = resolve(import.meta.dirname, '../../scenarios/prosody.cfg.lua');

const expand = (name: string) => expandSnippet(byName(name).body.join('\n'));

function byName(name: string): Snippet {
  const found = snippets.find((snippet) => snippet.name === name);
  assert.ok(found, `no snippet named ${name}`);
  return found;
}

const definitions = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n[Client] Juliet\n\tjid: juliet@localhost\n\tpassword: password\n';

/** A scenario holding the expanded snippet where its place says it goes. */
function placed(snippet: Snippet): string {
  const text = expandSnippet(snippet.body.join('\n'));
  switch (snippet.place) {
    case 'file':
      return text;
    case 'definition':
      return `# T\n\n${definitions}\n${text}\n-----\n\nRomeo connects\nJuliet connects\nRomeo disconnects\nJuliet disconnects\n`;
    case 'step':
      return `# T\n\n${definitions}\n-----\n\nRomeo connects\nJuliet connects\n\n${text}\n\nRomeo disconnects\nJuliet disconnects\n`;
    case 'stanza': {
      // The editor indents every line of the snippet like the line it was inserted on.
      const block = text
        .split('\n')
        .map((line) => `\t${line}`)
        .join('\n');
      return `# T\n\n${definitions}\n-----\n\nRomeo connects\nJuliet connects\n\nRomeo sends:\n${block}\n\nRomeo disconnects\nJuliet disconnects\n`;
    }
  }
}

test('the expander reads LSP snippet syntax as the editor does with every default taken', () => {
  assert.equal(expandSnippet('${1:Romeo} sends to $1 ${2|chat,groupchat|} $2\\${x} ${3:a ${4:b}} $4$0'), 'Romeo sends to Romeo chat chat${x} a b b');
});

test('no two snippets share a prefix or a name', () => {
  const prefixes = snippets.map((snippet) => snippet.prefix);
  const names = snippets.map((snippet) => snippet.name);
  assert.equal(new Set(prefixes).size, prefixes.length, prefixes.join());
  assert.equal(new Set(names).size, names.length, names.join());
});

for (const snippet of snippets) {
  test(`"${snippet.name}" expanded with its defaults checks clean`, () => {
    const text = placed(snippet);
    const problems = diagnose(parseScenario(text)).filter((item) => item.severity === 'error' || item.severity === 'warning');
    assert.deepEqual(
      problems.map((item) => `${item.range.start.line + 1}: ${item.code} ${item.message}`),
      [],
      text,
    );
  });
}

test('"MUC create room" expects the 201 and 110 codes and submits the default configuration', () => {
  const text = expand('MUC create room');
  assert.match(text, /<status code="201"\/>\n\t\t\t<item jid="\$\{Romeo's full JID\}" affiliation="owner" role="moderator"\/>\n\t\t\t<status code="110"\/>/);
  assert.match(text, /<x xmlns="jabber:x:data" type="submit"\/>/);
});

describe('scenario-level snippets against a real Prosody', () => {
  let server: LocalProsody;
  before(async () => {
    server = await startProsody({ configTemplate: prosodyConfig });
  });
  after(async () => {
    await server?.stop();
  });

  const run = async (text: string) => {
    const result = await runScenario(parseScenario(text), 'snippet.scs', { host: server.host, port: server.port });
    assert.equal(result.status, 'passed', `${result.failure?.message ?? ''}\n${text}`);
    return result;
  };

  test('"New scenario" runs green', async () => {
    await run(expand('New scenario'));
  });

  test('"MUC create room" then "MUC join existing room" run green', async () => {
    const text = `# A room\n\n${definitions}\n-----\n\nRomeo connects\n\n${expand('MUC create room')}\n\nJuliet connects\n\n${expand('MUC join existing room')}\n\nJuliet disconnects\n\nRomeo disconnects\n`;
    const result = await run(text);
    assert.equal(result.steps.length, parseScenario(text).steps.length);
  });
});
