// What the extension loads on first use rather than at activation: running scenarios (the runner
// and the local Prosody launcher), recording them (the recording proxy and its certificates) and
// the stanza diff panel.
// They are bundled apart, in dist/onDemand.js (esbuild.mjs), so that activation reads only the
// language client and the editing features; test/client/bundles.test.ts keeps it so.

import { join } from 'node:path';

/** The modules of dist/onDemand.js (client/src/onDemandEntry.ts). */
export type OnDemand = typeof import('./onDemandEntry.js');

let loaded: OnDemand | undefined;

/** Loads dist/onDemand.js the first time; synchronous (a local file), throws only when the
 *  extension's files are damaged. */
export function onDemand(): OnDemand {
  // A computed path, so that esbuild leaves this require alone instead of bundling the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load of a sibling CommonJS bundle at run time, on purpose
  loaded ??= require(join(__dirname, 'onDemand.js')) as OnDemand;
  return loaded;
}

/** Whether it was loaded (nothing to stop at deactivation otherwise). */
export function onDemandLoaded(): boolean {
  return loaded !== undefined;
}
