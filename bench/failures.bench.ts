// How fast a wrong answer is reported, against a real Prosody:
// - wrong_reply_fail_ms: from the start of a `sends` to the end of the failed `receives` that
//   awaits its reply, when the reply has the right id and the wrong content, with the default 5 s
//   timeout (SCANSION.md section 3, "Fail fast on the same id"). The median of 7 runs; target:
//   well under 1000 ms, whatever the timeout.

import { parseScenario } from '../core/parser/index.js';
import { defaultRunOptions, runScenario } from '../core/runner/index.js';
import { startProsody } from '../core/prosody/index.js';
import { percentile, type Emit } from './emit.js';

const runs = 7;

const wrongReply = `[Client] Romeo
	jid: romeo@localhost
	password: password

-----
Romeo connects

Romeo sends:
	<iq type="get" id="roster1">
		<query xmlns="jabber:iq:roster"/>
	</iq>

Romeo receives:
	<iq type="result" id="roster1">
		<query xmlns="jabber:iq:version"/>
	</iq>

Romeo disconnects
`;

export default async function (emit: Emit): Promise<void> {
  const server = await startProsody({ logLevel: 'warn' });
  try {
    const scenario = parseScenario(wrongReply);
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      let sent = 0;
      let failed = 0;
      // The default timeout: the figure must not depend on it.
      const result = await runScenario(
        scenario,
        'wrong-reply.scs',
        { host: server.host, port: server.port, timeoutMs: defaultRunOptions.timeoutMs },
        (event) => {
          if (event.event === 'stepStart' && event.index === 1) sent = performance.now();
          else if (event.event === 'stepEnd' && event.step.index === 2) failed = performance.now();
        },
      );
      if (result.status !== 'failed' || result.failure?.range.start.line !== 12)
        throw new Error(`the wrong reply did not fail its step: ${result.failure?.message ?? result.status}`);
      times.push(failed - sent);
    }
    emit('wrong_reply_fail_ms', percentile(times, 50), 'ms');
  } finally {
    await server.stop();
  }
}
