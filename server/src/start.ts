// dist/server.js, what the extension starts: runs the language server proper (dist/serverMain.js,
// built from main.ts) from V8's code cache, so that every start after the first skips compiling
// its ~700 KB and the functions its first diagnostics need (bench/serverStart.bench.ts). Node 20,
// which code-server and VS Code before 1.101 run extensions on, has no module.enableCompileCache;
// the cache is made the same way by hand: vm.Script's cachedData, created a few seconds after a
// start that found none (or one V8 refused), once the first diagnostics have compiled what they
// need, or when the server exits before that.
//
// The cache lives in a directory of its own, SCANSION_CODE_CACHE_DIR or else
// scansion-code-cache-UID in the OS's temporary directory, which must belong to this user and be
// writable by no one else (the cache is code this process runs). Its file is named after the bundle
// (a hash of its text: V8 itself only compares lengths) and the runtime (node's V8, architecture
// and options, which V8 also checks), written to a temporary file and renamed, so that a reader
// never sees half a file. Writing replaces the caches of other bundles. Any failure to read or
// write it only means a slower start: the server runs the same either way.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

/** How long after a start without a usable cache the cache is written, in milliseconds. */
const writeDelayMs = 3000;

// __dirname is dist/ in the CommonJS bundle this file becomes.
const bundle = join(__dirname, 'serverMain.js');
const bytes = readFileSync(bundle);
const source = bytes.toString('utf8');
const cache = cacheFile(bytes);
let cachedData: Buffer | undefined;
try {
  if (cache) cachedData = readFileSync(cache.path);
} catch {
  // No cache yet.
}
// The wrapper CommonJS gives a module; the bundle needs nothing but `require` of node's modules.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
const loaded = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(loaded.exports, createRequire(bundle), loaded, bundle, __dirname);
if (cache && (cachedData === undefined || script.cachedDataRejected)) {
  const write = () => {
    clearTimeout(timer);
    process.off('exit', write);
    writeCache(cache, script);
  };
  const timer = setTimeout(write, writeDelayMs).unref();
  // A server stopped sooner (a test's, a benchmark's) writes it as it exits.
  process.on('exit', write);
}

interface CacheFile {
  directory: string;
  /** The prefix of every cache of this bundle. */
  bundlePrefix: string;
  path: string;
}

/** Hashes the bundle's bytes (not its text: encoding it again would cost as much as hashing). */
function cacheFile(bundleBytes: Buffer): CacheFile | undefined {
  const directory = process.env.SCANSION_CODE_CACHE_DIR ?? join(tmpdir(), `scansion-code-cache-${process.getuid?.() ?? 'user'}`);
  if (directory === '' || !privateDirectory(directory)) return undefined;
  const hash = (data: Buffer | string) => createHash('sha256').update(data).digest('hex').slice(0, 16);
  const bundlePrefix = `server-${hash(bundleBytes)}-`;
  const runtime = hash([process.versions.v8, process.arch, ...process.execArgv].join('\0'));
  return { directory, bundlePrefix, path: join(directory, `${bundlePrefix}${runtime}.bin`) };
}

/** Makes the directory when missing; true when it is a directory only this user can write to. */
function privateDirectory(directory: string): boolean {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = lstatSync(directory);
    if (!stat.isDirectory()) return false;
    // Windows has no owners or modes here; its temporary directory is the user's own.
    return process.getuid === undefined || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

function writeCache(cache: CacheFile, compiled: Script): void {
  const temporary = `${cache.path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, compiled.createCachedData(), { mode: 0o600 });
    renameSync(temporary, cache.path);
    for (const name of readdirSync(cache.directory)) {
      if (name.startsWith('server-') && !name.startsWith(cache.bundlePrefix) && name.endsWith('.bin')) rmSync(join(cache.directory, name), { force: true });
    }
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}
