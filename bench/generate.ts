// Generates a large, valid scenario for benchmarks: a few characters, then MUC-style steps
// repeated until the file reaches the requested number of lines.

const header = [
  '# Generated scenario for benchmarks',
  '# Many steps, each with a realistic stanza',
  '## generated',
  '',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '\tpassword: password',
  '',
  "[Client] Juliet's phone",
  '\tjid: juliet@localhost',
  '\tpassword: password',
  '\tresource: mobile',
  '',
  '-----',
  '',
  'Romeo connects',
  '',
  "Juliet's phone connects",
  '',
];

function round(n: number): string[] {
  return [
    `# Round ${n}`,
    'Romeo sends:',
    `\t<message type="chat" to="\${Juliet's phone's full JID}" id="msg${n}">`,
    `\t\t<body>Hello number ${n} from Romeo</body>`,
    '\t</message>',
    '',
    "Juliet's phone receives:",
    `\t<message type="chat" from="\${Romeo's full JID}" id="{scansion:any}">`,
    `\t\t<body>Hello number ${n} from Romeo</body>`,
    '\t</message>',
    '',
    'Romeo sends:',
    `\t<iq type="get" id="disco${n}" to="conference.localhost">`,
    '\t\t<query xmlns="http://jabber.org/protocol/disco#info"/>',
    '\t</iq>',
    '',
    'Romeo receives:',
    `\t<iq type="result" id="disco${n}" from="conference.localhost">`,
    '\t\t<query xmlns="http://jabber.org/protocol/disco#info" scansion:strict="false">',
    '\t\t\t<feature var="http://jabber.org/protocol/muc"/>',
    '\t\t</query>',
    '\t</iq>',
    '',
  ];
}

export function generateScenario(lineCount: number): string {
  const lines = [...header];
  const footer = ['Romeo disconnects', "Juliet's phone disconnects"];
  for (let n = 1; lines.length + round(n).length + footer.length <= lineCount; n++) lines.push(...round(n));
  // Whole rounds only, so every block stays well-formed; comment lines make up the count.
  while (lines.length + footer.length < lineCount) lines.push('# padding');
  lines.push(...footer);
  return lines.join('\n') + '\n';
}
