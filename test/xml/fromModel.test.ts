// Building ltx elements from the parser's model: variables, namespaces, scansion:strict, layout.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type Element } from 'ltx';
import type { Range, XmlElement, XmlNode } from '../../core/model.js';
import { parseScenario } from '../../core/parser/index.js';
import { elementFromModel, STRICT_ATTRIBUTE } from '../../core/xml/fromModel.js';
import { enterScope, namespaceOf, splitName, stanzaScope, type NamespaceScope } from '../../core/xml/namespaces.js';
import { matchStanza } from '../../core/matcher/index.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const corpus = resolve(repoRoot, '../shared/corpus');

/** Every `${...}` becomes a JID made from its content, so distinct variables stay distinct. */
function fakeResolve(value: string): string {
  return value.replace(/\$\{([^}]*)\}/g, (_all, content: string) => `${content.replace(/[^A-Za-z]/g, '').toLowerCase()}@localhost/r`);
}

function firstStanza(block: string): XmlElement {
  const text = `[Client] Romeo\n\tjid: romeo@localhost\n\n[Client] Juliet\n\tjid: juliet@localhost\n\n-----\n\nRomeo connects\n\nRomeo sends:\n${block
    .split('\n')
    .map((line) => `\t${line}`)
    .join('\n')}\n`;
  const scenario = parseScenario(text);
  assert.deepEqual(
    scenario.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const stanza = scenario.steps[1]?.block?.stanzas[0];
  assert.ok(stanza, 'the block has a stanza');
  return stanza;
}

const nowhere: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function modelElement(name: string, ns: string, children: XmlNode[] = []): XmlElement {
  const [prefix, local] = splitName(name);
  const element: XmlElement = { kind: 'element', name, local, ns, attributes: [], children, range: nowhere, nameRange: nowhere };
  if (prefix !== '') element.prefix = prefix;
  return element;
}

describe('elementFromModel', () => {
  test('resolves variables in attribute values and text', () => {
    const element = elementFromModel(firstStanza(`<message to="\${Juliet's JID}" type="chat"><body>Hi \${Romeo's JID}</body></message>`), fakeResolve);
    assert.equal(element.toString(), '<message to="julietsjid@localhost/r" type="chat"><body>Hi romeosjid@localhost/r</body></message>');
  });

  test('a stanza gets no xmlns; namespaced children and prefixed declarations are kept', () => {
    const element = elementFromModel(
      firstStanza(
        `<iq type="set" id="p1">\n\t<ps:pubsub xmlns:ps="http://jabber.org/protocol/pubsub">\n\t\t<ps:publish node="n"><ps:item id="1"><entry xmlns="http://www.w3.org/2005/Atom"><title>T</title></entry></ps:item></ps:publish>\n\t</ps:pubsub>\n</iq>`,
      ),
      fakeResolve,
    );
    assert.equal(
      element.toString(),
      '<iq type="set" id="p1"><ps:pubsub xmlns:ps="http://jabber.org/protocol/pubsub"><ps:publish node="n"><ps:item id="1"><entry xmlns="http://www.w3.org/2005/Atom"><title>T</title></entry></ps:item></ps:publish></ps:pubsub></iq>',
    );
  });

  test('scansion:strict stays on the element and the matcher obeys it', () => {
    const expected = elementFromModel(
      firstStanza(
        `<presence>\n\t<x xmlns="http://jabber.org/protocol/muc#user" scansion:strict="false">\n\t\t<status code="110"/>\n\t\t<status code="201"/>\n\t</x>\n</presence>`,
      ),
      fakeResolve,
    );
    const x = expected.getChild('x');
    assert.equal(x?.attrs[STRICT_ATTRIBUTE], 'false');
    const received = parse(`<presence><x xmlns="http://jabber.org/protocol/muc#user"><status code="201"/><item/><status code="110"/></x></presence>`);
    assert.deepEqual(matchStanza(expected, received, new Map()), { matched: true });
  });

  test('layout whitespace is dropped; whitespace that is the whole content is kept', () => {
    const text = (value: string): XmlNode => ({ kind: 'text', text: value, range: nowhere, variables: [] });
    const body = modelElement('body', 'jabber:client', [text(' ')]);
    const message = modelElement('message', 'jabber:client', [text('\n\t'), body, text('\n\t'), modelElement('subject', 'jabber:client'), text('\n')]);
    assert.equal(elementFromModel(message, (value) => value).toString(), '<message><body> </body><subject/></message>');
  });

  test('declares a namespace that the attributes as written would not yield', () => {
    const item = modelElement('item', 'jabber:iq:roster');
    const query = modelElement('query', 'jabber:iq:roster', [item]);
    const prefixed = modelElement('ps:pubsub', 'http://jabber.org/protocol/pubsub');
    const iq = modelElement('iq', 'jabber:client', [query, prefixed]);
    assert.equal(
      elementFromModel(iq, (value) => value).toString(),
      '<iq><query xmlns="jabber:iq:roster"><item/></query><ps:pubsub xmlns:ps="http://jabber.org/protocol/pubsub"/></iq>',
    );
  });

  test('takes scansion:strict from the model when no attribute carries it', () => {
    const query = modelElement('query', 'jabber:iq:version');
    query.strict = false;
    const element = elementFromModel(modelElement('iq', 'jabber:client', [query]), (value) => value);
    assert.equal(element.getChild('query')?.attrs[STRICT_ATTRIBUTE], 'false');
  });
});

function scsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scsFiles(path);
    return entry.name.endsWith('.scs') ? [path] : [];
  });
}

/** Checks that every element of `element` (as parsed back from the wire) has the namespace and
 *  local name the parser gave its model, and the same attributes with variables resolved. */
function assertSameTree(model: XmlElement, element: Element, parentScope: NamespaceScope, where: string): void {
  const scope = enterScope(element, parentScope);
  assert.equal(splitName(element.name)[1], model.local, `${where}: local name`);
  assert.equal(namespaceOf(element, scope), model.ns, `${where}: namespace of <${model.name}>`);
  for (const attribute of model.attributes) {
    assert.equal(element.attrs[attribute.name], fakeResolve(attribute.value), `${where}: <${model.name}> @${attribute.name}`);
  }
  const modelChildren = model.children.filter((child): child is XmlElement => child.kind === 'element');
  const children = element.children.filter((child): child is Element => typeof child !== 'string');
  assert.equal(children.length, modelChildren.length, `${where}: children of <${model.name}>`);
  modelChildren.forEach((child, index) => assertSameTree(child, children[index]!, scope, where));
}

if (existsSync(corpus)) {
  describe('every stanza of the corpus', () => {
    for (const file of scsFiles(corpus)) {
      const name = file.slice(corpus.length + 1);
      test(name, () => {
        const scenario = parseScenario(readFileSync(file, 'utf8'));
        let stanzas = 0;
        for (const step of scenario.steps) {
          for (const model of step.block?.stanzas ?? []) {
            stanzas++;
            const where = `${name}:${model.range.start.line + 1}`;
            const element = elementFromModel(model, fakeResolve);
            // What goes on the wire, read back by the other side, has the namespaces as written.
            const wire = parse(element.toString());
            assertSameTree(model, wire, stanzaScope, where);
            // An expected stanza matches the same stanza received.
            if (step.verb.value === 'receives') {
              assert.deepEqual(matchStanza(element, wire, new Map()), { matched: true }, where);
            }
          }
        }
        assert.ok(stanzas > 0, `${name} has stanzas`);
      });
    }
  });
}
