// The table of XMPP elements the editor knows: for each element its namespace, the parents it
// may stand in, its attributes with their values, and the specification that defines it.
// Completion and hovers both read this one table. Stanza attributes and types: RFC 6120 §8,
// RFC 6121 §4-5; the rest from the XEP named on each row. Chosen to cover what the Prosody
// scenarios use (../shared/corpus/prosody-0.12) and what a MUC or pubsub scenario needs next.

import { NS } from './namespaces.js';

export interface ValueInfo {
  value: string;
  doc: string;
}

export interface AttributeInfo {
  name: string;
  doc: string;
  /** The values the specification allows, when it lists them. */
  values?: readonly ValueInfo[];
}

/** An element's place: its namespace and local name, e.g. `{ ns: NS.mucUser, name: 'x' }`. */
export interface ElementKey {
  ns: string;
  name: string;
}

export interface ElementInfo extends ElementKey {
  /** Elements this one may stand in; empty for the three stanzas, which stand at a block's top. */
  parents: readonly ElementKey[];
  attributes: readonly AttributeInfo[];
  /** Text values the specification lists for the element's content (`<show>chat</show>`). */
  text?: readonly ValueInfo[];
  doc: string;
  /** The defining specification, e.g. "XEP-0045" or "RFC 6121 §4.7". */
  spec: string;
}

const key = (ns: string, name: string): ElementKey => ({ ns, name });
const values = (...pairs: Array<[string, string]>): ValueInfo[] => pairs.map(([value, doc]) => ({ value, doc }));
const attribute = (name: string, doc: string, allowed?: ValueInfo[]): AttributeInfo => (allowed ? { name, doc, values: allowed } : { name, doc });

const message = key(NS.client, 'message');
const presence = key(NS.client, 'presence');
const iq = key(NS.client, 'iq');
const stanzaError = key(NS.client, 'error');

const stanzaAttributes = (types: ValueInfo[]): AttributeInfo[] => [
  attribute('to', 'The JID the stanza is addressed to.'),
  attribute('from', 'The JID of the sender; the server stamps it on what it delivers.'),
  attribute('type', 'The kind of stanza.', types),
  attribute('id', 'An identifier the sender chooses; an iq reply carries the id of its request.'),
  attribute('xml:lang', 'The language of the stanza’s human-readable text.'),
];

const affiliations = values(
  ['owner', 'Owns the room: configures and destroys it.'],
  ['admin', 'Administers the room: bans, grants membership.'],
  ['member', 'A member of the room.'],
  ['outcast', 'Banned from the room.'],
  ['none', 'No affiliation.'],
);
const roles = values(
  ['moderator', 'May kick and grant voice.'],
  ['participant', 'May speak.'],
  ['visitor', 'In a moderated room: may not speak.'],
  ['none', 'Not in the room (leaving, kicked).'],
);
const mucStatusCodes = values(
  ['100', 'Any occupant may see your full JID (non-anonymous room).'],
  ['101', 'Your affiliation changed while you were not in the room.'],
  ['104', 'The room configuration changed (sent in a message).'],
  ['110', 'This presence is about yourself (self-presence).'],
  ['170', 'The room is logged.'],
  ['172', 'The room is now non-anonymous.'],
  ['201', 'A new room was created; it stays locked until configured.'],
  ['210', 'The room changed your nickname.'],
  ['301', 'The occupant was banned.'],
  ['303', 'The occupant changed nickname.'],
  ['307', 'The occupant was kicked.'],
  ['321', 'The occupant was removed because of an affiliation change.'],
  ['322', 'The occupant was removed because the room became members-only.'],
  ['332', 'The occupant was removed because the service is shutting down.'],
);
const fieldTypes = values(
  ['boolean', 'true/false (or 1/0).'],
  ['fixed', 'Read-only text.'],
  ['hidden', 'A value the form carries but does not show.'],
  ['jid-multi', 'Several JIDs.'],
  ['jid-single', 'One JID.'],
  ['list-multi', 'Several options.'],
  ['list-single', 'One option.'],
  ['text-multi', 'Several lines of text.'],
  ['text-private', 'A password or other secret.'],
  ['text-single', 'One line of text.'],
);
const node = attribute('node', 'The pubsub node (or disco node) addressed.');
const jid = attribute('jid', 'A JID.');
const itemId = attribute('id', 'The item id; the service makes one up when the publisher sets none.');

