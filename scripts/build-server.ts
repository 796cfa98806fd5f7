import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Builds the server into one JavaScript file, dist/server/main.mjs, that plain `node` runs:
 * `npm start` runs it (after building it here when its sources changed), so an installed server
 * starts without tsx compiling and resolving some 1,200 modules through its loader on every start
 * (issue 13: start to /readyz under 1 s). Tests and development keep running the TypeScript
 * through tsx; both run the same code, server/main.ts and everything it imports.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The built server. */
export const SERVER_BUNDLE = join(ROOT, 'dist/server/main.mjs');
const STAMP = join(ROOT, 'dist/server/.build-hash');
/** What the bundle is made of: our sources, the installed packages (through the lockfile) and how it is built. */
const INPUTS = ['server', 'contract', 'package.json', 'package-lock.json', 'scripts/build-server.ts'];

/**
 * Packages left for Node to load from node_modules: native addons (a .node file beside their
 * JavaScript), pg's optional native binding (absent, required only on demand) and ioredis, which
 * finds its own package.json through __dirname (undefined inside an ES module bundle).
 */
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'pg-native', 'ioredis'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every file the bundle is built from (paths and contents), and of the Node version it targets. */
export function serverSourceHash(): string {
  const hash = createHash('sha256').update(process.version).update('\0');
  for (const file of INPUTS.flatMap((p) => files(join(ROOT, p)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Modules find files beside them through `import.meta.url` (server/version.ts reads
 * ../package.json, the web plugin ../../web/dist). In one bundle every module would see the
 * bundle's own URL, so each use in our sources is replaced by the URL the module has unbundled,
 * worked out at run time from the bundle's: the checkout can move after the build.
 */
const ownUrls = (outfile: string): Plugin => ({
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(dirname(outfile), args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
});

/**
 * Builds dist/server/main.mjs (or `outfile`: the test of the bundle builds one of its own) from
 * server/main.ts and records the hash of what it was built from.
 */
export async function buildServer(outfile = SERVER_BUNDLE): Promise<void> {
  const hash = serverSourceHash();
  await build({
    entryPoints: [join(ROOT, 'server/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    external: EXTERNAL,
    plugins: [ownUrls(outfile)],
    logLevel: 'warning',
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    legalComments: 'none',
  });
  writeFileSync(join(dirname(outfile), '.build-hash'), hash);
}

/** Builds when the stamp does not match the sources; returns whether it built. */
export async function buildServerIfStale(log: (line: string) => void = console.log): Promise<boolean> {
  if (existsSync(SERVER_BUNDLE) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === serverSourceHash()) {
    log('server: dist/server/main.mjs is current');
    return false;
  }
  log('server: building dist/server/main.mjs …');
  await buildServer();
  log('server: built');
  return true;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await buildServerIfStale();
}
