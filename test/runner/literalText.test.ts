// Literal `${...}` text (README "Variables and literal ${...} text"), run against a real Prosody:
// text that names no character goes on the wire as written and is matched as written, next to a
// real variable in the same body. The rule is core/variables.ts variableMeaning.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../../core/runner/index.js';
import { diagnose } from '../../core/diagnostics/index.js';
import { startTestProsody, type TestServer } from './prosody.js';
import { character, scenario } from './support.js';

let server: TestServer;
before(async () => {
  server = await startTestProsody();
});
after(async () => {
  await server?.stop();
});

const text = `# A recorded body with shell variables in it
${character('Romeo', 'romeo')}
-----
Romeo connects

Romeo sends:
	<message to="\${Romeo's full JID}" type="chat">
		<body>cd \${HOME} &amp;&amp; echo \${Romeo's JID}</body>
	</message>

Romeo receives:
	<message from="\${Romeo's full JID}" type="chat">
		<body>cd \${HOME} &amp;&amp; echo romeo@localhost</body>
	</message>

Romeo disconnects
`;

test('literal ${HOME} is sent and matched as written, beside a substituted variable', async () => {
  const parsed = scenario(text);
  assert.deepEqual(
    diagnose(parsed).map((item) => [item.code, item.severity]),
    [
      ['variable-literal', 'hint'],
      ['variable-literal', 'hint'],
    ],
  );
  const result = await runScenario(parsed, 'literal.scs', { host: server.host, port: server.port, timeoutMs: 3000, quietMs: 200 });
  assert.equal(result.status, 'passed', JSON.stringify(result.failure));
  const sent = result.transcript.find((entry) => entry.direction === 'sent' && entry.text.includes('<message'));
  assert.match(sent!.text, /<body>cd \$\{HOME\} &amp;&amp; echo romeo@localhost<\/body>/);
  const received = result.transcript.find((entry) => entry.direction === 'received' && entry.text.includes('<message'));
  assert.match(received!.text, /<body>cd \$\{HOME\} &amp;&amp; echo romeo@localhost<\/body>/, 'the server got the literal text');
});
