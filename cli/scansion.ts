// `scansion`: a drop-in for Scansion's own command line, so that Prosody's `make integration-test
// SCANSION=scansion` works on its tree unchanged (SCANSION.md section 4): `scansion -d DIR` runs a
// folder, `scansion FILE...` files, with Scansion's `--only-tags`/`--skip-tags`, plus every option
// of `scs run`. One difference from `scs run`: with neither --server nor --local-server, each
// character connects where its JID's domain leads, as an XMPP client finds it (DNS SRV
// `_xmpp-client._tcp.DOMAIN`, else the domain on port 5222: core/runner/locate.ts), as Scansion
// does; so `localhost` JIDs reach the Prosody that `prosodyctl start` runs on localhost:5222.

import { srvLocator } from '../core/runner/locate.js';
import { runAction } from './run.js';
import { addRunOptions } from './runOptions.js';
import { program as newProgram, runProgram } from './usage.js';

const program = newProgram('scansion')
  .description("Run Scansion XMPP test scenarios (.scs): a drop-in for Scansion's own command")
  .argument('[files...]', 'scenario files (or folders) to run; FILE.scs:LINE runs that file up to and including the step at LINE');
addRunOptions(program, "each character's JID domain, found as an XMPP client finds it (DNS SRV, else DOMAIN:5222)");
program.action(runAction(program, { locate: srvLocator() }));

runProgram(program);
