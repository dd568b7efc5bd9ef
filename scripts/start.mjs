// `npm start`: the quick start. On a fresh clone it installs what it needs (Debian and npm packages,
// code-server, Chromium), packages the extension, starts a local Prosody and a real VS Code in the
// browser (code-server) with the extension installed and scenarios/ open, prints the address to open,
// and stops everything on Ctrl+C.
//
// Plain JavaScript on purpose: it runs before `npm ci` has installed tsx. The TypeScript helpers it
// shares with the end-to-end test are loaded through tsx once setup is done.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
  console.warn(`start: warning: VS Code will listen on ${host} without a password; anyone who reaches it can run code here`);
}

function run(command, args) {
  console.log(`start: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: \`${command} ${args.join(' ')}\` failed`);
    process.exit(result.status ?? 1);
  }
}

run('bash', ['scripts/setup.sh']);
run('npm', ['run', 'package']);

const { tsImport } = await import('tsx/esm/api');
const codeServer = await tsImport('../tools/vscode/code-server.ts', import.meta.url);
const extension = await tsImport('../tools/vscode/extension.ts', import.meta.url);
const { startProsody } = await tsImport('../core/prosody/index.ts', import.meta.url);

const stoppers = [];
let stopping = false;
async function stopAll() {
  stopping = true;
  for (const stop of stoppers.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error('start: while stopping:', error);
    }
  }
}

// Registered first, so that Ctrl+C during start-up also stops what has started.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log('\nstart: stopping');
    void stopAll().then(() => process.exit(0));
  });
}

try {
  const prosody = await startProsody({ configTemplate: join(repoRoot, 'scenarios/prosody.cfg.lua') });
  stoppers.push(() => prosody.stop());
  console.log(`start: Prosody listening on ${prosody.host}:${prosody.port}`);

  // A profile of its own, kept between runs so the editor state survives a restart.
  const profile = codeServer.createProfile(join(repoRoot, '.cache/start-profile'), {
    // The user started this on their own checkout: no trust prompt.
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'scansion.server.host': prosody.host,
    'scansion.server.port': prosody.port,
  });
  codeServer.installExtension(profile, extension.vsixPath());
  const server = await codeServer.startCodeServer(profile, join(repoRoot, 'scenarios'), { host, port });
  stoppers.push(() => server.stop());
  void server.exited.then(async () => {
    if (stopping) return;
    console.error(`start: code-server stopped unexpectedly:\n${server.output()}`);
    await stopAll();
    process.exit(1);
  });

  console.log('');
  console.log(`  Scansion in VS Code is ready: open ${server.folderUrl}`);
  console.log('  Press Ctrl+C to stop VS Code and Prosody.');
  console.log('');
} catch (error) {
  console.error('start: could not start:', error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
}
