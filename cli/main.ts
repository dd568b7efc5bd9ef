// The `scs` command line tool. Each subcommand lives in its own module and registers itself here.

import { Command } from 'commander';
import { registerCheckCommand } from './check.js';
import { registerRecordCommand } from './record.js';
import { registerRunCommand } from './run.js';
import { registerServerCommand } from './server.js';

const program = new Command('scs')
  .description('Check and run Scansion XMPP test scenarios (.scs)')
  // Usage errors (unknown option or command, missing argument) exit with 2; asking for help, with 0.
  .exitOverride((error) => {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') process.exit(0);
    process.exit(error.exitCode === 1 ? 2 : error.exitCode);
  });

registerCheckCommand(program);
registerRunCommand(program);
registerServerCommand(program);
registerRecordCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
