import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the dashboard into web/dist unless the build there is of exactly these sources:
 * `npm start` runs it first, so a fresh clone serves the dashboard and a later start costs a
 * hash of the sources, not a rebuild.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STAMP = join(ROOT, 'web/dist/.build-hash');
const INPUTS = ['web', 'client', 'contract', 'package-lock.json'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every file the dashboard is built from (paths and contents). */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(join(ROOT, p)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds the dashboard into `outDir` (web/dist by default). */
export async function buildWeb(outDir = join(ROOT, 'web/dist')): Promise<void> {
  // imported here, not at the top: loading Vite takes longer than checking the stamp, which is all most starts do
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** Builds when the stamp does not match the sources; returns whether it built. */
export async function buildWebIfStale(log: (line: string) => void = console.log): Promise<boolean> {
  const hash = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && existsSync(join(ROOT, 'web/dist/index.html'))) {
    log('dashboard: web/dist is current');
    return false;
  }
  log('dashboard: building web/dist …');
  await buildWeb();
  writeFileSync(STAMP, hash);
  log('dashboard: built');
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWebIfStale();
}
