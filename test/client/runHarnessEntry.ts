// One bundle of the modules runHarness.ts drives, so that they share their module state as in the extension.
export { ScenarioTests } from '../../client/src/testing/testController.js';
export { runTests } from '../../client/src/testing/testRun.js';
export { RunTargets } from '../../client/src/run/targetSwitcher.js';
