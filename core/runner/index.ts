// The scenario runner: runs a parsed scenario against an XMPP server.
export { runScenario } from './run.js';
export { defaultRunOptions, runOptions, type RunOptions } from './options.js';
export type { LiveCharacter, LiveSession, LiveStanza, StepControl } from './control.js';
