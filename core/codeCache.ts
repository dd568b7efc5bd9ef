// Runs a CommonJS bundle from V8's code cache, so that every start after the first skips compiling
// it and the functions an earlier run compiled. Node 20, which code-server and VS Code before 1.101
// run extensions on, has no module.enableCompileCache; the cache is made the same way by hand:
// vm.Script's cachedData, created by a start that found none (or one V8 refused), after a delay or
// when the process exits. Used by dist/server.js (server/src/start.ts), dist/cli.js (cli/start.ts)
// and the extension's entry point, dist/client.cjs, for dist/extension.cjs and dist/features.cjs
// (client/src/main.ts).
//
// The cache lives in a directory of its own, SCANSION_CODE_CACHE_DIR or else
// scansion-code-cache-UID in the OS's temporary directory, which must belong to this user and be
// writable by no one else (the cache is code this process runs); SCANSION_CODE_CACHE_DIR set to
// nothing turns the cache off. Its file is named after the bundle (its name and a hash of its bytes:
// V8 itself only compares lengths) and the runtime (node's V8, architecture and options, which V8
// also checks), written to a temporary file and renamed, so that a reader never sees half a file.
// Writing replaces the caches of other versions of the same bundle, and removes temporary files a
// process killed while writing left behind. Any failure to read or write it
// only means a slower start: the bundle runs the same either way.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CachedBundle {
  /** Absolute path of the CommonJS bundle to run: what it requires is resolved from its folder. */
  bundle: string;
  /** Names its cache files (`NAME-HASH-RUNTIME.bin`): letters only. */
  name: string;
  /** When a cache has to be made: this many milliseconds after the start, or after `warmedUp`
   *  (once what a first use needs is compiled), or at exit if that comes first. Unset: at exit
   *  only, so that the cache holds everything the run compiled. */
  writeAfterMs?: number;
  /** Given the bundle's exports, settles once the bundle has compiled what its first use needs:
   *  the cache is made only from then on (a process that exits before makes none). */
  warmedUp?: (exports: unknown) => Promise<unknown>;
}

/** Runs `bundle` as node's `require` would load it (CommonJS, with a `require` of its own that
 *  resolves from its folder: VS Code's extension host gives such a require the `vscode` module of
 *  the extension the bundle lies in), from the code cache when there is a usable one, and arranges
 *  for the cache to be made when there is none. Returns the bundle's `module.exports`. Throws only
 *  what the bundle's own top level throws. */
export function runCached({ bundle, name, writeAfterMs, warmedUp }: CachedBundle): unknown {
  const bytes = readFileSync(bundle);
  const source = bytes.toString('utf8');
  const cache = cacheFile(name, bytes);
  let cachedData: Buffer | undefined;
  try {
    if (cache) cachedData = readFileSync(cache.path);
  } catch {
    // No cache yet.
  }
  // The wrapper CommonJS gives a module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const arrangeWrite = (made: CacheFile) => {
    const write = () => {
      clearTimeout(timer);
      process.off('exit', write);
      writeCache(made, script);
    };
    const timer = writeAfterMs === undefined ? undefined : setTimeout(write, writeAfterMs).unref();
    process.on('exit', write);
  };
  const missing = cache && (cachedData === undefined || script.cachedDataRejected) ? cache : undefined;
  if (missing && !warmedUp) arrangeWrite(missing);
  const loaded: { exports: unknown } = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(loaded.exports, createRequire(bundle), loaded, bundle, dirname(bundle));
  if (missing && warmedUp) {
    warmedUp(loaded.exports).then(
      () => arrangeWrite(missing),
      () => {},
    );
  }
  return loaded.exports;
}

interface CacheFile {
  directory: string;
  /** The prefix of every cache of this bundle: `NAME-`. */
  namePrefix: string;
  /** The prefix of every cache of this version of the bundle. */
  bundlePrefix: string;
  path: string;
}

/** Hashes the bundle's bytes (not its text: encoding it again would cost as much as hashing). */
function cacheFile(name: string, bundleBytes: Buffer): CacheFile | undefined {
  const directory = process.env.SCANSION_CODE_CACHE_DIR ?? join(tmpdir(), `scansion-code-cache-${process.getuid?.() ?? 'user'}`);
  if (directory === '' || !privateDirectory(directory)) return undefined;
  const hash = (data: Buffer | string) => createHash('sha256').update(data).digest('hex').slice(0, 16);
  const namePrefix = `${name}-`;
  const bundlePrefix = `${namePrefix}${hash(bundleBytes)}-`;
  const runtime = hash([process.versions.v8, process.arch, ...process.execArgv].join('\0'));
  return { directory, namePrefix, bundlePrefix, path: join(directory, `${bundlePrefix}${runtime}.bin`) };
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

/** How old a temporary cache file must be to count as left by a process killed while writing it
 *  (a write takes milliseconds). */
const abandonedAfterMs = 60_000;

function abandoned(path: string): boolean {
  return Date.now() - statSync(path).mtimeMs > abandonedAfterMs;
}

function writeCache(cache: CacheFile, compiled: Script): void {
  const temporary = `${cache.path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, compiled.createCachedData(), { mode: 0o600 });
    renameSync(temporary, cache.path);
    for (const name of readdirSync(cache.directory)) {
      if (name.startsWith(cache.namePrefix) && !name.startsWith(cache.bundlePrefix) && name.endsWith('.bin'))
        rmSync(join(cache.directory, name), { force: true });
      else if (name.endsWith('.tmp') && abandoned(join(cache.directory, name))) rmSync(join(cache.directory, name), { force: true });
    }
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}
