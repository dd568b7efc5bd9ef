// Completion, hovers, tag closing, formatting and snippets that know XMPP and Scansion, over a real
// LSP connection to the built server (issue 8, items 4-6).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionItemKind,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentHighlightKind,
  DocumentHighlightRequest,
  DocumentRangeFormattingRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type MarkupContent,
  type Position,
  type TextEdit,
} from 'vscode-languageserver/node';
import { LspClient } from './lspClient.js';

const head = `# Authoring

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet
\tjid: juliet@localhost
\tpassword: password

-----

Romeo connects

`;

/** The position just before the `|` in `marked`, and the text without it. */
function cursor(marked: string): { text: string; position: Position } {
  const index = marked.indexOf('|');
  assert.ok(index >= 0, 'mark the cursor with |');
  const text = marked.slice(0, index) + marked.slice(index + 1);
  return { text, position: TextDocument.create('file:///x', 'scansion', 1, text).positionAt(index) };
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  assert.ok(result, 'completion answered null');
  return Array.isArray(result) ? result : result.items;
}

/** Items in the order the editor sorts them. */
function sorted(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return [...items(result)].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

const docOf = (item: CompletionItem) => (typeof item.documentation === 'string' ? item.documentation : (item.documentation?.value ?? ''));

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'scansion', 1, text), edits);
}

