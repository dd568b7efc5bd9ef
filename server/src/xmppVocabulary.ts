// XMPP words offered by XML completion inside sends/receives blocks. The stanza types come from
// RFC 6120/6121; the element names and namespaces are the ones the real Prosody scenarios
// (../shared/corpus/prosody-0.12) use, roughly most frequent first.

/** The three stanzas a block may hold at its top level. */
export const stanzaNames = ['message', 'presence', 'iq'] as const;

/** Allowed `type` values per stanza. */
export const stanzaTypes: Record<string, readonly string[]> = {
  message: ['chat', 'groupchat', 'headline', 'normal', 'error'],
  presence: ['unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe', 'error'],
  iq: ['get', 'set', 'result', 'error'],
};

/** Element names found below the stanzas in the corpus. */
export const childElementNames: readonly string[] = [
  'x', 'value', 'item', 'field', 'query', 'status', 'pubsub', 'option', 'body', 'subject', 'error',
  'publish', 'items', 'service', 'configure', 'actor', 'reason', 'text', 'identity', 'feature',
  'delete', 'create', 'title', 'request', 'photo', 'entry', 'validate', 'summary', 'subscribe',
  'services', 'required', 'remove', 'range', 'jid', 'destroy', 'unsubscribe', 'priority', 'event',
  'credentials', 'prefs', 'nickname', 'never', 'always', 'invite', 'delay', 'command', 'c', 'show',
  'thread', 'version', 'tune', 'slot', 'put', 'get', 'header', 'publish-options', 'os', 'note',
  'name', 'max-file-size', 'file-too-large',
];

/** Stanza error conditions, children of `<error>`. */
export const errorConditions: readonly string[] = [
  'bad-request', 'conflict', 'feature-not-implemented', 'forbidden', 'item-not-found',
  'jid-malformed', 'not-acceptable', 'not-allowed', 'registration-required', 'service-unavailable',
];

const stanzaErrorsNamespace = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** Namespaces the corpus declares, with the elements it declares each on. */
export const namespacesByElement: Record<string, readonly string[]> = {
  x: [
    'http://jabber.org/protocol/muc#user',
    'http://jabber.org/protocol/muc',
    'jabber:x:data',
    'vcard-temp:x:update',
    'jabber:x:conference',
  ],
  query: [
    'http://jabber.org/protocol/muc#admin',
    'jabber:iq:register',
    'http://jabber.org/protocol/disco#info',
    'http://jabber.org/protocol/muc#owner',
    'jabber:iq:last',
    'http://jabber.org/protocol/disco#items',
    'jabber:iq:version',
  ],
  pubsub: ['http://jabber.org/protocol/pubsub', 'http://jabber.org/protocol/pubsub#owner'],
  event: ['http://jabber.org/protocol/pubsub#event'],
  item: ['http://jabber.org/protocol/pubsub', 'http://jabber.org/protocol/muc#user'],
  status: ['http://jabber.org/protocol/muc#user'],
  actor: ['http://jabber.org/protocol/muc#user'],
  text: [stanzaErrorsNamespace],
  ...Object.fromEntries(errorConditions.map((condition) => [condition, [stanzaErrorsNamespace]])),
  c: ['http://jabber.org/protocol/caps'],
  command: ['http://jabber.org/protocol/commands'],
  delay: ['urn:xmpp:delay'],
  entry: ['http://www.w3.org/2005/Atom'],
  identity: ['http://jabber.org/protocol/disco#info'],
  nickname: ['http://jabber.org/protocol/nick'],
  nick: ['http://jabber.org/protocol/nick'],
  prefs: ['urn:xmpp:mam:2'],
  request: ['urn:xmpp:http:upload:0'],
  slot: ['urn:xmpp:http:upload:0'],
  'file-too-large': ['urn:xmpp:http:upload:0'],
  services: ['urn:xmpp:extdisco:2'],
  credentials: ['urn:xmpp:extdisco:2'],
  tune: ['http://jabber.org/protocol/tune'],
  validate: ['http://jabber.org/protocol/xdata-validate'],
};

/** Every namespace above, each once, in the order first listed. */
export const namespaces: readonly string[] = [...new Set(Object.values(namespacesByElement).flat())];
