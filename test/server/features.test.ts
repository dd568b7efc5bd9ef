// The language server's features, exercised over stdio as an editor would use them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionItemKind,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { LspClient } from './lspClient.js';

const scenario = `# Romeo and Juliet meet in a room
## muc

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

[Client] Juliet's phone
\tjid: juliet@localhost
\tpassword: password
\tresource: mobile

-----

# Romeo joins the room
Romeo connects

Romeo sends:
\t<presence to="room@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc"/>
\t</presence>

Romeo receives:
\t<presence from="room@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc#user">
\t\t\t<item jid="\${Romeo's full JID}" affiliation="owner" role="moderator"/>
\t\t</x>
\t</presence>

# Juliet's phone writes to Romeo
Juliet's phone connects

Juliet's phone sends:
\t<message to="\${Romeo's JID}" type="chat">
\t\t<body>Hi</body>
\t</message>

Romeo receives:
\t<message from="\${Juliet's phone's full JID}" type="chat">
\t\t<body>Hi</body>
\t</message>

Romeo disconnects
Juliet's phone disconnects
`;

/** The position of the `nth` occurrence of `needle`, moved `offset` characters into it. */
function positionOf(text: string, needle: string, offset = 0, nth = 1): Position {
  let index = -1;
  for (let found = 0; found < nth; found++) {
    index = text.indexOf(needle, index + 1);
    assert.notEqual(index, -1, `"${needle}" #${nth} is not in the text`);
  }
  return TextDocument.create('file:///x', 'scansion', 1, text).positionAt(index + offset);
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'scansion', 1, text), edits);
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  assert.ok(result, 'completion answered null');
  return Array.isArray(result) ? result : result.items;
}

