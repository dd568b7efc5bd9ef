// The `scs` command line tool. Each subcommand lives in its own module and registers itself here.

import { registerCheckCommand } from './check.js';
import { registerRecordCommand } from './record.js';
import { registerRunCommand } from './run.js';
import { registerServerCommand } from './server.js';
import { program as newProgram, runProgram } from './usage.js';

const program = newProgram('scs').description('Check and run Scansion XMPP test scenarios (.scs)');

registerCheckCommand(program);
registerRunCommand(program);
registerServerCommand(program);
registerRecordCommand(program);

runProgram(program);
