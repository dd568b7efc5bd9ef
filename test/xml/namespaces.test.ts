// Namespace helpers: scopes and the short forms used in failure paths.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Element } from 'ltx';
import { enterScope, isNamespaceDeclaration, namespaceOf, shortNamespace, stanzaScope, XML_NS } from '../../core/xml/namespaces.js';

test('short forms of namespaces', () => {
  assert.equal(shortNamespace('http://jabber.org/protocol/muc#user'), 'muc#user');
  assert.equal(shortNamespace('jabber:iq:roster'), 'roster');
  assert.equal(shortNamespace('urn:xmpp:delay'), 'delay');
  assert.equal(shortNamespace('urn:xmpp:mam:2'), 'mam:2');
  assert.equal(shortNamespace('urn:xmpp:http:upload:0'), 'upload:0');
  assert.equal(shortNamespace('http://www.w3.org/2005/Atom'), 'Atom');
  assert.equal(shortNamespace('urn:ietf:params:xml:ns:xmpp-stanzas'), 'xmpp-stanzas');
  assert.equal(shortNamespace('plain'), 'plain');
  assert.equal(shortNamespace(''), '');
});

test('namespace declarations', () => {
  assert.equal(isNamespaceDeclaration('xmlns'), true);
  assert.equal(isNamespaceDeclaration('xmlns:stream'), true);
  assert.equal(isNamespaceDeclaration('xmlnsx'), false);
  assert.equal(isNamespaceDeclaration('xml:lang'), false);
});

test('scopes: default namespace, prefixes, inheritance, the stanza default', () => {
  const iq = parse(`<iq xmlns:ps="urn:ps"><ps:pubsub><item/></ps:pubsub><query xmlns="urn:q"><item/></query></iq>`);
  const iqScope = enterScope(iq, stanzaScope);
  assert.equal(namespaceOf(iq, iqScope), 'jabber:client');
  assert.equal(iqScope.xml, XML_NS);
  const [pubsub, query] = iq.children as Element[];
  const pubsubScope = enterScope(pubsub!, iqScope);
  assert.equal(namespaceOf(pubsub!, pubsubScope), 'urn:ps');
  const plainItem = pubsub!.children[0] as Element;
  assert.equal(namespaceOf(plainItem, enterScope(plainItem, pubsubScope)), 'jabber:client');
  const queryScope = enterScope(query!, iqScope);
  const queryItem = query!.children[0] as Element;
  assert.equal(namespaceOf(queryItem, enterScope(queryItem, queryScope)), 'urn:q');
  // An undeclared prefix has no namespace.
  const stray = parse(`<x:y/>`);
  assert.equal(namespaceOf(stray, enterScope(stray, stanzaScope)), '');
});
