// Entry point of dist/onDemand.js: the modules the extension loads on first use (onDemand.ts).
export { DiffPanel } from './diff/diffPanel.js';
export { reportResult, runTests, stopAllRuns } from './testing/testRun.js';
export { startProsody } from '../../core/prosody/index.js';
export { startRecording } from '../../core/recorder/index.js';
