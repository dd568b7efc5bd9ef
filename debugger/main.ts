// `node dist/debugAdapter.js`: the Scansion debug adapter, speaking the Debug Adapter Protocol
// over stdin and stdout (session.ts).

import { ScansionDebugSession } from './session.js';

const session = new ScansionDebugSession();
process.on('SIGTERM', () => session.shutdown());
// Bad input must not end the session: whatever a request handler leaves unhandled is reported.
process.on('unhandledRejection', (error) => session.reportInternalError(error));
process.on('uncaughtException', (error) => session.reportInternalError(error));
session.start(process.stdin, process.stdout);
