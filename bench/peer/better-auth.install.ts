import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The Better Auth release the benchmark compares against, pinned exactly so that two runs of the
 * suite measure the same code (1.7.25 was npm's `latest` when the peer was written; it declares
 * no `engines` and runs on Node 20). Changing it installs a new copy beside the old one.
 */
export const BETTER_AUTH_VERSION = '1.7.25';

/**
 * Where the peer is installed: under the OS temp folder, one folder per version, so a second run
 * of the suite reuses it (installing takes ~25 s) and nothing of Better Auth's ever enters our
 * package.json or node_modules.
 */
export const PEER_INSTALL_DIR = join(tmpdir(), 'baseline-bench-peer', BETTER_AUTH_VERSION);

/** Resolves a package specifier as seen from the peer's install folder (its own node_modules). */
export function peerRequire(): NodeJS.Require {
  return createRequire(join(PEER_INSTALL_DIR, 'package.json'));
}

/** Imports an ES module of the installed peer by specifier (e.g. `better-auth/crypto`). */
export async function importFromPeer<T>(specifier: string): Promise<T> {
  return (await import(pathToFileURL(peerRequire().resolve(specifier)).href)) as T;
}

function installedVersion(dir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', 'better-auth', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version;
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[], cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const keep = (chunk: Buffer) => output.push(chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else {
        for (const line of output.join('').trimEnd().split('\n')) log(`  npm: ${line}`);
        reject(new Error(`${command} ${args.join(' ')} exited with ${code} in ${cwd}`));
      }
    });
  });
}

/**
 * Installs `better-auth@BETTER_AUTH_VERSION` from the npm registry into PEER_INSTALL_DIR unless
 * that exact version is already there. It installs into a private staging folder first and
 * renames it into place, so an interrupted install or two suites starting at once never leave
 * a half-filled folder that a later run would take for a finished one.
 *
 * better-sqlite3 is deliberately NOT installed here: the peer's server loads our own root
 * node_modules' better-sqlite3 12 by absolute path and hands Better Auth the Database instance
 * (its documented `database: new Database(file)` setup). That way nothing needs a native build
 * (`--ignore-scripts` holds for the whole tree, so npm 11's allowScripts never comes into it),
 * a fresh clone needs only the npm registry (better-sqlite3's build would fetch a prebuilt
 * binary from GitHub or Node headers from nodejs.org), and both servers run the very same
 * SQLite driver and library, so the comparison measures the two servers and not two builds.
 */
export async function ensureBetterAuthInstalled(log: (line: string) => void): Promise<string> {
  if (installedVersion(PEER_INSTALL_DIR) === BETTER_AUTH_VERSION) {
    log(`peer: better-auth ${BETTER_AUTH_VERSION} already installed in ${PEER_INSTALL_DIR}`);
    return PEER_INSTALL_DIR;
  }
  const staging = `${PEER_INSTALL_DIR}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(
    join(staging, 'package.json'),
    `${JSON.stringify(
      {
        name: 'baseline-bench-peer',
        private: true,
        type: 'module',
        description: "Better Auth, installed by Baseline's benchmark (bench/peer/) to measure it beside Baseline",
        dependencies: { 'better-auth': BETTER_AUTH_VERSION },
      },
      null,
      2,
    )}\n`,
  );
  const started = Date.now();
  log(`peer: installing better-auth ${BETTER_AUTH_VERSION} from the npm registry into ${PEER_INSTALL_DIR} …`);
  try {
    await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], staging, log);
    if (installedVersion(staging) !== BETTER_AUTH_VERSION) {
      throw new Error(`npm install did not leave better-auth ${BETTER_AUTH_VERSION} in ${staging}`);
    }
    if (installedVersion(PEER_INSTALL_DIR) !== BETTER_AUTH_VERSION) {
      rmSync(PEER_INSTALL_DIR, { recursive: true, force: true });
      renameSync(staging, PEER_INSTALL_DIR);
    }
  } finally {
    // another suite may have finished its install first: then ours is simply discarded
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
  log(`peer: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return PEER_INSTALL_DIR;
}