const stanzaConditions: Array<[string, string]> = [
  ['bad-request', 'The request is malformed.'],
  ['conflict', 'A resource or nickname with that name exists already.'],
  ['feature-not-implemented', 'The recipient does not support this.'],
  ['forbidden', 'The sender may not do this.'],
  ['gone', 'The recipient moved.'],
  ['internal-server-error', 'The server failed.'],
  ['item-not-found', 'The addressed item (room, node, user) does not exist.'],
  ['jid-malformed', 'A JID in the request is not valid.'],
  ['not-acceptable', 'The request breaks a rule of the recipient (e.g. a nickname policy).'],
  ['not-allowed', 'Nobody may do this here.'],
  ['not-authorized', 'The sender must authenticate (e.g. a room password) first.'],
  ['policy-violation', 'The request breaks a local policy.'],
  ['recipient-unavailable', 'The recipient is temporarily away.'],
  ['redirect', 'Send it elsewhere.'],
  ['registration-required', 'The sender must register (e.g. be a member of the room) first.'],
  ['remote-server-not-found', 'The recipient’s server does not exist.'],
  ['remote-server-timeout', 'The recipient’s server did not answer.'],
  ['resource-constraint', 'The recipient is too busy.'],
  ['service-unavailable', 'The recipient does not offer this service.'],
  ['subscription-required', 'The sender must subscribe first.'],
  ['undefined-condition', 'Any other condition.'],
  ['unexpected-request', 'The request came at the wrong time.'],
];

type Row = Omit<ElementInfo, 'ns' | 'name' | 'parents' | 'attributes'> & { attributes?: AttributeInfo[] };
const element = (ns: string, name: string, parents: ElementKey[], row: Row): ElementInfo => ({
  ns,
  name,
  parents,
  attributes: row.attributes ?? [],
  doc: row.doc,
  spec: row.spec,
  ...(row.text ? { text: row.text } : {}),
});

const mucUserX = key(NS.mucUser, 'x');
const mucUserItem = key(NS.mucUser, 'item');
const mucAdminQuery = key(NS.mucAdmin, 'query');
const mucAdminItem = key(NS.mucAdmin, 'item');
const mucOwnerQuery = key(NS.mucOwner, 'query');
const dataForm = key(NS.data, 'x');
const dataField = key(NS.data, 'field');
const pubsub = key(NS.pubsub, 'pubsub');
const pubsubItem = key(NS.pubsub, 'item');
const pubsubOwner = key(NS.pubsubOwner, 'pubsub');
const event = key(NS.pubsubEvent, 'event');
const eventItem = key(NS.pubsubEvent, 'item');
const discoInfo = key(NS.discoInfo, 'query');
const command = key(NS.commands, 'command');