describe('authoring with the language server', () => {
  let client: LspClient;
  let counter = 0;

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.deepEqual(client.errors, [], 'the server logged internal errors');
    await client.stop();
  });

  async function complete(marked: string): Promise<CompletionItem[]> {
    const { text, position } = cursor(marked);
    const uri = `file:///work/authoring-${++counter}.scs`;
    await client.open(uri, text);
    return sorted(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
  }

  async function hover(marked: string): Promise<string | undefined> {
    const { text, position } = cursor(marked);
    const uri = `file:///work/authoring-${++counter}.scs`;
    await client.open(uri, text);
    const answer = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return answer ? (answer.contents as MarkupContent).value : undefined;
  }

  const labels = (list: CompletionItem[]) => list.map((item) => item.label);

  test('attribute names per element, each documented with its specification', async () => {
    const message = await complete(`${head}Romeo sends:\n\t<message |/>\n`);
    assert.deepEqual(labels(message), ['to', 'from', 'type', 'id', 'xml:lang']);
    assert.match(docOf(message[0]), /RFC 6121/);
    assert.equal(message[2].insertTextFormat, 2, 'inserts type="$1" as a snippet');
    assert.equal((message[2].textEdit as TextEdit).newText, 'type="$1"');

    const item = await complete(
      `${head}Romeo receives:\n\t<presence>\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<item affiliation="owner" |/>\n\t\t</x>\n\t</presence>\n`,
    );
    assert.deepEqual(labels(item), ['role', 'jid', 'nick', 'xmlns', 'scansion:strict'], 'affiliation is written already');
    assert.match(docOf(item[0]), /XEP-0045/);
  });

  test('type values fit the element, and expected values offer {scansion:any} and captures', async () => {
    const sent = await complete(`${head}Romeo sends:\n\t<iq type="|"/>\n`);
    assert.deepEqual(labels(sent), ['get', 'set', 'result', 'error']);
    const expected = await complete(`${head}Romeo receives:\n\t<iq type="result" id="|"/>\n`);
    assert.deepEqual(labels(expected), ['{scansion:any}', '{scansion:capture:NAME}']);
    assert.equal((expected[1].textEdit as TextEdit).newText, '{scansion:capture:${1:name}}');
    const from = await complete(`${head}Romeo receives:\n\t<message from="|"/>\n`);
    assert.deepEqual(labels(from), [
      "${Romeo's JID}",
      "${Romeo's full JID}",
      "${Juliet's JID}",
      "${Juliet's full JID}",
      '{scansion:any}',
      '{scansion:capture:NAME}',
    ]);
    const status = await complete(
      `${head}Romeo receives:\n\t<presence>\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<status code="2|"/>\n\t\t</x>\n\t</presence>\n`,
    );
    assert.ok(labels(status).includes('201') && labels(status).includes('110'));
    assert.match(docOf(status.find((entry) => entry.label === '201')!), /created.*locked/);
  });

  test('children that fit their parent: show, status, priority first in a presence', async () => {
    const presence = await complete(`${head}Romeo sends:\n\t<presence>\n\t\t<|\n\t</presence>\n`);
    assert.deepEqual(labels(presence).slice(0, 3), ['show', 'status', 'priority']);
    assert.ok(!labels(presence).includes('body'), 'a message body does not fit a presence');
    const mucUser = presence.find((entry) => entry.labelDetails?.description === 'muc#user');
    assert.ok(mucUser, 'the MUC user <x> is offered');
    assert.equal((mucUser.textEdit as TextEdit).newText, 'x xmlns="http://jabber.org/protocol/muc#user"', 'with its namespace');

    const inX = await complete(
      `${head}Romeo receives:\n\t<presence>\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<|\n\t\t</x>\n\t</presence>\n`,
    );
    assert.deepEqual(labels(inX).slice(0, 2), ['item', 'status']);
    assert.equal((inX[0].textEdit as TextEdit).newText, 'item', 'the namespace is inherited, not repeated');

    const inError = await complete(`${head}Romeo receives:\n\t<iq type="error">\n\t\t<error type="cancel">\n\t\t\t<|\n\t\t</error>\n\t</iq>\n`);
    assert.ok(labels(inError).includes('item-not-found') && labels(inError).includes('text'));
    assert.ok(!labels(inError).includes('body'));

    const top = await complete(`${head}Romeo sends:\n\t<|\n`);
    assert.deepEqual(labels(top), ['message', 'presence', 'iq']);
  });

  test('namespaces that fit the element, each with its specification', async () => {
    const inIq = await complete(`${head}Romeo sends:\n\t<iq type="get">\n\t\t<query xmlns="|"/>\n\t</iq>\n`);
    assert.ok(labels(inIq).includes('http://jabber.org/protocol/disco#info'));
    assert.ok(labels(inIq).includes('jabber:iq:version'));
    assert.ok(!labels(inIq).includes('http://jabber.org/protocol/muc#user'), 'no <query> in muc#user');
    assert.equal(inIq.find((entry) => entry.label === 'jabber:iq:version')!.detail, 'XEP-0092');

    const inPresence = await complete(`${head}Romeo sends:\n\t<presence>\n\t\t<x xmlns="|"/>\n\t</presence>\n`);
    assert.ok(labels(inPresence).slice(0, 3).includes('http://jabber.org/protocol/muc#user'));
    assert.ok(!labels(inPresence).includes('jabber:iq:version'));
  });

  test('text values of an element: <show>', async () => {
    const show = await complete(`${head}Romeo sends:\n\t<presence>\n\t\t<show>|</show>\n\t</presence>\n`);
    assert.deepEqual(labels(show), ['chat', 'away', 'xa', 'dnd']);
  });

  test('snippets only where they fit, each once; `[` offers [Client]', async () => {
    const bracket = await complete(`# T\n\n[|]\n`);
    assert.deepEqual(labels(bracket), ['[Client]', 'client-resource']);
    const edit = bracket[0].textEdit as TextEdit;
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [0, 2], 'replaces the `[` and the `]` the editor added');

    const property = await complete(`# T\n\n[Client] Romeo\n\tjid: romeo@localhost\n\t|\n`);
    assert.ok(
      property.every((entry) => entry.kind !== CompletionItemKind.Snippet),
      'no snippet inside a [Client] block',
    );

    const step = await complete(`${head}mu|\n`);
    const snippetLabels = step.filter((entry) => entry.kind === CompletionItemKind.Snippet).map((entry) => entry.label);
    assert.ok(snippetLabels.includes('muc-create') && snippetLabels.includes('muc-join'));
    assert.ok(!snippetLabels.includes('message') && !snippetLabels.includes('[Client]'), 'stanzas and definitions do not fit here');
    assert.equal(new Set(snippetLabels).size, snippetLabels.length);

    const stanza = await complete(`${head}Romeo sends:\n\t|\n`);
    assert.deepEqual(labels(stanza), ['message', 'presence', 'iq-get', 'iq-set', 'iq-result']);
    assert.ok(stanza.every((entry) => entry.kind === CompletionItemKind.Snippet));

    const empty = await complete('|');
    assert.deepEqual(labels(empty), ['scenario', '[Client]', 'client-resource']);
  });

  test('tag closing after `>` and after `</`', async () => {
    const ask = async (marked: string, typed: '>' | '/') => {
      const { text, position } = cursor(marked);
      const uri = `file:///work/authoring-${++counter}.scs`;
      await client.open(uri, text);
      return client.connection.sendRequest('scansion/autoClose', { textDocument: { uri }, position, typed });
    };
    assert.equal(await ask(`${head}Romeo sends:\n\t<message to="a>b" type="chat">|\n`, '>'), '$0</message>');
    assert.equal(await ask(`${head}Romeo sends:\n\t<message type="chat">\n\t\t<body>|\n\t</message>\n`, '>'), '$0</body>');
    assert.equal(await ask(`${head}Romeo sends:\n\t<message type="chat">|\n\t</message>\n`, '>'), null, 'closed already');
    assert.equal(await ask(`${head}Romeo sends:\n\t<presence/>|\n`, '>'), null, 'self-closing');
    assert.equal(await ask(`${head}Romeo sends:\n\t<message type="chat">\n\t\t<body>hi</|\n`, '/'), 'body>');
    assert.equal(await ask(`${head}Romeo disconnects>|\n`, '>'), null, 'outside a block');
  });

  test('hovers on verbs, element names, type values and namespaces', async () => {
    assert.match((await hover(`${head}Romeo sen|ds:\n\t<presence/>\n`))!, /\*\*sends\*\*: Sends the stanza/);
    const x = await hover(`${head}Romeo receives:\n\t<presence>\n\t\t<|x xmlns="http://jabber.org/protocol/muc#user"/>\n\t</presence>\n`);
    assert.match(x!, /XEP-0045/);
    assert.match(x!, /Compared strictly: it has its own namespace/);
    const loose = await hover(`${head}Romeo receives:\n\t<pre|sence/>\n`);
    assert.match(loose!, /RFC 6121/);
    assert.match(loose!, /Compared loosely/);
    const override = await hover(
      `${head}Romeo receives:\n\t<presence>\n\t\t<|x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false"/>\n\t</presence>\n`,
    );
    assert.match(override!, /Compared loosely: `scansion:strict="false"`/);
    assert.match((await hover(`${head}Romeo sends:\n\t<message type="grou|pchat"/>\n`))!, /multi-user chat room/);
    const ns = await hover(`${head}Romeo sends:\n\t<iq type="get">\n\t\t<query xmlns="jabber:iq:ver|sion"/>\n\t</iq>\n`);
    assert.match(ns!, /Software version[\s\S]*XEP-0092/);
    assert.match((await hover(`${head}Romeo receives:\n\t<iq id="{scansion:a|ny}"/>\n`))!, /any value/);
  });

  test('Format Document and Format Selection re-indent with tabs; mixed indentation gets a hint and a fix', async () => {
    const text = `${head}Romeo sends:\n    <message type="chat">\n  <body>Hi</body>\n      </message>\n\nRomeo disconnects\n`;
    const formatted = `${head}Romeo sends:\n\t<message type="chat">\n\t\t<body>Hi</body>\n\t</message>\n\nRomeo disconnects\n`;
    const uri = `file:///work/authoring-${++counter}.scs`;
    const { diagnostics } = await client.open(uri, text);
    const hints = diagnostics.filter((diagnostic) => diagnostic.code === 'mixed-indentation');
    assert.equal(hints.length, 3, 'one hint per line indented with spaces');
    assert.doesNotMatch(String(hints[0].message), /[`*_]/, 'no raw Markdown');

    const options = { tabSize: 4, insertSpaces: true };
    const all = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options });
    assert.equal(apply(text, all!), formatted, 'tabs, whatever the editor’s insertSpaces');

    const line = text.split('\n').indexOf('  <body>Hi</body>');
    const some = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 3 } },
      options,
    });
    assert.deepEqual(
      some!.map((edit) => edit.range.start.line),
      [line],
    );

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: hints[1].range,
      context: { diagnostics: hints },
    })) as CodeAction[];
    const fix = actions.find((action) => action.title === 'Indent the file with tabs');
    assert.ok(fix, actions.map((action) => action.title).join());
    const fixed = apply(text, fix.edit!.changes![uri]);
    assert.equal(fixed, formatted);
    const after = await client.change(uri, [{ text: fixed }]);
    assert.deepEqual(
      after.diagnostics.filter((diagnostic) => diagnostic.code === 'mixed-indentation'),
      [],
    );
  });

  test('quick fixes: a misspelt character changes to the defined name; an unclosed element gets its closing tag', async () => {
    const fixes = async (marked: string) => {
      const { text, position } = cursor(marked);
      const uri = `file:///work/authoring-${++counter}.scs`;
      const { diagnostics } = await client.open(uri, text);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: position, end: position },
        context: { diagnostics },
      })) as CodeAction[];
      return { text, uri, actions };
    };
    const misspelt = await fixes(`${head}Ro|moe sends:\n\t<presence/>\n`);
    assert.deepEqual(
      misspelt.actions.map((action) => action.title),
      ["Change to 'Romeo'", "Define character 'Romoe'"],
    );
    assert.equal(misspelt.actions[0].isPreferred, true);
    assert.match(apply(misspelt.text, misspelt.actions[0].edit!.changes![misspelt.uri]), /^Romeo sends:$/m);

    const unclosed = await fixes(`${head}Romeo sends:\n\t<mes|sage type="chat">\n\t\t<body>Hi</body>\n\nRomeo disconnects\n`);
    const insert = unclosed.actions.find((action) => action.title === 'Insert </message>');
    assert.ok(insert, unclosed.actions.map((action) => action.title).join());
    const closed = apply(unclosed.text, insert.edit!.changes![unclosed.uri]);
    assert.match(closed, /\t<message type="chat">\n\t\t<body>Hi<\/body>\n\t<\/message>\n/);
    const after = await client.change(unclosed.uri, [{ text: closed }]);
    assert.deepEqual(
      after.diagnostics.filter((diagnostic) => diagnostic.severity === 1),
      [],
    );
  });

  test('document highlights mark exactly the character’s occurrences', async () => {
    const text = `${head.replace('[Client] Juliet', "[Client] Juliet's phone")}Juliet's phone connects\nRomeo sends:\n\t<message to="\${Juliet's phone's JID}"/>\nRomeo disconnects\n`;
    const uri = `file:///work/authoring-${++counter}.scs`;
    await client.open(uri, text);
    const at = (needle: string, offset: number) => TextDocument.create(uri, 'scansion', 1, text).positionAt(text.indexOf(needle) + offset);
    const romeo = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: at('Romeo connects', 2) });
    assert.equal(romeo?.length, 4, 'header, connects, sends, disconnects');
    assert.equal(romeo![0].kind, DocumentHighlightKind.Write);
    const phone = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: at("Juliet's phone connects", 2) });
    assert.deepEqual(
      phone!.map((highlight) => highlight.range.end.character - highlight.range.start.character),
      [14, 14, 14],
      'the whole name, in the header, the action and the variable',
    );
    const none = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: at('<message', 2) });
    assert.deepEqual(none, [], 'no word-based guesses elsewhere');
  });

  test('verbs one edit away from sends and receives, and `receives: nothin`: one error each, each fixed by its quick fix', async () => {
    const text = `${head}Romeo sneds:\n\t<message to="\${Juliet's JID}"/>\nJuliet connects\nJuliet recieves:\n\t<message/>\nJuliet receives: nothin\nJuliet disconnects\nRomeo disconnects\n`;
    const uri = `file:///work/authoring-${++counter}.scs`;
    const { diagnostics } = await client.open(uri, text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.code]),
      [
        [14, 'unknown-verb'],
        [17, 'unknown-verb'],
        [19, 'unexpected-text'],
      ],
      'no follow-on warnings on later steps',
    );
    const edits: TextEdit[] = [];
    const titles: string[] = [];
    for (const diagnostic of diagnostics) {
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      assert.equal(actions.length, 1, actions.map((action) => action.title).join());
      titles.push(actions[0].title);
      edits.push(...actions[0].edit!.changes![uri]);
    }
    assert.deepEqual(titles, ["Change to 'sends'", "Change to 'receives'", "Change to 'nothing'"]);
    const after = await client.change(uri, [{ text: apply(text, edits) }]);
    assert.deepEqual(after.diagnostics, []);
  });

  test('a stanza on its action line: one error at the stanza, whose quick fix moves it to an indented line below', async () => {
    const text = `${head}Romeo receives: <presence/>\nRomeo sends <message to="\${Juliet's JID}"><body>hi</body></message>\nRomeo sends:   <presence type="unavailable"/>  \n    <presence/>\nRomeo disconnects\n`;
    const uri = `file:///work/authoring-${++counter}.scs`;
    const document = TextDocument.create(uri, 'scansion', 1, text);
    const errors = (await client.open(uri, text)).diagnostics.filter((diagnostic) => diagnostic.severity === 1);
    assert.deepEqual(
      errors.map((diagnostic) => [diagnostic.code, document.getText(diagnostic.range)]),
      [
        ['stanza-on-action-line', '<presence/>'],
        ['stanza-on-action-line', `<message to="\${Juliet's JID}"><body>hi</body></message>`],
        ['stanza-on-action-line', '<presence type="unavailable"/>'],
      ],
    );
    const edits: TextEdit[] = [];
    for (const diagnostic of errors) {
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      assert.deepEqual(
        actions.map((action) => [action.title, action.isPreferred]),
        [['Move the stanza to an indented line below', true]],
      );
      edits.push(...actions[0].edit!.changes![uri]);
    }
    const fixed = apply(text, edits);
    assert.equal(
      fixed.slice(head.length),
      `Romeo receives:\n\t<presence/>\nRomeo sends:\n\t<message to="\${Juliet's JID}"><body>hi</body></message>\nRomeo sends:\n    <presence type="unavailable"/>\n    <presence/>\nRomeo disconnects\n`,
      "the colon added where it was left out; under a block of its own, the stanza takes that block's indent",
    );
    const after = await client.change(uri, [{ text: fixed }]);
    assert.deepEqual(
      after.diagnostics.map((diagnostic) => diagnostic.code),
      ['mixed-indentation', 'mixed-indentation', 'several-stanzas'],
      'no error is left: two stanzas in one block are a warning, spaces among tabs a hint',
    );
  });

  test('a half-typed [ line publishes one error', async () => {
    for (const line of ['[', '[Cli', '[Client', '[Client]']) {
      const uri = `file:///work/authoring-${++counter}.scs`;
      const { diagnostics } = await client.open(uri, `${head.replace('-----', `${line}\n\n-----`)}Romeo disconnects\n`);
      const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 1);
      assert.equal(errors.length, 1, `${line}: ${errors.map((error) => error.code).join()}`);
    }
  });

  test('highlights on Juliet leave Juliet’s phone alone, and the other way round', async () => {
    const text = `${head.replace('-----', "[Client] Juliet's phone\n\tjid: juliet@localhost\n\tresource: phone\n\n-----")}Juliet connects\nJuliet's phone connects\nJuliet sends:\n\t<message to="\${Juliet's phone's full JID}"/>\nJuliet's phone receives:\n\t<message from="\${Juliet's full JID}"/>\n`;
    const uri = `file:///work/authoring-${++counter}.scs`;
    const document = TextDocument.create(uri, 'scansion', 1, text);
    await client.open(uri, text);
    const highlighted = async (needle: string, offset: number) => {
      const found = await client.connection.sendRequest(DocumentHighlightRequest.type, {
        textDocument: { uri },
        position: document.positionAt(text.indexOf(needle) + offset),
      });
      return found!.map(
        (highlight) => text.slice(document.offsetAt(highlight.range.start), document.offsetAt(highlight.range.end)) + `@${highlight.range.start.line}`,
      );
    };
    const line = (needle: string) => text.split('\n').findIndex((candidate) => candidate.includes(needle));
    assert.deepEqual(await highlighted('Juliet connects', 2), [
      `Juliet@${line('[Client] Juliet')}`,
      `Juliet@${line('Juliet connects')}`,
      `Juliet@${line('Juliet sends:')}`,
      `Juliet@${line("${Juliet's full JID}")}`,
    ]);
    assert.deepEqual(await highlighted("Juliet's phone connects", 9), [
      `Juliet's phone@${line("[Client] Juliet's phone")}`,
      `Juliet's phone@${line("Juliet's phone connects")}`,
      `Juliet's phone@${line("${Juliet's phone's full JID}")}`,
      `Juliet's phone@${line("Juliet's phone receives:")}`,
    ]);
  });
});
