// The snippets the editor offers, each with the place where it fits. Bodies use LSP snippet
// syntax (`${1:default}`, `$1`, `${1|a,b|}`, `$0`); a Scansion variable is written `\${NAME's JID}`
// so that the snippet engine leaves it alone. Every body, expanded with its defaults, checks clean
// and the scenario-level ones run green against Prosody (test/snippets).

/** Where a snippet fits: a whole new file, a definition (column 0, above the separator), a step
 *  (column 0, below it) or a stanza at the top of a step's block. */
export type SnippetPlace = 'file' | 'definition' | 'step' | 'stanza';

export interface Snippet {
  /** What the author types; also the completion label. */
  prefix: string;
  name: string;
  description: string;
  place: SnippetPlace;
  body: readonly string[];
}

const mucJoinRequest = [
  '${1:Romeo} sends:',
  '\t<presence to="${2:room}@${3:conference.localhost}/${4:$1}">',
  '\t\t<x xmlns="http://jabber.org/protocol/muc"/>',
  '\t</presence>',
  '',
];

/** The room's subject comes last when joining (XEP-0045 §7.2.15); an empty one when none is set. */
const mucSubject = ['$1 receives:', '\t<message from="$2@$3" type="groupchat">', '\t\t<subject/>', '\t</message>'];

export const snippets: readonly Snippet[] = [
  {
    prefix: 'scenario',
    name: 'New scenario',
    description: 'A scenario with two clients that connect, exchange a message and disconnect',
    place: 'file',
    body: [
      '# ${1:Title of the scenario}',
      '# ${2:What it checks}',
      '',
      '[Client] ${3:Romeo}',
      '\tjid: ${4:romeo}@localhost',
      '\tpassword: password',
      '',
      '[Client] ${5:Juliet}',
      '\tjid: ${6:juliet}@localhost',
      '\tpassword: password',
      '',
      '-----',
      '',
      '$3 connects',
      '',
      '$5 connects',
      '',
      '$3 sends:',
      '\t<message to="\\${$5\'s full JID}" type="chat">',
      '\t\t<body>${7:Hello}</body>',
      '\t</message>',
      '',
      '$5 receives:',
      '\t<message from="\\${$3\'s full JID}" type="chat">',
      '\t\t<body>$7</body>',
      '\t</message>',
      '',
      '$3 disconnects',
      '',
      '$5 disconnects',
      '$0',
    ],
  },
  {
    prefix: '[Client]',
    name: 'Client',
    description: 'A character: a client connection with its account',
    place: 'definition',
    body: ['[Client] ${1:Name}', '\tjid: ${2:user}@${3:localhost}', '\tpassword: ${4:password}', '$0'],
  },
  {
    prefix: 'client-resource',
    name: 'Client with resource',
    description: 'A character that binds a fixed resource',
    place: 'definition',
    body: ['[Client] ${1:Name}', '\tjid: ${2:user}@${3:localhost}', '\tpassword: ${4:password}', '\tresource: ${5:phone}', '$0'],
  },
  {
    prefix: 'sends',
    name: 'sends',
    description: 'A character sends a stanza',
    place: 'step',
    body: ['${1:Romeo} sends:', '\t${0:<presence/>}'],
  },
  {
    prefix: 'receives',
    name: 'receives',
    description: 'A character must receive a matching stanza',
    place: 'step',
    body: ['${1:Romeo} receives:', '\t${0:<presence/>}'],
  },
  {
    prefix: 'nothing',
    name: 'receives nothing',
    description: 'A character must receive nothing more',
    place: 'step',
    body: ['${1:Romeo} receives: nothing'],
  },
  {
    prefix: 'muc-create',
    name: 'MUC create room',
    description:
      'A character creates a room: joins, gets the 201/110 self-presence and the subject, and submits the default configuration (a new room stays locked until configured)',
    place: 'step',
    body: [
      ...mucJoinRequest,
      '$1 receives:',
      '\t<presence from="$2@$3/$4">',
      '\t\t<x xmlns="http://jabber.org/protocol/muc#user">',
      '\t\t\t<status code="201"/>',
      '\t\t\t<item jid="\\${$1\'s full JID}" affiliation="owner" role="moderator"/>',
      '\t\t\t<status code="110"/>',
      '\t\t</x>',
      '\t</presence>',
      '',
      ...mucSubject,
      '',
      '$1 sends:',
      '\t<iq to="$2@$3" type="set" id="${5:config1}">',
      '\t\t<query xmlns="http://jabber.org/protocol/muc#owner">',
      '\t\t\t<x xmlns="jabber:x:data" type="submit"/>',
      '\t\t</query>',
      '\t</iq>',
      '',
      '$1 receives:',
      '\t<iq from="$2@$3" type="result" id="$5"/>',
      '$0',
    ],
  },
  {
    prefix: 'muc-join',
    name: 'MUC join existing room',
    description: 'A character joins a room that exists already and gets its own presence and the subject',
    place: 'step',
    body: [
      ...mucJoinRequest.map((line) => line.replace('${1:Romeo}', '${1:Juliet}')),
      '$1 receives:',
      '\t<presence from="$2@$3/$4">',
      '\t\t<x xmlns="http://jabber.org/protocol/muc#user">',
      '\t\t\t<item jid="\\${$1\'s full JID}" affiliation="${5|none,member,admin,owner|}" role="${6|participant,moderator,visitor|}"/>',
      '\t\t\t<status code="110"/>',
      '\t\t</x>',
      '\t</presence>',
      '',
      ...mucSubject,
      '$0',
    ],
  },
  {
    prefix: 'message',
    name: 'message',
    description: 'A message stanza with a body',
    place: 'stanza',
    body: ['<message to="${1:\\${${2:Juliet}\'s full JID\\}}" type="${3|chat,groupchat,normal,headline|}">', '\t<body>${4:Hello}</body>', '</message>'],
  },
  {
    prefix: 'presence',
    name: 'presence',
    description: 'A presence stanza',
    place: 'stanza',
    body: ['<presence${1: to="${2:room@conference.localhost/Nick}"}/>'],
  },
  {
    prefix: 'iq-get',
    name: 'iq get',
    description: 'An iq get with a query payload',
    place: 'stanza',
    body: ['<iq type="get" id="${1:q1}" to="${2:localhost}">', '\t<query xmlns="${3:http://jabber.org/protocol/disco#info}"/>', '</iq>'],
  },
  {
    prefix: 'iq-set',
    name: 'iq set',
    description: 'An iq set with a payload',
    place: 'stanza',
    body: ['<iq type="set" id="${1:s1}" to="${2:localhost}">', '\t<${3:query} xmlns="${4:jabber:iq:roster}">', '\t\t$0', '\t</$3>', '</iq>'],
  },
  {
    prefix: 'iq-result',
    name: 'iq result',
    description: 'The expected result of an iq',
    place: 'stanza',
    body: ['<iq type="result" id="${1:q1}"${2: from="${3:localhost}"}/>'],
  },
];

/** The snippets that fit `place`, in the table's order. */
export function snippetsFor(place: SnippetPlace): Snippet[] {
  return snippets.filter((snippet) => snippet.place === place);
}
