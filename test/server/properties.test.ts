// One table of character properties (core/vocabulary/scansion.ts): the language server's
// diagnostics, completion and hovers all read it, and its docs say what the runner does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompletionRequest, HoverRequest, type CompletionItem, type CompletionList, type MarkupContent } from 'vscode-languageserver/node';
import { characterProperties, characterPropertyDoc } from '../../core/vocabulary/scansion.js';
import { characterSettings } from '../../core/runner/characters.js';
import { runOptions } from '../../core/runner/options.js';
import { parseScenario } from '../../core/parser/index.js';
import { LspClient } from './lspClient.js';

/** A definition that sets every property of the table, with `extra` lines after them. */
function definition(extra = ''): string {
  const values: Record<string, string> = {
    jid: 'romeo@localhost',
    password: 'password',
    resource: 'balcony',
    connect_host: '127.0.0.1',
    connect_port: '5222',
  };
  const lines = characterProperties.map((property) => `\t${property.key}: ${values[property.key] ?? 'x'}`);
  return `[Client] Romeo\n${lines.join('\n')}\n${extra}\n-----\n\nRomeo connects\nRomeo disconnects\n`;
}

describe('the character property table', () => {
  let client: LspClient;
  let counter = 0;
  const freshUri = () => `file:///work/properties-${++counter}.scs`;

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.deepEqual(client.errors, [], 'the server logged internal errors');
    await client.stop();
  });

  test('diagnostics accept every key of the table and name exactly the table in the unknown-property warning', async () => {
    const clean = await client.open(freshUri(), definition());
    assert.deepEqual(clean.diagnostics, [], 'every property of the table is known');
    const unknown = await client.open(freshUri(), definition('\tpasword: x'));
    const warning = unknown.diagnostics.find((diagnostic) => diagnostic.code === 'unknown-property');
    assert.ok(warning, JSON.stringify(unknown.diagnostics));
    assert.equal(warning.message, `Unknown property "pasword": a Client takes ${characterProperties.map((property) => property.key).join(', ')}.`);
  });

  test('completion offers the table in its order, each item documented by the table', async () => {
    const uri = freshUri();
    const text = '[Client] Romeo\n\t\n\n-----\n\nRomeo connects\n';
    await client.open(uri, text);
    const result = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 1 },
    })) as CompletionItem[] | CompletionList | null;
    assert.ok(result);
    const items = Array.isArray(result) ? result : result.items;
    assert.deepEqual(
      items.map((item) => item.label),
      characterProperties.map((property) => property.key),
    );
    for (const [index, property] of characterProperties.entries()) {
      assert.deepEqual(items[index]!.documentation, { kind: 'markdown', value: characterPropertyDoc(property) }, property.key);
    }
  });

  test('hovering a property key shows the same text', async () => {
    const uri = freshUri();
    const text = definition();
    await client.open(uri, text);
    for (const [index, property] of characterProperties.entries()) {
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: index + 1, character: 2 } });
      assert.ok(hover, `no hover on ${property.key}`);
      assert.equal((hover.contents as MarkupContent).value, `**${property.key}**: ${characterPropertyDoc(property)}`);
      assert.deepEqual(hover.range, { start: { line: index + 1, character: 1 }, end: { line: index + 1, character: 1 + property.key.length } });
    }
  });

  test('the docs tell what the runner does: without connect_host and connect_port, the run’s server', () => {
    const docs = Object.fromEntries(characterProperties.map((property) => [property.key, characterPropertyDoc(property)]));
    assert.doesNotMatch(docs.connect_host!, /instead of the JID’s domain/);
    assert.match(docs.connect_host!, /run’s server/);
    assert.match(docs.jid!, /Required\./);
    const [bare] = parseScenario('[Client] Romeo\n\tjid: romeo@example.org\n').characters;
    const settings = characterSettings(bare!, runOptions({ host: 'run.example', port: 5999 }));
    assert.ok(!('error' in settings));
    assert.deepEqual([settings.host, settings.port], ['run.example', 5999], 'the run’s server, not the JID’s domain');
    const [overridden] = parseScenario('[Client] Romeo\n\tjid: romeo@example.org\n\tconnect_host: other.example\n\tconnect_port: 5223\n').characters;
    const own = characterSettings(overridden!, runOptions({ host: 'run.example', port: 5999 }));
    assert.ok(!('error' in own));
    assert.deepEqual([own.host, own.port, own.domain], ['other.example', 5223, 'example.org'], 'connect_host replaces the server, not the domain logged in to');
  });
});