/** Every known element. Within one parent, rows come in the order completion offers them. */
export const elementTable: readonly ElementInfo[] = [
  // Stanzas (RFC 6120 §8, RFC 6121)
  element(NS.client, 'message', [], {
    spec: 'RFC 6121 §5',
    doc: 'A message: pushed to the recipient, no reply expected.',
    attributes: stanzaAttributes(
      values(
        ['chat', 'One-to-one chat.'],
        ['groupchat', 'A message in a multi-user chat room (XEP-0045).'],
        ['headline', 'An alert or notification; not stored offline.'],
        ['normal', 'A standalone message (the default).'],
        ['error', 'An error about a message the sender sent.'],
      ),
    ),
  }),
  element(NS.client, 'presence', [], {
    spec: 'RFC 6121 §4',
    doc: 'Presence: availability, subscriptions, and joining and leaving rooms (XEP-0045).',
    attributes: stanzaAttributes(
      values(
        ['unavailable', 'Goes offline, or leaves a room.'],
        ['subscribe', 'Asks to see the recipient’s presence.'],
        ['subscribed', 'Allows the recipient to see the sender’s presence.'],
        ['unsubscribe', 'Stops seeing the recipient’s presence.'],
        ['unsubscribed', 'Refuses or cancels a subscription.'],
        ['probe', 'Asks for the current presence (servers only).'],
        ['error', 'An error about a presence the sender sent.'],
      ),
    ),
  }),
  element(NS.client, 'iq', [], {
    spec: 'RFC 6120 §8.2.3',
    doc: 'Info/query: a request that gets exactly one reply with the same id.',
    attributes: stanzaAttributes(
      values(
        ['get', 'Asks for information.'],
        ['set', 'Provides data or asks for a change.'],
        ['result', 'The successful reply to a get or set.'],
        ['error', 'The failed reply to a get or set.'],
      ),
    ),
  }),

  // Children of presence
  element(NS.client, 'show', [presence], {
    spec: 'RFC 6121 §4.7.2.1',
    doc: 'The availability sub-state; absent means available.',
    text: values(['chat', 'Available and wants to chat.'], ['away', 'Away for a short while.'], ['xa', 'Away for a long while.'], ['dnd', 'Do not disturb.']),
  }),
  element(NS.client, 'status', [presence], { spec: 'RFC 6121 §4.7.2.2', doc: 'A human-readable status text.' }),
  element(NS.client, 'priority', [presence], { spec: 'RFC 6121 §4.7.2.3', doc: 'The resource’s priority, -128 to 127.' }),
  element(NS.muc, 'x', [presence], {
    spec: 'XEP-0045 §7.2',
    doc: 'Joins the room the presence is addressed to (`room@service/nick`).',
  }),
  element(NS.mucUser, 'x', [presence, message], {
    spec: 'XEP-0045',
    doc: 'What the room says about an occupant (in presence) or an invitation or status change (in message).',
  }),
  element(NS.caps, 'c', [presence], {
    spec: 'XEP-0115',
    doc: 'Entity capabilities: a hash of the sender’s features.',
    attributes: [attribute('hash', 'The hash function, e.g. sha-1.'), node, attribute('ver', 'The verification string (the hash).')],
  }),
  element(NS.vcardUpdate, 'x', [presence], { spec: 'XEP-0153', doc: 'The avatar’s hash, in presence.' }),
  element(NS.occupantId, 'occupant-id', [presence, message], {
    spec: 'XEP-0421',
    doc: 'The room’s stable, anonymous id for an occupant; the server makes it up.',
    attributes: [attribute('id', 'The occupant id.')],
  }),
  element(NS.delay, 'delay', [presence, message], {
    spec: 'XEP-0203',
    doc: 'When the stanza was first sent (room history, offline messages).',
    attributes: [attribute('stamp', 'UTC time, XEP-0082 format; differs on every run.'), attribute('from', 'Who delayed it.')],
  }),
  element(NS.nick, 'nick', [presence, message, pubsubItem], { spec: 'XEP-0172', doc: 'The sender’s nickname.' }),

  // Children of message
  element(NS.client, 'body', [message], { spec: 'RFC 6121 §5.2.3', doc: 'The message text.' }),
  element(NS.client, 'subject', [message], { spec: 'RFC 6121 §5.2.4', doc: 'The topic (in a room: the room subject, XEP-0045 §8.1).' }),
  element(NS.client, 'thread', [message], {
    spec: 'RFC 6121 §5.2.5',
    doc: 'The conversation thread.',
    attributes: [attribute('parent', 'The parent thread.')],
  }),
  element(NS.stanzaId, 'stanza-id', [message], {
    spec: 'XEP-0359',
    doc: 'The id an archiving entity (a room, the user’s server) gave the message; made up on every run.',
    attributes: [attribute('id', 'The archive id.'), attribute('by', 'The JID of the entity that assigned it.')],
  }),
  element(NS.stanzaId, 'origin-id', [message], {
    spec: 'XEP-0359',
    doc: 'The id the sender gave the message.',
    attributes: [attribute('id', 'The sender’s id.')],
  }),
  element(NS.conference, 'x', [message], {
    spec: 'XEP-0249',
    doc: 'A direct invitation to a room.',
    attributes: [jid, attribute('password', 'The room password.'), attribute('reason', 'Why.')],
  }),
  element(NS.pubsubEvent, 'event', [message], { spec: 'XEP-0060 §7.1.2', doc: 'A pubsub notification.' }),
  element(NS.receipts, 'request', [message], { spec: 'XEP-0184', doc: 'Asks for a delivery receipt.' }),
  element(NS.receipts, 'received', [message], {
    spec: 'XEP-0184',
    doc: 'A delivery receipt.',
    attributes: [attribute('id', 'The id of the message received.')],
  }),
  ...['active', 'composing', 'paused', 'inactive', 'gone'].map((state) =>
    element(NS.chatStates, state, [message], { spec: 'XEP-0085', doc: `Chat state: ${state}.` }),
  ),
  ...['no-store', 'no-permanent-store', 'no-copy', 'store'].map((hint) =>
    element(NS.hints, hint, [message], { spec: 'XEP-0334', doc: `Processing hint: ${hint}.` }),
  ),
  element(NS.carbons, 'received', [message], { spec: 'XEP-0280', doc: 'A carbon copy of a message one of your resources received.' }),
  element(NS.carbons, 'sent', [message], { spec: 'XEP-0280', doc: 'A carbon copy of a message one of your resources sent.' }),

  // Children of iq
  element(NS.discoInfo, 'query', [iq], { spec: 'XEP-0030', doc: 'Asks for or lists identities and features.', attributes: [node] }),
  element(NS.discoItems, 'query', [iq], { spec: 'XEP-0030', doc: 'Asks for or lists items.', attributes: [node] }),
  element(NS.mucAdmin, 'query', [iq], { spec: 'XEP-0045 §9-10', doc: 'Changes or lists roles and affiliations.' }),
  element(NS.mucOwner, 'query', [iq], { spec: 'XEP-0045 §10', doc: 'Gets or submits the room configuration, or destroys the room.' }),
  element(NS.pubsub, 'pubsub', [iq], { spec: 'XEP-0060', doc: 'A pubsub request or its result.' }),
  element(NS.pubsubOwner, 'pubsub', [iq], { spec: 'XEP-0060 §8', doc: 'A pubsub owner request or its result.' }),
  element(NS.roster, 'query', [iq], { spec: 'RFC 6121 §2', doc: 'Gets or changes the roster.', attributes: [attribute('ver', 'Roster version.')] }),
  element(NS.register, 'query', [iq], { spec: 'XEP-0077', doc: 'Registration (with the server or a room).' }),
  element(NS.version, 'query', [iq], { spec: 'XEP-0092', doc: 'Asks for or tells the software version.' }),
  element(NS.last, 'query', [iq], {
    spec: 'XEP-0012',
    doc: 'Last activity; of a server: its uptime.',
    attributes: [attribute('seconds', 'Seconds since the last activity; differs on every run.')],
  }),
  element(NS.privateStorage, 'query', [iq], { spec: 'XEP-0049', doc: 'Private XML storage.' }),
  element(NS.mam, 'prefs', [iq], {
    spec: 'XEP-0313 §6',
    doc: 'Archiving preferences.',
    attributes: [
      attribute(
        'default',
        'What is archived by default.',
        values(['always', 'Archive everything.'], ['never', 'Archive nothing.'], ['roster', 'Archive messages of roster contacts.']),
      ),
    ],
  }),
  element(NS.upload, 'request', [iq], {
    spec: 'XEP-0363',
    doc: 'Asks for an upload slot.',
    attributes: [attribute('filename', 'The file’s name.'), attribute('size', 'Its size in bytes.'), attribute('content-type', 'Its MIME type.')],
  }),
  element(NS.upload, 'slot', [iq], { spec: 'XEP-0363', doc: 'The upload slot: a PUT and a GET URL.' }),
  element(NS.extdisco, 'services', [iq], {
    spec: 'XEP-0215',
    doc: 'Asks for or lists external services.',
    attributes: [attribute('type', 'Service type, e.g. stun.')],
  }),
  element(NS.extdisco, 'credentials', [iq], { spec: 'XEP-0215', doc: 'Asks for credentials of a service.' }),
  element(NS.commands, 'command', [iq], {
    spec: 'XEP-0050',
    doc: 'Executes an ad-hoc command.',
    attributes: [
      node,
      attribute(
        'action',
        'What to do.',
        values(['execute', 'Run it.'], ['cancel', 'Cancel it.'], ['next', 'Next stage.'], ['prev', 'Previous stage.'], ['complete', 'Finish.']),
      ),
      attribute('sessionid', 'The command session; the server makes it up.'),
      attribute('status', 'Where the command stands.', values(['executing', 'Running.'], ['completed', 'Done.'], ['canceled', 'Canceled.'])),
    ],
  }),
  element(NS.ping, 'ping', [iq], { spec: 'XEP-0199', doc: 'A ping; the reply is an empty result.' }),
  element(NS.time, 'time', [iq], { spec: 'XEP-0202', doc: 'Asks for or tells the entity’s time.' }),
  element(NS.vcard, 'vCard', [iq], { spec: 'XEP-0054', doc: 'A user’s profile.' }),
  element(NS.carbons, 'enable', [iq], { spec: 'XEP-0280', doc: 'Turns message carbons on.' }),
  element(NS.carbons, 'disable', [iq], { spec: 'XEP-0280', doc: 'Turns message carbons off.' }),

  // Errors (RFC 6120 §8.3)
  element(NS.client, 'error', [message, presence, iq], {
    spec: 'RFC 6120 §8.3',
    doc: 'Why a stanza failed: a condition element, optionally a text.',
    attributes: [
      attribute(
        'type',
        'What the sender may do about it.',
        values(
          ['cancel', 'Do not retry.'],
          ['continue', 'Proceed (a warning).'],
          ['modify', 'Retry after changing the data.'],
          ['auth', 'Retry after providing credentials.'],
          ['wait', 'Retry after waiting.'],
        ),
      ),
      attribute('by', 'The entity that returned the error.'),
    ],
  }),
  ...stanzaConditions.map(([name, doc]) => element(NS.stanzas, name, [stanzaError], { spec: 'RFC 6120 §8.3.3', doc })),
  element(NS.stanzas, 'text', [stanzaError], { spec: 'RFC 6120 §8.3.2', doc: 'A human-readable description of the error.' }),
  element(NS.upload, 'file-too-large', [stanzaError], { spec: 'XEP-0363', doc: 'The file is larger than the service allows.' }),
  element(NS.upload, 'max-file-size', [key(NS.upload, 'file-too-large')], { spec: 'XEP-0363', doc: 'The largest size allowed, in bytes.' }),

  // Multi-User Chat (XEP-0045)
  element(NS.muc, 'password', [key(NS.muc, 'x')], { spec: 'XEP-0045 §7.2.6', doc: 'The room password.' }),
  element(NS.muc, 'history', [key(NS.muc, 'x')], {
    spec: 'XEP-0045 §7.2.15',
    doc: 'How much room history to send on joining.',
    attributes: [
      attribute('maxchars', 'At most this many characters.'),
      attribute('maxstanzas', 'At most this many messages.'),
      attribute('seconds', 'Messages of the last so many seconds.'),
      attribute('since', 'Messages since this UTC time.'),
    ],
  }),
  element(NS.mucUser, 'item', [mucUserX], {
    spec: 'XEP-0045 §7.2.3',
    doc: 'The occupant’s affiliation and role (and real JID when you may see it).',
    attributes: [
      attribute('affiliation', 'The occupant’s long-lived relation to the room.', affiliations),
      attribute('role', 'The occupant’s role while in the room.', roles),
      attribute('jid', 'The occupant’s real full JID, shown in non-anonymous rooms and to moderators.'),
      attribute('nick', 'The occupant’s nickname (e.g. the new one on a nickname change).'),
    ],
  }),
  element(NS.mucUser, 'status', [mucUserX], {
    spec: 'XEP-0045 §15.6',
    doc: 'A status code about the presence or the room.',
    attributes: [attribute('code', 'The status code.', mucStatusCodes)],
  }),
  element(NS.mucUser, 'invite', [mucUserX], {
    spec: 'XEP-0045 §7.8.2',
    doc: 'A mediated invitation.',
    attributes: [attribute('to', 'The invitee (when sending).'), attribute('from', 'The inviter (when received).')],
  }),
  element(NS.mucUser, 'decline', [mucUserX], {
    spec: 'XEP-0045 §7.8.2',
    doc: 'An invitation declined.',
    attributes: [attribute('to', 'The inviter.'), attribute('from', 'The invitee.')],
  }),
  element(NS.mucUser, 'destroy', [mucUserX], { spec: 'XEP-0045 §10.9', doc: 'The room was destroyed.', attributes: [attribute('jid', 'An alternate room.')] }),
  element(NS.mucUser, 'password', [mucUserX], { spec: 'XEP-0045', doc: 'The room password.' }),
  element(NS.mucUser, 'actor', [mucUserItem], {
    spec: 'XEP-0045 §9',
    doc: 'Who made the change.',
    attributes: [attribute('nick', 'The actor’s nickname.'), attribute('jid', 'The actor’s JID.')],
  }),
  element(NS.mucUser, 'reason', [mucUserItem, key(NS.mucUser, 'invite'), key(NS.mucUser, 'decline'), key(NS.mucUser, 'destroy')], {
    spec: 'XEP-0045',
    doc: 'Why.',
  }),
  element(NS.mucAdmin, 'item', [mucAdminQuery], {
    spec: 'XEP-0045 §9',
    doc: 'The occupant or user whose role or affiliation to change or list.',
    attributes: [
      attribute('affiliation', 'The affiliation to set or list.', affiliations),
      attribute('role', 'The role to set or list.', roles),
      attribute('jid', 'The user’s bare JID.'),
      attribute('nick', 'The occupant’s nickname.'),
    ],
  }),
  element(NS.mucAdmin, 'actor', [mucAdminItem], { spec: 'XEP-0045 §9', doc: 'Who made the change.', attributes: [attribute('nick', 'Nickname.'), jid] }),
  element(NS.mucAdmin, 'reason', [mucAdminItem], { spec: 'XEP-0045 §9', doc: 'Why.' }),
  element(NS.mucOwner, 'destroy', [mucOwnerQuery], { spec: 'XEP-0045 §10.9', doc: 'Destroys the room.', attributes: [attribute('jid', 'An alternate room.')] }),
  element(NS.mucOwner, 'reason', [key(NS.mucOwner, 'destroy')], { spec: 'XEP-0045 §10.9', doc: 'Why the room is destroyed.' }),

  // Data forms (XEP-0004) and validation (XEP-0122)
  element(
    NS.data,
    'x',
    [
      mucOwnerQuery,
      key(NS.register, 'query'),
      command,
      discoInfo,
      message,
      key(NS.pubsub, 'configure'),
      key(NS.pubsub, 'publish-options'),
      key(NS.pubsubOwner, 'configure'),
    ],
    {
      spec: 'XEP-0004',
      doc: 'A data form.',
      attributes: [
        attribute(
          'type',
          'What the form is.',
          values(['form', 'A form to fill in.'], ['submit', 'A filled-in form.'], ['cancel', 'The form was cancelled.'], ['result', 'Data returned.']),
        ),
      ],
    },
  ),
  element(NS.data, 'title', [dataForm], { spec: 'XEP-0004', doc: 'The form’s title.' }),
  element(NS.data, 'instructions', [dataForm], { spec: 'XEP-0004', doc: 'How to fill in the form.' }),
  element(NS.data, 'field', [dataForm, key(NS.data, 'reported'), key(NS.data, 'item')], {
    spec: 'XEP-0004 §3.2',
    doc: 'A field; `FORM_TYPE` (hidden) names the form’s kind.',
    attributes: [
      attribute('var', 'The field’s name, e.g. FORM_TYPE or muc#roomconfig_persistentroom.'),
      attribute('type', 'The field type.', fieldTypes),
      attribute('label', 'A human-readable label.'),
    ],
  }),
  element(NS.data, 'reported', [dataForm], { spec: 'XEP-0004 §3.4', doc: 'The columns of a multi-item result.' }),
  element(NS.data, 'item', [dataForm], { spec: 'XEP-0004 §3.4', doc: 'A row of a multi-item result.' }),
  element(NS.data, 'value', [dataField, key(NS.data, 'option')], { spec: 'XEP-0004', doc: 'A field value.' }),
  element(NS.data, 'option', [dataField], { spec: 'XEP-0004', doc: 'A choice of a list field.', attributes: [attribute('label', 'A human-readable label.')] }),
  element(NS.data, 'required', [dataField], { spec: 'XEP-0004', doc: 'The field must be filled in.' }),
  element(NS.data, 'desc', [dataField], { spec: 'XEP-0004', doc: 'A description of the field.' }),
  element(NS.dataValidate, 'validate', [dataField], {
    spec: 'XEP-0122',
    doc: 'The field’s datatype and constraint.',
    attributes: [attribute('datatype', 'An XML Schema datatype, e.g. xs:integer.')],
  }),
  ...['basic', 'open', 'regex', 'list-range'].map((name) =>
    element(NS.dataValidate, name, [key(NS.dataValidate, 'validate')], { spec: 'XEP-0122', doc: `Validation method: ${name}.` }),
  ),
  element(NS.dataValidate, 'range', [key(NS.dataValidate, 'validate')], {
    spec: 'XEP-0122',
    doc: 'The allowed range.',
    attributes: [attribute('min', 'The smallest value.'), attribute('max', 'The largest value.')],
  }),

  // Service discovery (XEP-0030)
  element(NS.discoInfo, 'identity', [discoInfo], {
    spec: 'XEP-0030 §3.1',
    doc: 'What the entity is.',
    attributes: [
      attribute('category', 'e.g. conference, pubsub, server.'),
      attribute('type', 'e.g. text, service, im.'),
      attribute('name', 'A human-readable name.'),
    ],
  }),
  element(NS.discoInfo, 'feature', [discoInfo], {
    spec: 'XEP-0030 §3.1',
    doc: 'A protocol the entity supports.',
    attributes: [attribute('var', 'The feature’s namespace.')],
  }),
  element(NS.discoItems, 'item', [key(NS.discoItems, 'query')], {
    spec: 'XEP-0030 §4',
    doc: 'An item the entity holds.',
    attributes: [jid, node, attribute('name', 'A human-readable name.')],
  }),

  // Publish-subscribe (XEP-0060)
  element(NS.pubsub, 'create', [pubsub], { spec: 'XEP-0060 §8.1', doc: 'Creates a node.', attributes: [node] }),
  element(NS.pubsub, 'configure', [pubsub], { spec: 'XEP-0060 §8.1.3', doc: 'The configuration of a node being created.', attributes: [node] }),
  element(NS.pubsub, 'publish', [pubsub], { spec: 'XEP-0060 §7.1', doc: 'Publishes an item.', attributes: [node] }),
  element(NS.pubsub, 'publish-options', [pubsub], { spec: 'XEP-0060 §7.1.5', doc: 'Preconditions on the node’s configuration.' }),
  element(NS.pubsub, 'items', [pubsub], {
    spec: 'XEP-0060 §6.5',
    doc: 'Retrieves items.',
    attributes: [node, attribute('max_items', 'At most this many, newest first.'), attribute('subid', 'The subscription.')],
  }),
  element(NS.pubsub, 'item', [key(NS.pubsub, 'publish'), key(NS.pubsub, 'items'), key(NS.pubsub, 'retract')], {
    spec: 'XEP-0060',
    doc: 'An item.',
    attributes: [itemId, attribute('publisher', 'Who published it.')],
  }),
  element(NS.pubsub, 'retract', [pubsub], { spec: 'XEP-0060 §7.2', doc: 'Deletes an item.', attributes: [node, attribute('notify', 'Notify subscribers.')] }),
  element(NS.pubsub, 'subscribe', [pubsub], { spec: 'XEP-0060 §6.1', doc: 'Subscribes a JID to a node.', attributes: [node, jid] }),
  element(NS.pubsub, 'unsubscribe', [pubsub], {
    spec: 'XEP-0060 §6.2',
    doc: 'Unsubscribes.',
    attributes: [node, jid, attribute('subid', 'The subscription.')],
  }),
  element(NS.pubsub, 'subscription', [pubsub], {
    spec: 'XEP-0060 §6.1.2',
    doc: 'A subscription’s state.',
    attributes: [
      node,
      jid,
      attribute('subid', 'The subscription.'),
      attribute(
        'subscription',
        'Its state.',
        values(['subscribed', 'Subscribed.'], ['pending', 'Waiting for approval.'], ['unconfigured', 'Needs configuring.'], ['none', 'Not subscribed.']),
      ),
    ],
  }),
  element(NS.pubsub, 'subscriptions', [pubsub], { spec: 'XEP-0060 §5.6', doc: 'Lists subscriptions.', attributes: [node] }),
  element(NS.pubsub, 'affiliations', [pubsub], { spec: 'XEP-0060 §5.7', doc: 'Lists affiliations.', attributes: [node] }),
  element(NS.pubsub, 'options', [pubsub], { spec: 'XEP-0060 §6.3', doc: 'Subscription options.', attributes: [node, jid] }),
  element(NS.atom, 'entry', [pubsubItem, eventItem], { spec: 'RFC 4287', doc: 'An Atom entry (microblogging, XEP-0277).' }),
  element(NS.atom, 'title', [key(NS.atom, 'entry')], { spec: 'RFC 4287', doc: 'The entry’s title.' }),
  element(NS.tune, 'tune', [pubsubItem, eventItem], { spec: 'XEP-0118', doc: 'What the user is listening to.' }),
  element(NS.bookmarks, 'storage', [pubsubItem, key(NS.privateStorage, 'query')], { spec: 'XEP-0048', doc: 'Bookmarks.' }),
  element(NS.pubsubOwner, 'configure', [pubsubOwner], { spec: 'XEP-0060 §8.2', doc: 'Gets or sets a node’s configuration.', attributes: [node] }),
  element(NS.pubsubOwner, 'delete', [pubsubOwner], { spec: 'XEP-0060 §8.4', doc: 'Deletes a node.', attributes: [node] }),
  element(NS.pubsubOwner, 'purge', [pubsubOwner], { spec: 'XEP-0060 §8.5', doc: 'Deletes every item of a node.', attributes: [node] }),
  element(NS.pubsubOwner, 'default', [pubsubOwner], { spec: 'XEP-0060 §8.3', doc: 'Asks for the default node configuration.' }),
  element(NS.pubsubOwner, 'subscriptions', [pubsubOwner], { spec: 'XEP-0060 §8.8', doc: 'Lists or changes subscriptions of a node.', attributes: [node] }),
  element(NS.pubsubOwner, 'affiliations', [pubsubOwner], { spec: 'XEP-0060 §8.9', doc: 'Lists or changes affiliations of a node.', attributes: [node] }),
  element(NS.pubsubEvent, 'items', [event], { spec: 'XEP-0060 §7.1.2', doc: 'Items published to a node.', attributes: [node] }),
  element(NS.pubsubEvent, 'item', [key(NS.pubsubEvent, 'items')], {
    spec: 'XEP-0060 §7.1.2',
    doc: 'A published item.',
    attributes: [itemId, attribute('publisher', 'Who published it.')],
  }),
  element(NS.pubsubEvent, 'retract', [key(NS.pubsubEvent, 'items')], { spec: 'XEP-0060 §7.2.2', doc: 'A deleted item.', attributes: [itemId] }),
  element(NS.pubsubEvent, 'delete', [event], { spec: 'XEP-0060 §8.4.2', doc: 'The node was deleted.', attributes: [node] }),
  element(NS.pubsubEvent, 'purge', [event], { spec: 'XEP-0060 §8.5.2', doc: 'The node was purged.', attributes: [node] }),

  // Roster, registration, version, commands, upload, MAM
  element(NS.roster, 'item', [key(NS.roster, 'query')], {
    spec: 'RFC 6121 §2.1.2',
    doc: 'A contact.',
    attributes: [
      jid,
      attribute('name', 'The contact’s name.'),
      attribute(
        'subscription',
        'The subscription state.',
        values(
          ['both', 'Both see each other.'],
          ['from', 'The contact sees you.'],
          ['to', 'You see the contact.'],
          ['none', 'Neither.'],
          ['remove', 'Removes the contact (in a set).'],
        ),
      ),
      attribute('ask', 'A pending request.', values(['subscribe', 'You asked to subscribe.'])),
    ],
  }),
  element(NS.roster, 'group', [key(NS.roster, 'item')], { spec: 'RFC 6121 §2.1.2.5', doc: 'A roster group.' }),
  ...['username', 'password', 'email', 'registered', 'remove', 'instructions'].map((name) =>
    element(NS.register, name, [key(NS.register, 'query')], { spec: 'XEP-0077', doc: `Registration field: ${name}.` }),
  ),
  element(NS.version, 'name', [key(NS.version, 'query')], { spec: 'XEP-0092', doc: 'The software’s name.' }),
  element(NS.version, 'version', [key(NS.version, 'query')], { spec: 'XEP-0092', doc: 'The software’s version.' }),
  element(NS.version, 'os', [key(NS.version, 'query')], { spec: 'XEP-0092', doc: 'The operating system.' }),
  element(NS.commands, 'note', [command], {
    spec: 'XEP-0050',
    doc: 'A note about the command’s outcome.',
    attributes: [attribute('type', 'Its kind.', values(['info', 'Information.'], ['warn', 'A warning.'], ['error', 'An error.']))],
  }),
  element(NS.commands, 'actions', [command], { spec: 'XEP-0050', doc: 'The actions allowed next.' }),
  element(NS.upload, 'put', [key(NS.upload, 'slot')], {
    spec: 'XEP-0363',
    doc: 'Where to upload.',
    attributes: [attribute('url', 'The PUT URL; made up on every run.')],
  }),
  element(NS.upload, 'get', [key(NS.upload, 'slot')], {
    spec: 'XEP-0363',
    doc: 'Where to download.',
    attributes: [attribute('url', 'The GET URL; made up on every run.')],
  }),
  element(NS.upload, 'header', [key(NS.upload, 'put')], {
    spec: 'XEP-0363',
    doc: 'A header to send with the PUT.',
    attributes: [attribute('name', 'Authorization, Cookie or Expires.')],
  }),
  element(NS.mam, 'always', [key(NS.mam, 'prefs')], { spec: 'XEP-0313 §6', doc: 'JIDs always archived.' }),
  element(NS.mam, 'never', [key(NS.mam, 'prefs')], { spec: 'XEP-0313 §6', doc: 'JIDs never archived.' }),
  element(NS.mam, 'jid', [key(NS.mam, 'always'), key(NS.mam, 'never')], { spec: 'XEP-0313 §6', doc: 'A JID.' }),
  element(NS.extdisco, 'service', [key(NS.extdisco, 'services'), key(NS.extdisco, 'credentials')], {
    spec: 'XEP-0215',
    doc: 'An external service.',
    attributes: [
      attribute('host', 'Its host.'),
      attribute('port', 'Its port.'),
      attribute('type', 'e.g. stun, turn.'),
      attribute('transport', 'tcp or udp.'),
      attribute('username', 'A username; may be made up per request.'),
      attribute('password', 'A password; may be made up per request.'),
      attribute('expires', 'When the credentials expire.'),
      attribute('restricted', 'Whether credentials are needed.'),
    ],
  }),
];
