// The XMPP namespaces the vocabulary knows, each with what it is for and the specification that
// defines it. Completion offers them as `xmlns` values and hovers explain them.

import { STREAM_NS } from '../model.js';

export const NS = {
  client: STREAM_NS,
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  roster: 'jabber:iq:roster',
  muc: 'http://jabber.org/protocol/muc',
  mucUser: 'http://jabber.org/protocol/muc#user',
  mucAdmin: 'http://jabber.org/protocol/muc#admin',
  mucOwner: 'http://jabber.org/protocol/muc#owner',
  data: 'jabber:x:data',
  dataValidate: 'http://jabber.org/protocol/xdata-validate',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  discoItems: 'http://jabber.org/protocol/disco#items',
  pubsub: 'http://jabber.org/protocol/pubsub',
  pubsubOwner: 'http://jabber.org/protocol/pubsub#owner',
  pubsubEvent: 'http://jabber.org/protocol/pubsub#event',
  atom: 'http://www.w3.org/2005/Atom',
  vcardUpdate: 'vcard-temp:x:update',
  vcard: 'vcard-temp',
  caps: 'http://jabber.org/protocol/caps',
  nick: 'http://jabber.org/protocol/nick',
  tune: 'http://jabber.org/protocol/tune',
  commands: 'http://jabber.org/protocol/commands',
  conference: 'jabber:x:conference',
  register: 'jabber:iq:register',
  version: 'jabber:iq:version',
  last: 'jabber:iq:last',
  privateStorage: 'jabber:iq:private',
  bookmarks: 'storage:bookmarks',
  delay: 'urn:xmpp:delay',
  mam: 'urn:xmpp:mam:2',
  upload: 'urn:xmpp:http:upload:0',
  extdisco: 'urn:xmpp:extdisco:2',
  stanzaId: 'urn:xmpp:sid:0',
  occupantId: 'urn:xmpp:occupant-id:0',
  ping: 'urn:xmpp:ping',
  time: 'urn:xmpp:time',
  carbons: 'urn:xmpp:carbons:2',
  forward: 'urn:xmpp:forward:0',
  chatStates: 'http://jabber.org/protocol/chatstates',
  receipts: 'urn:xmpp:receipts',
  hints: 'urn:xmpp:hints',
} as const;

export interface NamespaceInfo {
  uri: string;
  /** One sentence: what the namespace is for. */
  doc: string;
  /** The defining specification, e.g. "XEP-0045" or "RFC 6120 §8.3". */
  spec: string;
}

const info = (uri: string, spec: string, doc: string): NamespaceInfo => ({ uri, spec, doc });

/** Every known namespace, in the order completion lists them when nothing narrows the choice. */
export const namespaceTable: readonly NamespaceInfo[] = [
  info(NS.client, 'RFC 6120 §4.8.3', 'The client stream’s default namespace: stanzas and their unnamespaced children.'),
  info(NS.muc, 'XEP-0045', 'Multi-User Chat: a request to join a room.'),
  info(NS.mucUser, 'XEP-0045', 'Multi-User Chat: what the room says about an occupant (affiliation, role, status codes), invitations.'),
  info(NS.mucAdmin, 'XEP-0045', 'Multi-User Chat: a moderator or admin changes roles and affiliations.'),
  info(NS.mucOwner, 'XEP-0045', 'Multi-User Chat: the owner configures or destroys the room.'),
  info(NS.data, 'XEP-0004', 'Data forms: fields with values, as forms, submissions and results.'),
  info(NS.dataValidate, 'XEP-0122', 'Data form validation: the datatype and range of a field.'),
  info(NS.discoInfo, 'XEP-0030', 'Service discovery: an entity’s identities and features.'),
  info(NS.discoItems, 'XEP-0030', 'Service discovery: the items (rooms, nodes, services) an entity holds.'),
  info(NS.pubsub, 'XEP-0060', 'Publish-subscribe: create nodes, publish, subscribe, retrieve items.'),
  info(NS.pubsubOwner, 'XEP-0060', 'Publish-subscribe: node owner operations (configure, delete, purge, subscriptions).'),
  info(NS.pubsubEvent, 'XEP-0060', 'Publish-subscribe: notifications of published, retracted and deleted items.'),
  info(NS.stanzas, 'RFC 6120 §8.3', 'Stanza error conditions, inside `<error>`.'),
  info(NS.roster, 'RFC 6121 §2', 'The roster: contacts and their subscription states.'),
  info(NS.vcardUpdate, 'XEP-0153', 'vCard-based avatars: the hash of the current photo, in presence.'),
  info(NS.vcard, 'XEP-0054', 'vCards: a user’s profile.'),
  info(NS.caps, 'XEP-0115', 'Entity capabilities: a hash of the sender’s features, in presence.'),
  info(NS.nick, 'XEP-0172', 'User nickname.'),
  info(NS.tune, 'XEP-0118', 'User tune: what the user is listening to.'),
  info(NS.commands, 'XEP-0050', 'Ad-hoc commands.'),
  info(NS.conference, 'XEP-0249', 'Direct MUC invitations.'),
  info(NS.register, 'XEP-0077', 'In-band registration (also with a room: XEP-0045 §7.10).'),
  info(NS.version, 'XEP-0092', 'Software version.'),
  info(NS.last, 'XEP-0012', 'Last activity (a server’s uptime, a user’s idle time).'),
  info(NS.privateStorage, 'XEP-0049', 'Private XML storage.'),
  info(NS.bookmarks, 'XEP-0048', 'Bookmarks of rooms (in private storage or PEP).'),
  info(NS.delay, 'XEP-0203', 'Delayed delivery: when a stanza was first sent (room history, offline messages).'),
  info(NS.mam, 'XEP-0313', 'Message archive management: archiving preferences and queries.'),
  info(NS.upload, 'XEP-0363', 'HTTP file upload: request a slot, get PUT and GET URLs.'),
  info(NS.extdisco, 'XEP-0215', 'External service discovery (STUN, TURN) and credentials.'),
  info(NS.stanzaId, 'XEP-0359', 'Unique and stable stanza ids: `stanza-id` the server assigns, `origin-id` the sender assigns.'),
  info(NS.occupantId, 'XEP-0421', 'Anonymous unique occupant identifiers for rooms.'),
  info(NS.ping, 'XEP-0199', 'XMPP ping.'),
  info(NS.time, 'XEP-0202', 'Entity time.'),
  info(NS.carbons, 'XEP-0280', 'Message carbons: copies of a user’s messages to their other resources.'),
  info(NS.forward, 'XEP-0297', 'Stanza forwarding.'),
  info(NS.chatStates, 'XEP-0085', 'Chat state notifications (composing, paused, …).'),
  info(NS.receipts, 'XEP-0184', 'Message delivery receipts.'),
  info(NS.hints, 'XEP-0334', 'Message processing hints (no-store, store, …).'),
];

const byUri = new Map(namespaceTable.map((entry) => [entry.uri, entry]));

/** What the vocabulary knows about `uri`; undefined for a namespace it does not list. */
export function namespaceInfo(uri: string): NamespaceInfo | undefined {
  return byUri.get(uri);
}