function labels(result: CompletionItem[] | CompletionList | null): string[] {
  return items(result).map((item) => item.label);
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  return (hover.contents as MarkupContent).value;
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

describe('language server features', () => {
  let client: LspClient;
  let counter = 0;
  /** Each test works on its own document. */
  const freshUri = () => `file:///work/features-${++counter}.scs`;

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.deepEqual(client.errors, [], 'the server logged internal errors');
    await client.stop();
  });

  test('announces its features', () => {
    const capabilities = client.initializeResult!.capabilities;
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.ok(capabilities.completionProvider);
    assert.ok(capabilities.codeActionProvider);
  });

  test('publishes no diagnostics for a clean file, and reports an error typed into it', async () => {
    const uri = freshUri();
    const opened = await client.open(uri, scenario);
    assert.deepEqual(opened.diagnostics, []);
    assert.equal(opened.version, 1);

    // Break the closing tag of the first <presence>.
    const closing = positionOf(scenario, '</presence>', 2);
    const changed = await client.change(uri, [{ range: { start: closing, end: { line: closing.line, character: closing.character + 8 } }, text: 'message' }]);
    assert.equal(changed.version, 2);
    const mismatch = changed.diagnostics.find((diagnostic) => diagnostic.code === 'xml-mismatched-tag');
    assert.ok(mismatch, `expected xml-mismatched-tag, got ${codes(changed.diagnostics)}`);
    assert.equal(mismatch.range.start.line, closing.line);
    assert.equal(mismatch.source, 'scansion');

    const broken = await client.change(uri, [{ text: 'Romeo connects\n' }]);
    assert.ok(broken.diagnostics.length > 0);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, [], 'closing a document clears its diagnostics');
  });

  test('completes character names at the start of an action line and verbs after a name', async () => {
    const uri = freshUri();
    const text = scenario.replace('Romeo disconnects\n', 'Romeo disconnects\n\nJu\nRomeo \n');
    await client.open(uri, text);

    const names = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '\nJu\n', 3),
    });
    const characterItems = items(names).filter((item) => item.kind !== CompletionItemKind.Snippet);
    assert.deepEqual(characterItems.map((item) => item.label).sort(), ["Juliet's phone", 'Romeo']);
    const juliet = items(names).find((item) => item.label === "Juliet's phone")!;
    assert.deepEqual((juliet.textEdit as TextEdit).range.start.character, 0, 'the whole typed name is replaced');

    const verbs = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '\nRomeo \n', 7),
    });
    assert.deepEqual(labels(verbs), ['connects', 'disconnects', 'sends:', 'receives:', 'receives: nothing']);

    const inMetadata = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '## muc\n', 7),
    });
    assert.deepEqual(labels(inMetadata), ['[Client]', 'client-resource'], 'above the definitions: only new definitions');
  });

  test('completes the missing properties inside a definition', async () => {
    const uri = freshUri();
    const text = scenario.replace('\tpassword: password\n\n[Client]', '\tpassword: password\n\t\n\n[Client]');
    await client.open(uri, text);
    const result = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'password\n\t\n', 10),
    });
    assert.deepEqual(labels(result), ['resource', 'connect_host', 'connect_port']);
  });

  test('completes variables after ${', async () => {
    const uri = freshUri();
    const text = scenario.replace('<body>Hi</body>', '<body>${</body>');
    await client.open(uri, text);
    const result = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '<body>${', 8),
    });
    assert.deepEqual(labels(result).sort(), ["${Juliet's phone's JID}", "${Juliet's phone's full JID}", "${Romeo's JID}", "${Romeo's full JID}"]);
    const edit = items(result)[0].textEdit as TextEdit;
    assert.equal(edit.range.start.character, positionOf(text, '<body>${', 6).character, 'replaces from ${');
  });

  test('completes XMPP element names, type values and namespaces inside blocks', async () => {
    const uri = freshUri();
    const text = scenario
      .replace('Romeo disconnects\n', 'Romeo sends:\n\t<\n\nRomeo disconnects\n')
      .replace('<message to="${Romeo\'s JID}" type="chat">', '<message to="${Romeo\'s JID}" type="">')
      .replace('<x xmlns="http://jabber.org/protocol/muc"/>', '<x xmlns=""/>');
    await client.open(uri, text);

    const stanzas = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'Romeo sends:\n\t<\n', 15),
    });
    assert.deepEqual(labels(stanzas), ['message', 'presence', 'iq']);

    const types = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'type=""', 6),
    });
    assert.ok(labels(types).includes('chat') && labels(types).includes('groupchat'), `${labels(types)}`);
    assert.ok(!labels(types).includes('get'), 'iq types are not offered on a message');

    const xmlns = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '<x xmlns=""', 10),
    });
    assert.deepEqual(
      labels(xmlns).slice(0, 3),
      ['http://jabber.org/protocol/muc', 'http://jabber.org/protocol/muc#user', 'vcard-temp:x:update'],
      'the namespaces of an <x> in a presence come first',
    );
    assert.ok(!labels(xmlns).includes('jabber:iq:version'), 'namespaces of other elements are not offered');
  });

  test('completes the closing tag of the element left open', async () => {
    const uri = freshUri();
    const text = scenario.replace('\t\t</x>\n\t</presence>', '\t\t</\n\t</presence>');
    await client.open(uri, text);
    const result = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '\t\t</\n', 4),
    });
    assert.deepEqual(labels(result), ['x>']);
  });

  test('hovers show what a variable resolves to, and the last run’s bound JID', async () => {
    const uri = freshUri();
    await client.open(uri, scenario);
    const bare = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(scenario, "${Romeo's JID}", 3),
    });
    assert.match(hoverText(bare), /romeo@localhost/);

    const fullPosition = positionOf(scenario, "${Juliet's phone's full JID}", 20);
    const full = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: fullPosition });
    assert.match(hoverText(full), /binds when \*\*Juliet's phone\*\* connects/);
    assert.match(hoverText(full), /juliet@localhost\/mobile/);
    assert.doesNotMatch(hoverText(full), /Last run/);

    await client.connection.sendNotification('scansion/runResult', {
      uri,
      boundJids: { "Juliet's phone": 'juliet@localhost/mobile', Romeo: 'romeo@localhost/4f2a' },
    });
    const afterRun = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: fullPosition });
    assert.match(hoverText(afterRun), /Last run: `juliet@localhost\/mobile`/);

    const name = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(scenario, 'Romeo connects', 2),
    });
    assert.match(hoverText(name), /\[Client\] Romeo\n\tjid: romeo@localhost\n\tpassword: password/);
    assert.match(hoverText(name), /romeo@localhost\/4f2a/);
  });

  test('goes to a character’s definition from an action line and from a variable', async () => {
    const uri = freshUri();
    await client.open(uri, scenario);
    const header = positionOf(scenario, "[Client] Juliet's phone", 9);
    for (const from of [positionOf(scenario, "Juliet's phone sends", 3), positionOf(scenario, "${Juliet's phone's full JID}", 4)]) {
      const location = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: from })) as Location;
      assert.deepEqual(location.range, { start: header, end: { line: header.line, character: header.character + 14 } });
    }
  });

  test('finds every reference of a character, in headers, actions and variables', async () => {
    const uri = freshUri();
    await client.open(uri, scenario);
    const position = positionOf(scenario, 'Romeo connects');
    const withDeclaration = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position,
      context: { includeDeclaration: true },
    });
    // Header, 5 action lines, ${Romeo's full JID}, ${Romeo's JID}.
    assert.equal(withDeclaration?.length, 8);
    const lines = withDeclaration!.map((location) => location.range.start.line);
    assert.ok(lines.includes(positionOf(scenario, "${Romeo's JID}").line));
    const withoutDeclaration = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position,
      context: { includeDeclaration: false },
    });
    assert.equal(withoutDeclaration?.length, 7);
  });

  test('renames a character everywhere, leaving a clean file', async () => {
    const uri = freshUri();
    await client.open(uri, scenario);
    const position = positionOf(scenario, "${Juliet's phone's full JID}", 5);
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position });
    assert.deepEqual(prepared && 'placeholder' in prepared ? prepared.placeholder : undefined, "Juliet's phone");

    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri },
      position,
      newName: 'Nurse',
    })) as WorkspaceEdit;
    const renamed = applyEdits(scenario, edit.changes![uri]);
    assert.doesNotMatch(renamed, /Juliet's phone (connects|sends|disconnects)|\$\{Juliet|\] Juliet/);
    assert.match(renamed, /\[Client\] Nurse\n/);
    assert.match(renamed, /\$\{Nurse's full JID\}/);
    assert.match(renamed, /^Nurse sends:$/m);
    const diagnostics = await client.change(uri, [{ text: renamed }]);
    assert.deepEqual(diagnostics.diagnostics, []);

    await assert.rejects(
      client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: positionOf(renamed, 'Nurse sends'), newName: 'Romeo' }),
      /already exists/,
    );
  });

  test('outlines the title, characters, and each step under the comment right above it', async () => {
    const uri = freshUri();
    await client.open(uri, scenario);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((symbol) => symbol.name),
      [
        'Romeo and Juliet meet in a room',
        'Romeo',
        "Juliet's phone",
        'Romeo joins the room',
        'Romeo sends',
        'Romeo receives',
        "Juliet's phone writes to Romeo",
        "Juliet's phone sends",
        'Romeo receives',
        'Romeo disconnects',
        "Juliet's phone disconnects",
      ],
    );
    assert.deepEqual(
      symbols[2].children!.map((child) => child.name),
      ['jid', 'password', 'resource'],
    );
    assert.deepEqual(
      symbols[3].children!.map((child) => child.name),
      ['Romeo connects'],
      'a comment heads only the step right below it',
    );
    assert.deepEqual(
      symbols[6].children!.map((child) => child.name),
      ["Juliet's phone connects"],
    );
    assert.equal(symbols[4].detail, '<presence>');
  });

  test('folds definitions, steps and multi-line elements', async () => {
    const uri = freshUri();
    await client.open(uri, scenario);
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const folds = new Set(ranges!.map((range) => `${range.startLine}-${range.endLine}`));
    const line = (needle: string, nth = 1) => positionOf(scenario, needle, 0, nth).line;
    assert.ok(folds.has(`${line('[Client] Romeo')}-${line('\tpassword', 1)}`), 'Romeo’s definition');
    assert.ok(folds.has(`${line('Romeo sends:')}-${line('\t</presence>')}`), 'the first sends step');
    assert.ok(folds.has(`${line('\t<presence from')}-${line('\t\t</x>')}`), 'a stanza, up to its closing tag');
    assert.ok(folds.has(`${line('\t\t<x xmlns="http://jabber.org/protocol/muc#user">')}-${line('\t\t\t<item')}`), 'a nested element');
  });

  test('offers quick fixes for a misspelt verb and an undefined character', async () => {
    const uri = freshUri();
    const text = scenario.replace('Romeo connects', 'Romeo conects').replace('Romeo disconnects\n', 'Romeo disconnects\nMercutio connects\n');
    const { diagnostics } = await client.open(uri, text);
    assert.ok(codes(diagnostics).includes('unknown-verb'), `${codes(diagnostics)}`);
    assert.ok(codes(diagnostics).includes('undefined-character'), `${codes(diagnostics)}`);

    const verbLine = positionOf(text, 'Romeo conects');
    const verbFixes = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: verbLine, end: verbLine },
      context: { diagnostics: diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-verb') },
    });
    assert.equal(verbFixes?.length, 1);
    const verbFix = verbFixes![0] as { title: string; edit: WorkspaceEdit };
    assert.equal(verbFix.title, "Change to 'connects'");

    const mercutio = positionOf(text, 'Mercutio connects', 3);
    const characterFixes = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: mercutio, end: mercutio },
      context: { diagnostics: [] },
    });
    assert.equal(characterFixes?.length, 1);
    const characterFix = characterFixes![0] as { title: string; edit: WorkspaceEdit };
    assert.equal(characterFix.title, "Define character 'Mercutio'");

    // Both fixes were computed on the same version: apply them together.
    const together = applyEdits(text, [...verbFix.edit.changes![uri], ...characterFix.edit.changes![uri]]);
    assert.match(together, /^Romeo connects$/m);
    assert.match(together, /\[Client\] Mercutio\n\tjid: mercutio@localhost\n\tpassword: password\n\n-----/);
    const after = await client.change(uri, [{ text: together }]);
    assert.deepEqual(codes(after.diagnostics), []);
  });

  test('a stanza going on at column 0: one error at that line, and a quick fix that indents it', async () => {
    const uri = freshUri();
    const text = scenario.replace('\t\t<body>Hi</body>\n\t</message>\n\nRomeo receives', '\t\t<body>Hi\nthere</body>\n\t</message>\n\nRomeo receives');
    const { diagnostics } = await client.open(uri, text);
    assert.deepEqual(codes(diagnostics), ['unindented-continuation']);
    const at = positionOf(text, 'there</body>');
    assert.deepEqual(diagnostics[0].range, { start: at, end: positionOf(text, 'there</body>', 'there</body>'.length) });
    assert.match(
      String(diagnostics[0].message),
      new RegExp(`step at line ${positionOf(text, "Juliet's phone sends:").line + 1} continues on an unindented line`),
    );
    const fixes = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: at, end: at },
      context: { diagnostics },
    });
    const [indent, join] = fixes as { title: string; isPreferred: boolean; edit: WorkspaceEdit }[];
    assert.deepEqual(
      fixes!.map((fix) => [fix.title, (fix as { isPreferred: boolean }).isPreferred]),
      [
        ['Indent this line into the block', false],
        ['Join this line to the text above with &#10; (the text stays exactly as written)', true],
      ],
    );
    const indented = applyEdits(text, indent.edit.changes![uri]);
    assert.match(indented, /<body>Hi\n\tthere<\/body>/);
    assert.deepEqual(codes((await client.change(uri, [{ text: indented }])).diagnostics), []);
    const joined = applyEdits(text, join.edit.changes![uri]);
    assert.match(joined, /<body>Hi&#10;there<\/body>\n\t<\/message>/);
    assert.deepEqual(codes((await client.change(uri, [{ text: joined }])).diagnostics), []);
  });

  test('comment lines inside a block: the step still folds and outlines over the whole block', async () => {
    const uri = freshUri();
    const text = scenario
      .replace('Romeo receives:\n\t<presence', 'Romeo receives:\n# an expected stanza, commented out\n#\t<presence type="error"/>\n\t<presence')
      .replace('\t\t\t<item', '// the item\n\t\t\t<item');
    const { diagnostics } = await client.open(uri, text);
    assert.deepEqual(codes(diagnostics), []);
    const line = (needle: string) => positionOf(text, needle).line;
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const folds = new Set(ranges!.map((range) => `${range.startLine}-${range.endLine}`));
    assert.ok(folds.has(`${line('Romeo receives:')}-${line('\t</presence>\n\n# Juliet')}`), `the receives step, comments and all: ${[...folds]}`);
    assert.ok(folds.has(`${line('\t<presence from')}-${line('\t\t</x>')}`), 'its stanza, over the comment inside it');
    assert.ok(folds.has(`${line('# an expected')}-${line('#\t<presence type')}`), 'the run of comment lines');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const receives = symbols.find((symbol) => symbol.name === 'Romeo receives')!;
    assert.equal(receives.detail, '<presence>');
    assert.deepEqual([receives.range.start.line, receives.range.end.line], [line('Romeo receives:'), line('\t</presence>\n\n# Juliet')]);
    // The comment inside the block heads no step: the next heading is Juliet's.
    assert.deepEqual(symbols.map((symbol) => symbol.name).slice(0, 6), [
      'Romeo and Juliet meet in a room',
      'Romeo',
      "Juliet's phone",
      'Romeo joins the room',
      'Romeo sends',
      'Romeo receives',
    ]);
  });

  test('literal ${...} text is a hint; near misses of a variable are errors with a fix that writes the variable', async () => {
    const uri = freshUri();
    const text = scenario.replace(
      '<body>Hi</body>\n\t</message>\n\nRomeo receives',
      "<body>Hi ${HOME}, ${Romeo JID}, ${Romoe's JID}</body>\n\t</message>\n\nRomeo receives",
    );
    const { diagnostics } = await client.open(uri, text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]),
      [
        ['variable-literal', 4],
        ['variable-unknown-form', 1],
        ['variable-undefined-character', 1],
      ],
    );
    const literal = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '${HOME}', 3) });
    assert.match(hoverText(literal), /names no character: it is text, sent and matched as written/);
    const nearMiss = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '${Romeo JID}', 3) });
    assert.match(hoverText(nearMiss), /is not a variable: did you mean `\$\{Romeo's JID\}`\?/);
    const at = positionOf(text, '${HOME}');
    const fixes = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: at, end: at },
      context: { diagnostics },
    })) as {
      title: string;
      isPreferred?: boolean;
      edit: WorkspaceEdit;
    }[];
    assert.deepEqual(
      fixes.map((fix) => [fix.title, fix.isPreferred]),
      [
        ["Change to ${Romeo's JID}", true],
        ["Change to 'Romeo'", true],
        ["Define character 'Romoe'", false],
      ],
    );
    const fixed = applyEdits(text, [...fixes[0].edit.changes![uri], ...fixes[1].edit.changes![uri]]);
    assert.match(fixed, /<body>Hi \$\{HOME\}, \$\{Romeo's JID\}, \$\{Romeo's JID\}<\/body>/);
    const after = await client.change(uri, [{ text: fixed }]);
    assert.deepEqual(
      after.diagnostics.map((diagnostic) => diagnostic.code),
      ['variable-literal'],
    );
  });
});
